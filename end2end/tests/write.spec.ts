import { test, expect, Page, APIRequestContext } from "@playwright/test";
import { interactive } from "./helpers";
import { simGet, simWrites, SimWrite } from "./sim";

// Create → it appears in the list → edit → the change shows → delete → it is gone, for every entity, with
// and without JavaScript; plus validation, the client picker and the concurrent-change review.
type Entity = { name: string; path: string; api: string; newPath?: string; fill?: (page: Page) => Promise<void> };

const ENTITIES: Entity[] = [
  { name: "client", path: "/clients", api: "/api/Client" },
  { name: "site", path: "/sites", api: "/api/Site", newPath: "/sites/new?client=2" },
  { name: "company", path: "/suppliers", api: "/api/Supplier" },
  { name: "organisation", path: "/organisations", api: "/api/Organisation" },
  {
    name: "service",
    path: "/services",
    api: "/api/Service",
    fill: async (page) => {
      await page.selectOption("#f-service_category_id", { index: 1 });
    },
  },
];

// One signed-in session is shared by every test, and a one-time message after a write is for that session
// and that page: two creates-then-deletes of the same entity at once would land on the same list with both
// notices. So this file's tests run one after another (other files still run beside it).
test.describe.configure({ mode: "default" });

async function save(page: Page) {
  await page.click('button[name=force][value=""]');
}

/** The body of the last update of record `id` that reached the simulator's `api` path, as it arrived. */
async function lastUpdateOf(request: APIRequestContext, api: string, id: number): Promise<unknown> {
  const updates = (await simWrites(request))
    .filter((w) => w.method === "POST" && w.path.toLowerCase() === api.toLowerCase())
    .map((w) => JSON.parse(w.body))
    .filter((b) => Array.isArray(b) && b[0]?.id === id);
  expect(updates.length, `an update of ${api} ${id} reached HaloPSA`).toBeGreaterThan(0);
  return updates[updates.length - 1];
}

for (const js of [true, false]) {
  test.describe(`write ${js ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled: js });

    for (const e of ENTITIES) {
      test(`${e.name}: create, list, edit, delete`, async ({ page, request }) => {
        const name = `E2E ${e.name} ${js ? "js" : "nojs"} ${Date.now()}`;
        await page.goto(e.newPath ?? `${e.path}/new`);
        if (js) await interactive(page);
        await page.fill("#f-name", name);
        if (e.fill) await e.fill(page);
        await save(page);
        await expect(page).toHaveURL(new RegExp(`${e.path}/\\d+$`));
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
        await expect(page.getByTestId("flash")).toContainText("Saved.");
        // with JavaScript the keyboard starts at the new record's heading, below the message
        if (js) await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
        const id = page.url().match(/\/(\d+)$/)![1];

        // it appears in the list at once
        await page.goto(`${e.path}?q=${encodeURIComponent(name)}&status=all`);
        await expect(page.locator(`[data-testid="list-table"] a[href="${e.path}/${id}"]`)).toHaveText(name);

        // edit: the change shows
        await page.goto(`${e.path}/${id}/edit`);
        if (js) await interactive(page);
        await expect(page.locator("#f-name")).toHaveValue(name);
        await page.fill("#f-name", `${name} edited`);
        await save(page);
        await expect(page).toHaveURL(new RegExp(`${e.path}/${id}$`));
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} edited`);
        await expect(page.getByTestId("flash")).toContainText("Saved.");
        // on the wire: the id and the one changed field, nothing else
        expect(await lastUpdateOf(request, e.api, Number(id))).toEqual([{ id: Number(id), name: `${name} edited` }]);

        // delete: the confirmation names it, then the list says so and it is gone
        await page.getByTestId("delete-link").click();
        await expect(page.getByRole("heading", { level: 1 })).toContainText(`${name} edited`);
        await page.click("button.danger");
        await expect(page).toHaveURL(new RegExp(`${e.path}$`));
        await expect(page.locator("body")).toContainText(`Deleted “${name} edited”.`);
        const gone = await page.goto(`${e.path}/${id}`);
        expect(gone?.status()).toBe(404);
      });
    }

    test("a field error is shown beside the field and the input is kept", async ({ page }) => {
      await page.goto("/sites/new");
      if (js) await interactive(page);
      await page.fill("#f-name", "Site with a bad client");
      await page.fill("#f-client_id", "No Such Client Anywhere");
      await page.fill("#f-phonenumber", "+44 1 2345");
      await save(page);
      await expect(page.locator("#f-client_id-error")).toContainText("No client");
      await expect(page).toHaveURL(/\/sites\/new$/);
      await expect(page.locator("#f-phonenumber")).toHaveValue("+44 1 2345");
      await expect(page.locator("#f-name")).toHaveValue("Site with a bad client");
    });

    test("an upstream 400 is shown next to the form with the input kept", async ({ page, request }) => {
      await page.goto("/clients/4/edit");
      if (js) await interactive(page);
      // a top level deleted in HaloPSA since the picker was filled: only HaloPSA can refuse it
      await page.evaluate(() => {
        const select = document.querySelector("#f-toplevel_id") as HTMLSelectElement;
        const gone = document.createElement("option");
        gone.value = "987654";
        gone.text = "Deleted meanwhile";
        select.add(gone);
        select.value = "987654";
      });
      await save(page);
      await expect(page.locator("body")).toContainText("HaloPSA rejected the change");
      await expect(page).toHaveURL(/\/clients\/4\/edit$/);
      await expect(page.locator("body")).toContainText("does not exist");
      // the refused value did reach HaloPSA: it is HaloPSA's refusal that is shown
      const refused = (await simWrites(request)).filter(
        (w) => w.method === "POST" && /\/api\/client$/i.test(w.path) && w.body.includes("987654"),
      );
      expect(refused.length).toBeGreaterThan(0);
      for (const w of refused) expect(JSON.parse(w.body)).toMatchObject([{ id: 4, toplevel_id: 987654 }]);
    });

    test("a custom field edit posts the whole array with one value changed", async ({ page, request }) => {
      // a client whose custom fields all hold a value (the demo data leaves one in five empty); each run
      // edits its own
      let id = 0;
      let before: any[] = [];
      for (let candidate = js ? 10 : 40; candidate < 80 && !id; candidate++) {
        const record = await simGet(request, `/Client/${candidate}`);
        const fields: any[] = record.customfields ?? [];
        if (fields.length > 0 && fields.every((f) => f.value !== null)) {
          id = candidate;
          before = fields;
        }
      }
      expect(id, "a client with custom values").toBeGreaterThan(0);
      await page.goto(`/clients/${id}/edit`);
      if (js) await interactive(page);
      const fieldset = page.getByTestId("custom-fields");
      await expect(fieldset.getByLabel("Contract tier")).toHaveAttribute("readonly", "");
      await expect(fieldset.getByLabel("Onboarded")).toHaveAttribute("type", "date");
      const code = `AC-${js ? "J" : "N"}${Date.now() % 100000}`;
      await fieldset.getByLabel("Accounts code").fill(code);
      await save(page);
      await expect(page).toHaveURL(new RegExp(`/clients/${id}$`));
      await expect(page.getByTestId("flash")).toContainText("Saved.");
      const section = page.getByRole("region", { name: "Custom fields" });
      await expect(section).toContainText(code);
      await expect(section).toContainText(before[0].display);
      // on the wire: the whole array as HaloPSA sent it, only the accounts code different
      const expected = before.map((f) => (f.id === 104 ? { ...f, value: code } : f));
      expect(await lastUpdateOf(request, "/api/Client", id)).toEqual([{ id, customfields: expected }]);
    });

    test("a concurrent change is shown for review instead of overwritten", async ({ page, browser, request }) => {
      const name = `E2E concurrent ${Date.now()}`;
      await page.goto("/clients/new");
      if (js) await interactive(page);
      await page.fill("#f-name", name);
      await save(page);
      await expect(page).toHaveURL(/\/clients\/\d+$/);
      const id = page.url().match(/clients\/(\d+)/)![1];

      await page.goto(`/clients/${id}/edit`);
      if (js) await interactive(page);
      const other = await browser.newPage();
      await other.goto(`/clients/${id}/edit`);
      await other.fill("#f-name", `${name} renamed elsewhere`);
      await other.click('button[name=force][value=""]');
      await expect(other.getByTestId("flash")).toContainText("Saved.");
      await other.close();

      await page.fill("#f-website", "https://mine.example");
      await save(page);
      await expect(page.getByTestId("save-anyway")).toBeVisible();
      await expect(page.locator("body")).toContainText(`${name} renamed elsewhere`);
      await page.getByTestId("save-anyway").click();
      await expect(page).toHaveURL(new RegExp(`/clients/${id}$`));
      // the other person's change survives; ours is added
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} renamed elsewhere`);
      await expect(page.locator("body")).toContainText("https://mine.example");
      // saved anyway, it still sends only what this person changed
      expect(await lastUpdateOf(request, "/api/Client", Number(id))).toEqual([{ id: Number(id), website: "https://mine.example" }]);
    });
  });
}

test("with JavaScript a sent form's buttons are held until its answer, so a second click writes nothing", async ({ page, request }) => {
  const name = `E2E held ${Date.now()}`;
  await page.goto("/clients/new");
  await interactive(page);
  await page.fill("#f-name", name);
  // hold the form's POST (a page navigation) until the buttons have been looked at; while it is held the
  // page is looked at from inside (Playwright waits out a pending navigation before its own checks)
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/api/create_record", async (route) => {
    await held;
    await route.continue();
  });
  const seen: string[] = [];
  await page.exposeFunction("reportHeld", (what: string) => seen.push(what));
  await page.evaluate(() => {
    const report = (window as unknown as { reportHeld: (w: string) => void }).reportHeld;
    document.querySelector("form.record-form")!.addEventListener("submit", () => {
      report("submit");
      setTimeout(() => {
        const button = document.querySelector<HTMLButtonElement>('button[name=force][value=""]')!;
        report(button.disabled ? "disabled" : "enabled");
        button.click(); // a second click while the first is on its way
      }, 100);
    });
  });
  // clicked from inside too: Playwright's own click would wait for the navigation it starts, held here
  await page.evaluate(() => document.querySelector<HTMLButtonElement>('button[name=force][value=""]')!.click());
  await expect.poll(() => seen.length).toBeGreaterThanOrEqual(2);
  await new Promise((r) => setTimeout(r, 300)); // room for a second submit, if the second click made one
  expect(seen, "one submit; the button disabled once it was sent").toEqual(["submit", "disabled"]);
  release();
  await expect(page).toHaveURL(/\/clients\/\d+$/);
  const creates = (await simWrites(request)).filter((w) => w.method === "POST" && w.path.toLowerCase() === "/api/client" && w.body.includes(name));
  expect(creates, "exactly one create reached HaloPSA").toHaveLength(1);
  // and gone again, for the tests that count records
  await page.getByTestId("delete-link").click();
  await page.click("button.danger");
  await expect(page).toHaveURL(/\/clients$/);
});

test("without JavaScript the server validates formats and keeps the input", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto("/organisations/new");
  await page.fill("#f-name", "No JS Org");
  await page.fill("#f-website", "bad url here");
  await save(page);
  await expect(page.locator("#f-website-error")).toBeVisible();
  await expect(page).toHaveURL(/\/organisations\/new$/);
  await expect(page.locator("#f-name")).toHaveValue("No JS Org");
  await expect(page.locator("#f-website")).toHaveValue("bad url here");
  await ctx.close();
});

test("with JavaScript the browser blocks a bad value before posting", async ({ page }) => {
  await page.goto("/clients/new");
  await interactive(page);
  let posted = false;
  page.on("request", (r) => {
    if (r.url().includes("/api/create_record")) posted = true;
  });
  await page.fill("#f-name", "JS Valid Co");
  await page.fill("#f-website", "not a url");
  await save(page);
  await page.waitForTimeout(500);
  expect(posted).toBe(false);
  expect(await page.$eval("#f-website", (el: HTMLInputElement) => el.validationMessage)).toContain("web address");
  // the checks' island has no props: its marker names the form whose rules it runs
  expect(await page.locator("leptos-island[data-props]").count()).toBe(0);
  await expect(page.locator('leptos-island > span[hidden][data-form="clients"]')).toHaveCount(1);
  // the CRM note form on a client's page names its own rules
  await page.goto("/clients/3");
  await interactive(page);
  await expect(page.locator('leptos-island > span[hidden][data-form="notes"]')).toHaveCount(1);
});

test("a CRM note is added and a service can be unsubscribed", async ({ page, request }) => {
  await page.goto("/clients/3");
  await interactive(page);
  await page.click('summary:has-text("Add a CRM note")');
  const text = `Noted from the browser ${Date.now()}`;
  await page.fill("#f-note", text);
  await page.click('button:has-text("Add note")');
  await expect(page.getByTestId("flash")).toContainText("CRM note added.");
  await expect(page.locator("body")).toContainText(text);
  await expect(page).toHaveURL(/\/clients\/3(#crm-h)?$/);
  // on the wire: one CRM note with these words, on client 3
  const notes = (await simWrites(request)).filter((w) => w.method === "POST" && /\/api\/crmnote$/i.test(w.path) && w.body.includes(text));
  expect(notes).toHaveLength(1);
  expect(JSON.parse(notes[0].body)).toMatchObject([{ client_id: 3, note: text }]);

  const isUnsubscribe = (w: SimWrite) => /\/api\/service\/unsubscribe$/i.test(w.path);
  const before = (await simWrites(request)).filter(isUnsubscribe).length;
  await page.goto("/services/1");
  await interactive(page);
  await page.getByTestId("unsubscribe").click();
  await expect(page.getByTestId("flash")).toContainText("You are unsubscribed");
  await expect(page).toHaveURL(/\/services\/1$/);
  // on the wire: one more unsubscribe, naming service 1 and nothing else
  const unsubscribes = (await simWrites(request)).filter(isUnsubscribe);
  expect(unsubscribes).toHaveLength(before + 1);
  const last = unsubscribes[unsubscribes.length - 1];
  expect(last.method).toBe("POST");
  expect(JSON.parse(last.body)).toEqual([{ serviceid: 1 }]);
});

test("a refused edit without JavaScript leaves no entered value in any URL", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  const urls: string[] = [];
  page.on("response", (r) => {
    urls.push(r.url());
    const location = r.headers()["location"];
    if (location) urls.push(location);
  });
  page.on("framenavigated", (f) => urls.push(f.url()));
  await page.goto("/clients/4/edit");
  const marker = `Kept-${Date.now()}`;
  const long = `${marker} ${"a long note ".repeat(330)}`;
  await page.fill("#f-notes", long);
  await page.fill("#f-website", `not a url ${marker}`);
  await save(page);
  await expect(page.locator("#f-website-error")).toBeVisible();
  await expect(page.locator("#f-notes")).toHaveValue(long);
  await expect(page).toHaveURL(/\/clients\/4\/edit$/);
  expect(urls.length).toBeGreaterThan(2);
  for (const u of urls) expect(u).not.toContain(marker);
  // the browser's own history of the round trip holds only the form's address
  expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(3);
  await ctx.close();
});

test("text in the query string is never shown as Haloscope's own message", async ({ page }) => {
  for (const path of ["/clients", "/clients/4", "/clients/new", "/clients/4/edit"]) {
    await page.goto(`${path}?error=Forged%20alert%20text&deleted=Forged%20name&saved=1&outcome=%7B%7D`);
    await expect(page.locator("h1")).toBeVisible();
    await expect(page.locator("body")).not.toContainText("Forged");
    await expect(page.getByTestId("flash")).toHaveCount(0);
    await expect(page.getByTestId("flash-error")).toHaveCount(0);
  }
});
