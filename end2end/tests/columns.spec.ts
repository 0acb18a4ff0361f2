import { test, expect, Page } from "@playwright/test";
import { interactive } from "./helpers";

// The column chooser, with JavaScript and without: hide a column, move one, show one again; the table, the
// address (so a saved view or a shared link) and the CSV export follow, and a search keeps the choice.

async function headers(page: Page): Promise<string[]> {
  const texts = await page.locator('[data-testid="list-table"] thead th').allInnerTexts();
  return texts.map((t) => t.replace(/[▲▼]/g, "").trim());
}

/** Follows the chooser's link named `name` (the chooser is closed after every full page load). */
async function choose(page: Page, name: string) {
  const chooser = page.getByTestId("columns");
  if (!(await chooser.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await chooser.locator("summary").click();
  }
  await chooser.getByRole("link", { name, exact: true }).click();
}

async function csvHeader(page: Page): Promise<string> {
  const href = await page.locator("a.export").getAttribute("href");
  expect(href).toMatch(/^\/export\/clients\.csv/);
  // the page's own export link, narrowed to no rows: only its header is checked, and a short export
  // does not hold this person's one export slot while other suites export
  const res = await page.request.get(`${href}&q=zzqqxxnothing`);
  expect(res.status()).toBe(200);
  return (await res.text()).split("\r\n")[0];
}

for (const js of [true, false]) {
  test.describe(`columns ${js ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled: js });

    test("hiding, moving and showing columns: the table, the URL and the CSV follow", async ({ page }) => {
      await page.goto("/clients");
      if (js) await interactive(page);
      expect(await headers(page)).toEqual(["Name", "Top level", "Status", "Website", "Open tickets"]);
      await expect(page.getByTestId("columns").locator("summary")).toHaveText("Columns (5 of 5)");

      await choose(page, "Website: hide");
      await expect(page).toHaveURL(/cols=name\+top-level\+status\+open-tickets$/);
      await expect.poll(() => headers(page)).toEqual(["Name", "Top level", "Status", "Open tickets"]);
      await expect(page.getByTestId("columns").locator("summary")).toHaveText("Columns (4 of 5)");

      await choose(page, "Open tickets: move left");
      await expect.poll(() => headers(page)).toEqual(["Name", "Top level", "Open tickets", "Status"]);
      expect(await csvHeader(page)).toBe("id,name,top level,open tickets,status");

      // a search keeps the columns
      const box = page.locator('input[data-search="list"]');
      await box.fill("a");
      if (!js) await box.press("Enter");
      await expect(page).toHaveURL(/q=a&.*cols=name\+top-level\+open-tickets\+status/);
      await expect.poll(() => headers(page)).toEqual(["Name", "Top level", "Open tickets", "Status"]);

      // a hidden column comes back at the end; the list's own columns are one link away
      await choose(page, "Website: show");
      await expect.poll(() => headers(page)).toEqual(["Name", "Top level", "Open tickets", "Status", "Website"]);
      await choose(page, "The list's own columns");
      await expect.poll(() => headers(page)).toEqual(["Name", "Top level", "Status", "Website", "Open tickets"]);
      await expect(page).not.toHaveURL(/cols=/);
    });
  });
}

test("a column the list does not have is a 400 with a message naming it", async ({ page }) => {
  const res = await page.goto("/clients?cols=name+shoe-size");
  expect(res?.status()).toBe(400);
  await expect(page.getByText("This list has no column \u201cshoe-size\u201d").first()).toBeVisible();
});
