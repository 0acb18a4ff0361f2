import { test, expect, Page, Browser } from "@playwright/test";
import { interactive } from "./helpers";
import { checkViews } from "./a11y";
import { signInAsDemoAgent } from "./signin";

// Bulk actions, with JavaScript and without: tick two clients this test made, deactivate them as a job,
// watch its page reach the end, then undo it. With JavaScript the second row is ticked with the `x`
// shortcut (announced in the selection's live region) and axe checks the bulk and job pages. Each run signs
// in as its own agent: one running job per person.

async function signedIn(browser: Browser, js: boolean, agent: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInAsDemoAgent(page, agent, "/clients");
  return page;
}

async function createClient(page: Page, js: boolean, name: string) {
  await page.goto("/clients/new");
  if (js) await interactive(page);
  await page.fill("#f-name", name);
  await page.click('button[name=force][value=""]');
  await expect(page).toHaveURL(/\/clients\/\d+$/);
}

/** Waits (the job page reloads itself) until the job says it finished. */
async function finished(page: Page, words: string) {
  await expect(page.getByTestId("job-state")).toHaveText(`Finished: ${words}.`, { timeout: 30_000 });
}

for (const js of [true, false]) {
  test(`bulk deactivate and undo ${js ? "with" : "without"} JavaScript`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await signedIn(browser, js, js ? "Priya Shah" : "Sam O'Connor");
    const prefix = `Bulk ${js ? "js" : "nojs"} ${Date.now()}`;
    const names = [`${prefix} A`, `${prefix} B`];
    for (const name of names) await createClient(page, js, name);

    const list = `/clients?q=${encodeURIComponent(prefix)}`;
    await page.goto(list);
    if (js) await interactive(page);
    const boxes = page.locator("input.row-select");
    await expect(boxes).toHaveCount(2);
    // each checkbox is named by its row's name, by reference
    await expect(page.getByRole("checkbox", { name: names[0] })).toHaveCount(1);
    await page.getByRole("checkbox", { name: names[0] }).check();
    if (js) {
      // shortcuts wait while a field has the focus (the checkbox just ticked)
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("j");
      await page.keyboard.press("j");
      await page.keyboard.press("x");
      await expect(page.getByTestId("selection-status")).toHaveText(`Selected ${names[1]}. 2 selected.`);
      await expect(page.getByRole("checkbox", { name: names[1] })).toBeChecked();
    } else {
      await page.getByRole("checkbox", { name: names[1] }).check();
    }
    await page.getByTestId("bulk-selected").click();

    await expect(page).toHaveURL(/\/bulk\?/);
    await expect(page.getByTestId("bulk-count")).toHaveText("2 clients selected.");
    for (const name of names) await expect(page.getByRole("listitem").filter({ hasText: name })).toHaveCount(1);
    if (js) {
      await interactive(page);
      await checkViews(page, "bulk page");
    }
    await page.getByTestId("bulk-deactivate").click();

    await expect(page).toHaveURL(/\/jobs\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Deactivate 2 clients");
    await finished(page, "2 done, 0 failed, 0 left");
    const results = page.getByTestId("job-results");
    for (const name of names) await expect(results.getByRole("row", { name: new RegExp(`${name} Done`) })).toHaveCount(1);
    if (js) {
      await interactive(page);
      await checkViews(page, "job page", { tables: true });
    }

    const first = page.url();
    await page.goto(`${list}&status=inactive`);
    await expect(page.locator("input.row-select")).toHaveCount(2);
    await page.goto(first);
    if (js) await interactive(page);
    await page.getByTestId("job-undo").click();
    await expect(page).not.toHaveURL(first);
    await expect(page).toHaveURL(/\/jobs\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("restore Status on 2 clients");
    await finished(page, "2 done, 0 failed, 0 left");
    await page.goto(list);
    await expect(page.locator("input.row-select")).toHaveCount(2);
    await page.goto(`${list}&status=inactive`);
    await expect(page.getByTestId("empty-state")).toBeVisible();
    await page.context().close();
  });
}
