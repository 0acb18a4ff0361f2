import { test, expect, Page } from "@playwright/test";
import { interactive } from "./helpers";
import { checkViews, firstRecord } from "./a11y";

// Every page type passes axe-core's WCAG 2.1 A and AA rules (any violation fails, whatever its impact) in
// light and dark mode at 1366 px and 390 px, and no table header covers a row — at rest, with the first
// row scrolled into view, and (lists) once scrolled so the header sticks. Pages are found by URL and by
// what they show, so the checks hold whatever the pages are built from.

/** Opens `path`, checks its status and that it has hydrated and shows its heading. */
async function open(page: Page, path: string, status = 200) {
  const res = await page.goto(path);
  expect(res?.status(), `status of ${path}`).toBe(status);
  await interactive(page);
  await expect(page.locator("main h1, main [role=alert] h2").first()).toBeVisible();
}

/** `long`: the demo list has enough rows to scroll past its header (organisations are a handful);
 * `detailTables`: the record's page shows a table (a client's sites). */
const ENTITIES = [
  { base: "/clients", long: true, detailTables: true },
  { base: "/sites", long: true, detailTables: false },
  { base: "/suppliers", long: true, detailTables: false },
  { base: "/organisations", long: false, detailTables: false },
  { base: "/services", long: true, detailTables: false },
];

for (const e of ENTITIES) {
  test(`accessibility of ${e.base}: list, detail, create, edit and delete pages`, async ({ page }) => {
    test.setTimeout(120_000);
    const record = await firstRecord(page, e.base);
    await open(page, e.base);
    await checkViews(page, e.base, { tables: true, sticky: e.long });
    await open(page, record);
    await checkViews(page, record, { tables: e.detailTables });
    for (const path of [`${e.base}/new`, `${record}/edit`, `${record}/delete`]) {
      await open(page, path);
      await checkViews(page, path);
    }
  });
}

test("accessibility of the overview, stock bins, an error and the 404 page", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, "/");
  await checkViews(page, "/");
  await open(page, "/?q=a");
  await expect(page.getByTestId("search-results")).toBeVisible();
  await checkViews(page, "/?q=a");
  await open(page, "/sites/stock-bins");
  await checkViews(page, "/sites/stock-bins", { tables: true, sticky: true });
  await open(page, "/clients/987654321", 404);
  await checkViews(page, "a missing record");
  await open(page, "/clients?page=zero", 400);
  await checkViews(page, "a bad query parameter");
  await open(page, "/no/such/page", 404);
  await checkViews(page, "the 404 page");
});

test("accessibility of the data health page, once its first walk has ended", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await page.getByTestId("data-health-link").click();
  await expect(page).toHaveURL(/\/data-health$/);
  // while the walk runs the page reloads itself every two seconds
  await expect(page.getByTestId("health-walked")).toBeVisible({ timeout: 60_000 });
  await open(page, "/data-health");
  await expect(page.getByRole("heading", { level: 2, name: /Possible duplicates/ })).toBeVisible();
  await checkViews(page, "/data-health");
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("accessibility of the sign-in page", async ({ page }) => {
    const res = await page.goto("/login");
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("button", { name: /Sign in/ })).toBeVisible();
    await checkViews(page, "/login");
  });
});
