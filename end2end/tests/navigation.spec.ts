import { test, expect, Page, Request } from "@playwright/test";
import { interactive } from "./helpers";

// Client-side navigation (islands mode): each kind of navigation fetches the next page once, swaps it in
// without a reload, and leaves `<main>` exactly as a fresh load of the same URL would show it — markup and
// the form controls' current values.

/** `<main>` as markup plus every form control's current state (a property the markup may not show). The
 * status filter's counts are left out: HaloPSA's answer to them may come too late for one of two loads. */
async function mainState(page: Page): Promise<{ html: string; controls: string[] }> {
  return page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const main = document.querySelector("main")!;
    const controls = [...main.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea")].map(
      (c) => {
        const checked = c instanceof HTMLInputElement && (c.type === "checkbox" || c.type === "radio") ? ` checked=${c.checked}` : "";
        return `${c.tagName.toLowerCase()} ${c.getAttribute("name") ?? ""} value=${JSON.stringify(c.value)}${checked}`;
      },
    );
    return { html: main.outerHTML.replace(/ \(\d+\)<\/option>/g, "</option>"), controls };
  });
}

/** Asserts that `<main>` equals a fresh load of the page's current URL, in a second tab. */
async function equalsFreshLoad(page: Page) {
  const shown = await mainState(page);
  expect(shown.controls.length).toBeGreaterThan(0);
  const fresh = await page.context().newPage();
  await fresh.goto(page.url());
  await interactive(fresh);
  const loaded = await mainState(fresh);
  await fresh.close();
  expect(shown.controls).toEqual(loaded.controls);
  // where they part, if they do (the whole of <main> is too long to read in a failure)
  let at = 0;
  while (at < shown.html.length && shown.html[at] === loaded.html[at]) at++;
  const around = (s: string) => s.slice(Math.max(0, at - 150), at + 150);
  expect(around(shown.html), `<main> after the navigation, where it differs from a fresh load`).toEqual(around(loaded.html));
}

/** Collects the page's requests to the app (not static files, which Chromium may ask for again after a
 * history change, nor the status light's poll). */
function countRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    const asset = url.pathname.startsWith("/pkg/") || url.pathname === "/favicon.svg";
    if (!asset && url.pathname !== "/readyz") seen.push(r);
  });
  return seen;
}

/** Waits for a client-side navigation to end: the new page's islands have started. */
async function settled(page: Page) {
  await interactive(page);
}

test("every kind of client-side navigation leaves the page as a fresh load would, in one request", async ({ page }) => {
  await page.goto("/clients");
  await interactive(page);
  await page.evaluate(() => ((window as any).__kept = "still here"));
  const requests = countRequests(page);

  const step = async (what: string, act: () => Promise<void>, url: RegExp) => {
    requests.length = 0;
    await act();
    await expect(page, what).toHaveURL(url);
    await settled(page);
    expect(requests.map((r) => r.url()), `${what}: one request`).toHaveLength(1);
    expect(requests[0].resourceType(), `${what}: fetched, not loaded`).toBe("fetch");
    expect(await page.evaluate(() => (window as any).__kept), `${what}: no reload`).toBe("still here");
    await equalsFreshLoad(page);
  };

  await step("sort", () => page.locator("thead th", { hasText: "Top level" }).getByRole("link").click(), /sort=toplevel/);
  await step("page", () => page.getByRole("link", { name: "Next ›" }).first().click(), /page=2/);
  await step("filter", () => page.getByTestId("status-filter").selectOption("inactive"), /status=inactive/);
  await step(
    "search",
    async () => {
      await page.locator('input[data-search="list"]').fill("a");
    },
    /[?&]q=a/,
  );
  await step("back", () => page.goBack().then(() => undefined), /status=inactive/);
  // the select the person changed shows the URL's choice again after going back past the change
  await step("back again", () => page.goBack().then(() => undefined), /page=2/);
  await expect(page.getByTestId("status-filter")).toHaveValue("active");
  await step("forward", () => page.goForward().then(() => undefined), /status=inactive/);
  await expect(page.getByTestId("status-filter")).toHaveValue("inactive");
});

test("a navigation shows progress, clears the interactive mark and sets it again", async ({ page }) => {
  await page.goto("/clients");
  await interactive(page);
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/clients\?page=2/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("link", { name: "Next ›" }).first().click();
  const bar = page.locator("#route-progress");
  await expect(bar).toHaveClass(/active/);
  await expect(page.locator("body")).not.toHaveAttribute("data-interactive", "true");
  release();
  await expect(page.getByTestId("page-summary").first()).toHaveText(/^page 2 of /);
  await interactive(page);
  await expect(bar).not.toHaveClass(/active/);
  expect(await page.evaluate(() => performance.getEntriesByName("interactive").length)).toBe(2);
});

test("a list page is HTML with no second copy of its rows for hydration", async ({ page }) => {
  const res = await page.goto("/clients?per_page=50");
  expect(res!.status()).toBe(200);
  const html = await res!.text();
  const names = await page.locator("[data-testid=list-table] tbody tr td:first-child a").allInnerTexts();
  expect(names).toHaveLength(50);
  // only the boot script (import the glue, start the wasm, then the islands): no resource is serialised,
  // and Leptos's empty tables are left off (server/src/page_tail.rs)
  const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(scripts).toHaveLength(1);
  expect(scripts[0]).toMatch(/^import init, \* as m from '\/pkg\//);
  expect(scripts[0].length).toBeLessThan(400);
  expect(html).not.toContain("__RESOLVED_RESOURCES[");
  // and each row's name is in the page as often as the table shows it (twins included), no more
  for (const name of new Set(names)) {
    const escaped = name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const shown = names.filter((n) => n === name).length;
    expect(html.split(`>${escaped}</a>`).length - 1, `"${name}"`).toBe(shown);
  }
});

test("a link clicked while a search waits for typing to pause wins over that search", async ({ page }) => {
  await page.goto("/");
  await interactive(page);
  const box = page.locator('input[data-search="global"]');
  await box.pressSequentially("Amber", { delay: 30 });
  const hit = page.locator('.hit-group[data-entity="Clients"] a[href^="/clients/"]').first();
  await expect(hit).toBeVisible();
  await expect(page).toHaveURL(/q=Amber$/);
  const href = (await hit.getAttribute("href"))!;
  const name = (await hit.innerText()).trim();
  // the record arrives after the search's pause has run out
  await page.route((url) => url.pathname === href, async (route) => {
    await new Promise((r) => setTimeout(r, 900));
    await route.continue();
  });
  await box.press("s"); // "Ambers": a search due in 250 ms
  await hit.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.waitForTimeout(600); // a search started by the pause would have been shown by now
  await interactive(page);
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
});

test("a page showing itself again does not take back a link clicked on it", async ({ page }) => {
  // the overview as a page of work in progress: the island a running job's page holds, every second
  await page.goto("/clients");
  const glue = await page.locator('link[rel="modulepreload"]').getAttribute("href");
  const exported = (await (await page.request.get(glue!)).text()).match(/export function (RefreshInPlace_\d+)/);
  expect(exported, "the wasm exports the refreshing island").not.toBeNull();
  const island = `<leptos-island data-component="${exported![1]}" data-props="{&quot;seconds&quot;:1}"><span hidden></span></leptos-island>`;
  await page.route((url) => url.pathname === "/", async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace("</main>", `${island}</main>`);
    await route.fulfill({ response: res, body });
  });
  await page.goto("/");
  await interactive(page);
  // the clicked page arrives after the refresh is due
  await page.route((url) => url.pathname === "/clients", async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.locator('header a[href="/clients"]').first().click();
  await expect(page).toHaveURL(/\/clients$/, { timeout: 5_000 });
  await interactive(page);
  await expect(page.getByTestId("list-table")).toBeVisible();
});
