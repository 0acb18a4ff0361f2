import { test, expect, Page } from "@playwright/test";
import { checkViews } from "./a11y";
import { interactive } from "./helpers";

// Data health and recent changes on demo data: the report lists duplicate groups the simulator's data holds
// (halo-sim/src/data/mod.rs names them) and two groups this test adds through the create forms; each group
// links to a list that shows its records; the CSV holds them; the activity page shows the creates just made.
// It writes, so it runs in the "write" project, one test after another.
test.describe.configure({ mode: "default" });

async function create(page: Page, path: string, name: string, website?: string): Promise<string> {
  await page.goto(`${path}/new`);
  await page.fill("#f-name", name);
  if (website) await page.fill("#f-website", website);
  await page.click('button[name=force][value=""]');
  await expect(page).toHaveURL(new RegExp(`${path}/\\d+$`));
  return page.url().match(/\/(\d+)$/)![1];
}

/** Opens the report until it lists a group holding every one of `names` (walking again when a finished
 * report does not); the group. */
async function groupOf(page: Page, names: string[]) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await page.goto("/data-health?show=all");
    if (await page.getByTestId("health-walked").isVisible()) {
      let group = page.locator("li.duplicate-group");
      for (const n of names) group = group.filter({ hasText: n });
      if ((await group.count()) === 1) return group;
      await page.getByTestId("walk-again").click();
    }
    expect(Date.now(), `a report with ${names.join(" / ")} in one group`).toBeLessThan(deadline);
    await page.waitForTimeout(1000);
  }
}

test("the report groups the demo data's duplicates and two added through the forms", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await expect(page.getByTestId("data-health-link")).toContainText("Data health:");
  const tag = Date.now().toString(36);
  const clientNames = [`Zephyr ${tag} Widgets Ltd`, `ZEPHYR ${tag} WIDGETS LIMITED`];
  const companyNames = [`Quillfeather ${tag} & Sons`, `Quillfeather ${tag} and Sons`];
  const sites = [`https://www.zephyr-${tag}.example/contact`, `http://zephyr-${tag}.example`];
  const clients = [
    await create(page, "/clients", clientNames[0], sites[0]),
    await create(page, "/clients", clientNames[1], sites[1]),
  ];
  await create(page, "/suppliers", companyNames[0]);
  await create(page, "/suppliers", companyNames[1]);

  const ours = await groupOf(page, clientNames);
  for (const id of clients) await expect(ours.locator(`a[href="/clients/${id}"]`)).toBeVisible();
  const theirs = await groupOf(page, companyNames);
  await expect(theirs).toContainText("Companies");

  // groups of the demo data itself (see the simulator's generator)
  const groups = page.locator("li.duplicate-group");
  const harbour = groups.filter({ hasText: "Harbour Marketing Limited" });
  await expect(harbour).toHaveCount(1);
  await expect(harbour.locator('a[href="/clients/336"]')).toHaveText("Harbour Marketing");
  await expect(groups.filter({ hasText: "Ironbury Cabling Ltd" })).toContainText("Companies");
  await expect(page.getByTestId("incomplete-records")).toContainText("has no delivery address");

  // the overview counts the report
  await page.goto("/");
  await expect(page.getByTestId("data-health-link")).toContainText(/\d+ possible duplicate groups?, \d+ incomplete records?/);

  // the group's link opens the clients list showing both
  await page.goto("/data-health");
  await (await groupOf(page, clientNames)).getByTestId("fix-link").click();
  await expect(page).toHaveURL(/\/clients\?q=/);
  for (const id of clients) await expect(page.locator(`[data-testid="list-table"] a[href="/clients/${id}"]`)).toBeVisible();

  // the CSV holds both groups
  const csv = await page.request.get("/data-health.csv");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  for (const n of [...clientNames, ...companyNames]) expect(text).toContain(n);

  await page.goto("/data-health");
  await checkViews(page, "data health");

  // the page lists the first 60 groups; "Show all groups" (a client-side navigation) lists every one
  await expect(page.locator("li.duplicate-group")).toHaveCount(60);
  await interactive(page);
  await page.getByRole("link", { name: "Show all groups" }).click();
  await expect(page).toHaveURL(/\/data-health\?show=all$/);
  await expect.poll(() => page.locator("li.duplicate-group").count()).toBeGreaterThan(60);

  // "Compare details" sets the two new clients side by side, their one website marked as shared
  await (await groupOf(page, clientNames)).getByTestId("compare-link").click();
  await expect(page).toHaveURL(/\/data-health\/compare\?kind=clients&ids=/);
  for (const id of clients) await expect(page.locator(`[data-testid="compare-table"] thead a[href="/clients/${id}"]`)).toBeVisible();
  await expect(page.getByTestId("compare-summary")).toContainText("likely the same client");
  await expect(page.getByTestId("shared")).toHaveCount(2);
  await checkViews(page, "compare details", { tables: true });
});

test("the activity page shows a change just made, linked to its record", async ({ page }) => {
  const name = `Activity ${Date.now().toString(36)} Ltd`;
  const id = await create(page, "/clients", name);
  await page.goto("/activity?entity=clients&action=create");
  const row = page.locator(`[data-testid="changes"] tbody tr`).filter({ has: page.locator(`a[href="/clients/${id}"]`) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Created");
  await expect(row).toContainText("name");
  // the record's page lists it too
  await page.goto(`/clients/${id}`);
  await expect(page.locator("section", { hasText: "Recent changes in Haloscope" })).toContainText("Created");
  await page.goto("/activity");
  await checkViews(page, "recent changes", { tables: true });
});
