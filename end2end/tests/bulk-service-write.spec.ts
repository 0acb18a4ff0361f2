import { test, expect, request as newRequest, APIRequestContext, Page } from "@playwright/test";
import { interactive } from "./helpers";
import { service } from "./signin";

// The power-lists acceptance run against the service-mode instance, whose HaloPSA budget scripts/e2e.sh sets
// to 3000 calls per 5 minutes: bulk work gets half of it after half the burst, so 150 clients (a read and a
// write each) take tens of seconds. 150 clients of this run's own are made straight in the simulator, picked
// with "Select all 150 matching", deactivated as a job whose progress moves in place, cancelled, resumed, and
// checked on the wire: one write per client, each carrying the status alone.

const sim = process.env.SERVICE_SIM_URL ?? "";

type Write = { method: string; path: string; body: string };

/** The standalone simulator's API, signed in with the service instance's own client (as test set-up). */
async function simApi(): Promise<{ api: APIRequestContext; writes: () => Promise<Write[]> }> {
  const api = await newRequest.newContext({ baseURL: sim });
  const tok = await api.post(`/auth/token?tenant=${process.env.SIM_TENANT ?? ""}`, {
    form: {
      grant_type: "client_credentials",
      scope: "all",
      client_id: process.env.SIM_CLIENT_ID!,
      client_secret: process.env.SERVICE_SECRET!,
    },
  });
  expect(tok.status()).toBe(200);
  const token = (await tok.json()).access_token as string;
  const authed = await newRequest.newContext({ baseURL: sim, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  await api.dispose();
  const writes = async () => (await (await authed.get("/_control/writes")).json()) as Write[];
  return { api: authed, writes };
}

async function signedIn(page: Page, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("User name").fill(service.user);
  await page.getByLabel("Password").fill(service.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".signed-in .who")).toHaveText(service.user);
}

/** The job page's counts line, e.g. "Running: 12 done, 0 failed, 138 left; about 30 s left." */
function counts(line: string): { done: number; left: number } {
  const m = line.match(/(\d+) done, (\d+) failed, (\d+) left/);
  expect(m, line).not.toBeNull();
  return { done: Number(m![1]), left: Number(m![3]) };
}

test("150 clients deactivated under the rate limit: live progress, cancel, resume, one field each on the wire", async ({ browser }) => {
  test.skip(!service.url || !sim, "SERVICE_URL is not set (scripts/e2e.sh starts the service-mode instance)");
  test.setTimeout(240_000);
  const { api, writes } = await simApi();
  const prefix = `Bulk150 ${Date.now()}`;
  const made = await api.post("/api/Client", {
    data: Array.from({ length: 150 }, (_, i) => ({ name: `${prefix} ${String(i).padStart(3, "0")}` })),
  });
  expect(made.status()).toBe(201);

  const ctx = await browser.newContext({ baseURL: service.url, storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await signedIn(page, `/clients?q=${encodeURIComponent(prefix)}`);
  await interactive(page);
  await page.getByTestId("bulk-all").click();
  await expect(page).toHaveURL(/\/bulk\?/);
  await expect(page.getByTestId("bulk-count")).toHaveText("All 150 clients matching the list's search and filters.");
  const writesBefore = (await writes()).length;
  await interactive(page);
  await page.getByTestId("bulk-deactivate").click();

  // the job page, updated in place every 2 s: the same document (a variable set now survives) shows
  // progress moving while the job runs
  await expect(page).toHaveURL(/\/jobs\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Deactivate 150 clients");
  await interactive(page);
  await page.evaluate(() => ((window as any).sameDocument = true));
  const state = page.getByTestId("job-state");
  const bar = page.locator("progress");
  const first = counts((await state.textContent()) ?? "");
  await expect(state).toHaveText(/^Running: \d+ done, 0 failed, \d+ left; about \d+ (s|min) left\.$/);
  await expect
    .poll(async () => counts((await state.textContent()) ?? "").done, { timeout: 20_000 })
    .toBeGreaterThan(first.done);
  const moving = Number(await bar.getAttribute("value"));
  expect(moving).toBeGreaterThan(0);
  expect(moving).toBeLessThan(150);
  expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);

  // cancel: it stops with records left, and nothing more reaches HaloPSA
  await page.getByTestId("job-cancel").click();
  await expect(state).toHaveText(/^Cancelled: \d+ done, 0 failed, \d+ left\.$/, { timeout: 20_000 });
  const cancelled = counts((await state.textContent()) ?? "");
  expect(cancelled.left).toBeGreaterThan(0);
  expect(cancelled.done + cancelled.left).toBe(150);
  const sentAtCancel = (await writes()).length;
  await page.waitForTimeout(1500);
  expect((await writes()).length, "nothing is sent after a cancel").toBe(sentAtCancel);

  // resume: it finishes the rest
  await page.getByTestId("job-resume").click();
  await expect(state).toHaveText("Finished: 150 done, 0 failed, 0 left.", { timeout: 150_000 });
  await expect(bar).toHaveAttribute("value", "150");

  // on the wire: exactly these 150 clients, each written once, with its id and the status alone
  const mine = (await writes()).slice(writesBefore).filter((w) => w.method === "POST" && /\/api\/client$/i.test(w.path));
  expect(mine).toHaveLength(150);
  const bodies = mine.map((w) => JSON.parse(w.body));
  for (const b of bodies) {
    expect(b).toHaveLength(1);
    expect(Object.keys(b[0]).sort()).toEqual(["id", "inactive"]);
    expect(b[0].inactive).toBe(true);
  }
  const ids: number[] = [];
  for (const no of [1, 2]) {
    const q = `search=${encodeURIComponent(prefix)}&includeinactive=true&pageinate=true&page_size=100&page_no=${no}`;
    const listed = await (await api.get(`/api/Client?${q}`)).json();
    ids.push(...(listed.clients as { id: number; inactive: boolean }[]).map((c) => c.id));
  }
  ids.sort((a, b) => a - b);
  expect(ids).toHaveLength(150);
  expect(bodies.map((b) => b[0].id).sort((a: number, b: number) => a - b)).toEqual(ids);

  // and the list agrees: none of them is active any more
  await page.goto(`/clients?q=${encodeURIComponent(prefix)}&status=active`);
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await ctx.close();
  await api.dispose();
});
