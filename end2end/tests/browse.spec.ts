import { test, expect, Page } from "@playwright/test";
import { interactive } from "./helpers";
import { simGet, rowsOf } from "./sim";

type Entity = {
  name: string;
  path: string;
  /** simulator list path and wrapper key (none: a bare array paged by Haloscope) */
  api: string;
  key?: string;
  status: boolean;
  heading: string;
  related?: string;
};

const ENTITIES: Entity[] = [
  { name: "clients", path: "/clients", api: "/Client", key: "clients", status: true, heading: "Clients", related: "Sites" },
  { name: "sites", path: "/sites", api: "/Site", key: "sites", status: true, heading: "Sites", related: "Popup notes" },
  { name: "companies", path: "/suppliers", api: "/Supplier", key: "suppliers", status: true, heading: "Companies", related: "CRM notes" },
  { name: "services", path: "/services", api: "/Service", key: "services", status: false, heading: "Services", related: "Subscribers" },
  { name: "organisations", path: "/organisations", api: "/Organisation", status: false, heading: "Organisations", related: "Portal branding" },
  { name: "stock bins", path: "/sites/stock-bins", api: "/Site/StockBins", status: false, heading: "Stock bins" },
];

/** The simulator's count for the list's default filter (active only where Halo has a status). */
async function simCount(request: any, e: Entity, extra = ""): Promise<number> {
  if (e.key) {
    const body = await simGet(request, `${e.api}?pageinate=true&page_size=1&page_no=1${extra}`);
    return body.record_count;
  }
  return rowsOf(await simGet(request, e.api)).length;
}

async function summary(page: Page) {
  return (await page.getByTestId("page-summary").first().innerText()).trim();
}

async function names(page: Page): Promise<string[]> {
  return page.locator('[data-testid="list-table"] tbody tr td:first-child').allInnerTexts();
}

/** Submits the list's search: typing is enough with JavaScript (debounced), Enter without. */
async function search(page: Page, q: string, js: boolean) {
  const box = page.locator('input[data-search="list"]');
  await box.fill(q);
  if (!js) await box.press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.locator('input[data-search="list"]')).toHaveValue(q);
}

for (const js of [true, false]) {
  test.describe(`browse ${js ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled: js });

    test("the status filter counts an unfiltered list's active and inactive records", async ({ page, request }) => {
      const count = async (status: string) =>
        (await simGet(request, `/Client?pageinate=true&page_size=1&page_no=1${status}`)).record_count;
      const active = await count("");
      const inactive = await count("&includeactive=false&includeinactive=true");
      // the counts are background work: while parallel tests spend that share of the budget, a view goes
      // without them and the next one finds them in the cache
      const status = page.getByTestId("status-filter");
      await expect(async () => {
        await page.goto("/clients");
        if (js) await interactive(page);
        await expect(status.locator("option[value=active]")).toHaveText(`Active (${active})`, { timeout: 1000 });
      }).toPass({ timeout: 60_000 });
      await expect(status.locator("option[value=inactive]")).toHaveText(`Inactive (${inactive})`);
      await expect(status.locator("option[value=all]")).toHaveText(`All (${Number(active) + Number(inactive)})`);
      // searched, the counts would not describe the rows: plain words
      await page.goto("/clients?q=amber");
      if (js) await interactive(page);
      await expect(status.locator("option[value=active]")).toHaveText("Active");
    });

    for (const e of ENTITIES) {
      test(`${e.name}: rows, count, search, sort and paging`, async ({ page, request }) => {
        const total = await simCount(request, e);
        const res = await page.goto(e.path);
        expect(res?.status()).toBe(200);
        if (js) await interactive(page);
        await expect(page.getByRole("heading", { level: 1, name: e.heading })).toBeVisible();
        const pages = Math.max(1, Math.ceil(total / 50));
        expect(await summary(page)).toBe(`page 1 of ${pages} · ${total} result${total === 1 ? "" : "s"}`);
        const first = await names(page);
        expect(first.length).toBe(Math.min(50, total));

        // sorting: the name header flips to descending
        await page.locator("thead th", { hasText: "Name" }).getByRole("link").click();
        await expect(page.locator('thead th[aria-sort="descending"]')).toHaveCount(1);
        const desc = await names(page);
        expect(desc[0].toLowerCase() >= desc[desc.length - 1].toLowerCase()).toBeTruthy();
        expect(desc[0]).not.toBe(first[0]);

        // paging: a next page where there is one, and no link to one where there is not
        if (pages > 1) {
          await page.getByRole("link", { name: "Next ›" }).first().click();
          await expect(page.getByTestId("page-summary").first()).toHaveText(new RegExp(`^page 2 of ${pages} · ${total} results$`));
        } else {
          await expect(page.getByRole("link", { name: "Next ›" })).toHaveCount(0);
        }

        // search narrows: the whole name of the last row on the first page
        const q = first[first.length - 1].trim();
        await page.goto(e.path);
        if (js) await interactive(page);
        await search(page, q, js);
        await expect
          .poll(async () => Number((await summary(page)).match(/· (\d+) result/)![1]))
          .toBeLessThan(total);
        const found = await names(page);
        expect(found.length).toBeGreaterThan(0);
        for (const n of found) expect(n.toLowerCase()).toContain(q.toLowerCase());
      });

      if (e.status) {
        test(`${e.name}: the status filter`, async ({ page, request }) => {
          const inactive = await simCount(request, e, "&includeactive=false&includeinactive=true");
          await page.goto(e.path);
          if (js) await interactive(page);
          await page.getByTestId("status-filter").selectOption("inactive");
          if (!js) await page.getByRole("button", { name: "Search" }).click();
          await expect(page).toHaveURL(/status=inactive/);
          await expect(page.getByTestId("page-summary").first()).toHaveText(new RegExp(`· ${inactive} result`));
          const pills = await page.locator('[data-testid="list-table"] .pill').allInnerTexts();
          expect(pills.length).toBeGreaterThan(0);
          for (const p of pills) expect(p).toBe("Inactive");
        });
      }

      if (e.related) {
        test(`${e.name}: the detail page shows its fields and related list`, async ({ page }) => {
          await page.goto(e.path);
          const link = page.locator('[data-testid="list-table"] tbody tr td:first-child a').first();
          const name = (await link.innerText()).trim();
          await link.click();
          await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
          await expect(page).toHaveTitle(`${name} · Haloscope`);
          await expect(page.locator("dl.facts").first()).toBeVisible();
          await expect(page.getByRole("heading", { level: 2, name: e.related })).toBeVisible();
        });

        test(`${e.name}: an unknown id is a 404 page`, async ({ page }) => {
          const res = await page.goto(`${e.path}/987654321`);
          expect(res?.status()).toBe(404);
          await expect(page.getByRole("alert")).toContainText("not found");
          const bad = await page.goto(`${e.path}/not-a-number`);
          expect(bad?.status()).toBe(404);
        });
      }

      test(`${e.name}: CSV export matches the filtered list`, async ({ page, request }) => {
        await page.goto(`${e.path}?q=an`);
        const n = Number((await summary(page)).match(/· (\d+) result/)![1]);
        const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
        expect(href).toContain("q=an");
        const csv = await (await request.get(href!)).text();
        const lines = csv.split("\r\n").filter((l) => l.length > 0);
        expect(lines.length - 1).toBe(n);
        expect(lines[0]).toMatch(/^id,name,/);
      });
    }

    test("invalid list parameters are clamped or refused with a message", async ({ page }) => {
      let res = await page.goto("/clients?page=-3&per_page=10000");
      expect(res?.status()).toBe(200);
      await expect(page.getByTestId("notices")).toContainText("showing page 1");
      await expect(page.getByTestId("notices")).toContainText("100 rows per page");
      res = await page.goto("/clients?sort=%3Cscript%3E");
      expect(res?.status()).toBe(400);
      await expect(page.getByRole("alert")).toContainText('Sort must be one of');
      res = await page.goto("/sites?status=bogus");
      expect(res?.status()).toBe(400);
      await expect(page.getByRole("alert")).toContainText("Status must be active, inactive or all");
    });

    test("an empty result names the filter that found nothing", async ({ page }) => {
      await page.goto("/clients?q=zzqqxxnothing");
      await expect(page.getByTestId("empty-state")).toContainText("No clients found matching “zzqqxxnothing”");
    });
  });
}

test("back and forward restore each list state", async ({ page }) => {
  await page.goto("/clients");
  await interactive(page);
  await page.getByRole("link", { name: "Next ›" }).first().click();
  await expect(page.getByTestId("page-summary").first()).toHaveText(/^page 2 of/);
  await page.getByTestId("status-filter").selectOption("all");
  await expect(page).toHaveURL(/status=all/);
  await expect(page.getByTestId("page-summary").first()).toHaveText(/^page 1 of/);
  await page.goBack();
  await expect(page.getByTestId("page-summary").first()).toHaveText(/^page 2 of/);
  await expect(page.getByTestId("status-filter")).toHaveValue("active");
  await page.goForward();
  await expect(page.getByTestId("status-filter")).toHaveValue("all");
});

test("`/` focuses the search box", async ({ page }) => {
  await page.goto("/sites");
  await interactive(page);
  await page.locator("body").press("/");
  await expect(page.locator('input[data-search="list"]')).toBeFocused();
});
