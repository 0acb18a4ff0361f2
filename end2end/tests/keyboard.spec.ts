import { test, expect, Page } from "@playwright/test";
import { interactive } from "./helpers";
import { firstRecord } from "./a11y";

// Keyboard use: Tab reaches every control of a page, each with a visible focus ring (≥ 2px, ≥ 3:1 against
// what is next to it); after a client-side navigation the focus is on the new page's heading, after paging
// or sorting on the same control, after a form round trip on the first error.

/** Tabs through the whole page; returns the controls never reached and the reached ones without a good ring. */
async function tabThrough(page: Page): Promise<{ total: number; unreached: string[]; badRings: string[] }> {
  const total = await page.evaluate(() => {
    // rendered and not inside a closed <details> (checkVisibility knows both)
    const visible = (el: Element) => el.checkVisibility({ visibilityProperty: true });
    const all = [
      ...document.querySelectorAll<HTMLElement>(
        'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), ' +
          'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])',
      ),
    ].filter((el) => visible(el) || el.classList.contains("skip-link"));
    all.forEach((el, i) => (el.dataset.kb = String(i)));
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return all.length;
  });
  const reached = new Set<string>();
  const badRings: string[] = [];
  for (let i = 0; i < total + 10 && reached.size < total; i++) {
    await page.keyboard.press("Tab");
    const seen = await page.evaluate(ringOf);
    if (seen.kb !== undefined) reached.add(seen.kb);
    if (seen.problem) badRings.push(seen.problem);
  }
  const unreached = await page.evaluate(
    (got) =>
      [...document.querySelectorAll<HTMLElement>("[data-kb]")]
        .filter((el) => !got.includes(el.dataset.kb!))
        .map((el) => `${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute("name") || "").trim().slice(0, 40)}”`),
    [...reached],
  );
  return { total, unreached, badRings: [...new Set(badRings)] };
}

/** Runs in the page: the focused element's mark and what is wrong with its focus ring, if anything. */
function ringOf(): { kb?: string; problem?: string } {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return {};
  const s = getComputedStyle(el);
  const name = `${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute("name") || "").trim().slice(0, 40)}”`;
  const rgb = (c: string) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (start: Element | null) => {
    for (let p = start; p; p = p.parentElement) {
      const c = rgb(getComputedStyle(p).backgroundColor);
      if (c.length >= 3 && (c.length === 3 || c[3] > 0)) return c;
    }
    return rgb(getComputedStyle(document.documentElement).backgroundColor || "rgb(255,255,255)");
  };
  if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) < 2) {
    return { kb: el.dataset.kb, problem: `${name}: no focus ring (${s.outlineStyle} ${s.outlineWidth})` };
  }
  // the ring sits outside the element (its surroundings) or, with a negative offset, on the element itself
  const behind = background(parseFloat(s.outlineOffset) < 0 ? el : el.parentElement);
  const [a, b] = [lum(rgb(s.outlineColor)), lum(behind)];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  return { kb: el.dataset.kb, problem: ratio < 3 ? `${name}: focus ring ${ratio.toFixed(2)}:1` : undefined };
}

test("every control is reached by Tab and visibly focused, light and dark", async ({ page }) => {
  test.setTimeout(120_000);
  const record = await firstRecord(page, "/clients");
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const path of ["/clients", record, `${record}/edit`]) {
    await page.goto(path);
    await interactive(page);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const r = await tabThrough(page);
      expect(r.total, `controls on ${path}`).toBeGreaterThan(10);
      expect.soft(r.unreached, `controls Tab never reached on ${path} (${scheme})`).toEqual([]);
      expect.soft(r.badRings, `focus rings on ${path} (${scheme})`).toEqual([]);
    }
  }
});

test("focus moves to the new page's heading after a client-side navigation", async ({ page }) => {
  await page.goto("/clients");
  await interactive(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sites" }).click();
  await expect(page).toHaveURL(/\/sites$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeFocused();

  // a record's page: its heading comes once its data has loaded
  const link = page.locator('table tbody tr td:first-child a[href^="/sites/"]').first();
  const name = (await link.innerText()).trim();
  await link.press("Enter");
  await expect(page).toHaveURL(/\/sites\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  // back: the list's heading again
  await page.goBack();
  await expect(page).toHaveURL(/\/sites$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sites" })).toBeFocused();
});

test("paging, sorting and searching keep the focus on the control used", async ({ page }) => {
  await page.goto("/clients");
  await interactive(page);
  await page.getByRole("link", { name: "Next ›" }).first().press("Enter");
  await expect(page.getByTestId("page-summary").first()).toHaveText(/^page 2 of /);
  await expect(page.getByRole("link", { name: "Next ›" }).first()).toBeFocused();

  await page.locator("thead th", { hasText: "Name" }).getByRole("link").press("Enter");
  await expect(page.locator("thead th[aria-sort]")).toHaveCount(1);
  await expect(page.locator("thead th[aria-sort] a")).toBeFocused();

  const search = page.locator('input[data-search="list"]');
  await search.focus();
  await page.keyboard.type("a", { delay: 50 });
  await expect(page).toHaveURL(/[?&]q=a/);
  await expect(page.getByTestId("page-summary").first()).toBeVisible();
  await expect(search).toBeFocused();
});

test("searching a list narrowed to one client keeps the focus in the search box", async ({ page }) => {
  await page.goto("/sites");
  const clientHref = await page.locator("tbody tr td:nth-child(2) a").first().getAttribute("href");
  const clientId = clientHref!.split("/").pop();
  await page.goto(`/sites?client_id=${clientId}&status=all`);
  await interactive(page);
  await expect(page.getByTestId("client-filter")).toBeVisible();
  const search = page.locator('input[data-search="list"]');
  await search.focus();
  await page.keyboard.type("e", { delay: 50 });
  await expect(page).toHaveURL(/[?&]q=e/);
  await expect(page.getByTestId("client-filter")).toBeVisible();
  await expect(search).toBeFocused();
});

// One after the other, never side by side: both post the same form in the same session, and a refused
// form's entered values wait in that session for the form's page (read once), so two at once could each
// read the other's.
test("j and k move through a list's rows, Enter opens one, e edits one, ? lists the shortcuts", async ({ page }) => {
  await page.goto("/clients");
  await interactive(page);
  const names = page.locator("[data-testid=list-table] tbody tr td:first-child a");
  await expect(names.first()).toBeVisible();
  const body = page.locator("body");
  await body.press("j");
  await expect(names.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(names.nth(2)).toBeFocused();
  await page.keyboard.press("k");
  await expect(names.nth(1)).toBeFocused();
  // the row the keyboard is on is highlighted
  const row = page.locator("[data-testid=list-table] tbody tr").nth(1);
  const plain = await page.locator("[data-testid=list-table] tbody tr").nth(3).evaluate((r) => getComputedStyle(r).backgroundColor);
  expect(await row.evaluate((r) => getComputedStyle(r).backgroundColor)).not.toBe(plain);
  const href = await names.nth(1).getAttribute("href");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await page.goBack();
  // goBack can return while the client's page (whose sites table matches `names` too) is still shown:
  // wait for the list's own rows
  await expect(page).toHaveURL(/\/clients$/);
  await expect(names.first()).toHaveAttribute("href", /^\/clients\/\d+$/);
  // back on the list, its rows may be drawn again once their data arrives (taking the focus with them,
  // to the heading): press again until the first row keeps it
  await expect(async () => {
    await page.locator("body").press("j");
    await expect(names.nth(0)).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  const first = await names.nth(0).getAttribute("href");
  await page.keyboard.press("e");
  await expect(page).toHaveURL(new RegExp(`${first}/edit$`));
  await expect(page.locator("#f-name")).toBeVisible();
  // typed into a field, the letters are the person's
  await page.locator("#f-name").press("j");
  await expect(page).toHaveURL(new RegExp(`${first}/edit$`));
  await page.locator("#f-name").blur();
  await page.locator("body").press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Next row of a list");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test.describe.serial("a form round trip", () => {
  for (const js of [true, false]) {
    test.describe(`${js ? "with" : "without"} JavaScript`, () => {
      test.use({ javaScriptEnabled: js });
      test("puts the focus on the first field with an error", async ({ page }) => {
        await page.goto("/sites/new");
        if (js) await interactive(page);
        await page.fill("#f-name", "Site with a bad client");
        await page.fill("#f-client_id", "No Such Client Anywhere");
        await page.click('button[name=force][value=""]');
        await expect(page.locator("#f-client_id-error")).toContainText("No client");
        await expect(page.locator("#f-client_id")).toBeFocused();
      });
    });
  }
});

test("a shift-click on a row's checkbox ticks every row from the one clicked before", async ({ page }) => {
  await page.goto("/clients");
  await interactive(page);
  const boxes = page.locator("input.row-select");
  await expect(boxes.nth(5)).toBeVisible();
  await boxes.nth(1).click();
  await boxes.nth(4).click({ modifiers: ["Shift"] });
  for (const i of [1, 2, 3, 4]) await expect(boxes.nth(i)).toBeChecked();
  for (const i of [0, 5]) await expect(boxes.nth(i)).not.toBeChecked();
  // and clears them the same way
  await boxes.nth(2).click();
  await boxes.nth(4).click({ modifiers: ["Shift"] });
  for (const i of [2, 3, 4]) await expect(boxes.nth(i)).not.toBeChecked();
  await expect(boxes.nth(1)).toBeChecked();
});

test("the page's box ticks and clears every row, and shows when only some are ticked", async ({ page }) => {
  await page.goto("/clients");
  await interactive(page);
  const all = page.getByTestId("select-page");
  const boxes = page.locator("input.row-select");
  const rows = await boxes.count();
  expect(rows).toBeGreaterThan(10);
  await all.check();
  for (let i = 0; i < rows; i++) await expect(boxes.nth(i)).toBeChecked();
  await expect(page.getByTestId("selection-status")).toHaveText(`${rows} selected.`);
  // the selection form sends every one of them
  await page.getByTestId("bulk-selected").click();
  await expect(page).toHaveURL(/\/bulk\?/);
  expect(new URL(page.url()).searchParams.getAll("ids")).toHaveLength(rows);
  await page.goBack();
  await interactive(page);
  // one row ticked by hand: the page's box shows "some"
  await boxes.nth(2).click();
  expect(await all.evaluate((b) => (b as HTMLInputElement).indeterminate)).toBe(true);
  // a click on a mixed box ticks every row, the next clears them all
  await all.click();
  for (let i = 0; i < rows; i++) await expect(boxes.nth(i)).toBeChecked();
  await all.click();
  for (let i = 0; i < rows; i++) await expect(boxes.nth(i)).not.toBeChecked();
  await expect(page.getByTestId("selection-status")).toHaveText("0 selected.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("there is no box for the page's rows (it would do nothing)", async ({ page }) => {
    await page.goto("/clients");
    await expect(page.locator("input.row-select").first()).toBeVisible();
    await expect(page.getByTestId("select-page")).toBeHidden();
  });
});
