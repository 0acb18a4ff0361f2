import { test, expect, Page, Browser } from "@playwright/test";
import { interactive } from "./helpers";
import { checkViews } from "./a11y";
import { signInAsDemoAgent } from "./signin";

// Saved views, with JavaScript and without: save the list's state under a name, open it, share its link with
// a colleague (who lands on the same state and copies it into their own views), make it the list's default
// (the bare list then redirects to it), rename and delete it. Each run signs in as its own agents, so a
// default view never reaches the other suites' shared session.

const STATE = "q=an&status=all&per_page=25";
const SITES = `/sites?${STATE}`;
const AT_SITES = /\/sites\?q=an&status=all&per_page=25$/;

/** Opens the saved-views panel (closed after every full page load, possibly open after a client-side one). */
async function panel(page: Page) {
  const details = page.getByTestId("saved-views");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator("summary").first().click();
  }
  await expect(details.getByTestId("view-name")).toBeVisible();
  return details;
}

/** The person's saved view called `name` in the open panel. */
function item(details: ReturnType<Page["getByTestId"]>, name: string) {
  return details.getByTestId("saved-view").filter({ has: details.page().getByRole("link", { name, exact: true }) });
}

async function loaded(page: Page, js: boolean) {
  if (js) await interactive(page);
}

async function signedIn(browser: Browser, js: boolean, agent: string, path: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInAsDemoAgent(page, agent, path);
  return page;
}

for (const js of [true, false]) {
  test(`saved views ${js ? "with" : "without"} JavaScript: save, open, share, default, rename, delete`, async ({ browser }) => {
    test.setTimeout(90_000);
    const owner = js ? "Jonas Weber" : "Chloé Martin";
    const name = `Sites with an (${js ? "js" : "no js"})`;
    const page = await signedIn(browser, js, owner, SITES);
    await expect(page).toHaveURL(AT_SITES);
    await loaded(page, js);

    // save the list's state under a name; the list stays as it was and says so once
    let details = await panel(page);
    await details.getByTestId("view-name").fill(name);
    await details.getByRole("button", { name: "Save this view" }).click();
    await expect(page.getByTestId("flash")).toContainText(`Saved the view \u201c${name}\u201d.`);
    await expect(page).toHaveURL(AT_SITES);

    // open it from the bare list: its link is the state
    await page.goto("/sites");
    await loaded(page, js);
    details = await panel(page);
    await expect(item(details, name)).toHaveCount(1);
    await item(details, name).getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(AT_SITES);
    await expect(page.locator('input[data-search="list"]')).toHaveValue("an");

    // its stable link takes a colleague to the same state, and they copy it into their own views
    details = await panel(page);
    const share = await item(details, name).getByTestId("share-link").getAttribute("href");
    expect(share).toMatch(/^\/sites\?view=\d+$/);
    const colleague = await signedIn(browser, js, "Sam O'Connor", share!);
    await expect(colleague).toHaveURL(AT_SITES);
    await loaded(colleague, js);
    let theirs = await panel(colleague);
    await expect(theirs.getByRole("link", { name, exact: true })).toHaveCount(0);
    const copy = `Copied from ${owner}`;
    await theirs.getByTestId("view-name").fill(copy);
    await theirs.getByRole("button", { name: "Save this view" }).click();
    await expect(colleague.getByTestId("flash")).toContainText(`Saved the view \u201c${copy}\u201d.`);
    theirs = await panel(colleague);
    await expect(item(theirs, copy)).toHaveCount(1);
    await colleague.context().close();

    // the owner's views are their own
    await page.reload();
    await loaded(page, js);
    details = await panel(page);
    await expect(details.getByRole("link", { name: copy, exact: true })).toHaveCount(0);

    // the default: the bare list goes to it, and stops doing so when asked
    await item(details, name).getByRole("button", { name: `Open this list with it \u201c${name}\u201d` }).click();
    await expect(page.getByTestId("flash")).toBeVisible();
    await page.goto("/sites");
    await expect(page).toHaveURL(AT_SITES);
    await loaded(page, js);
    details = await panel(page);
    await expect(item(details, name).locator(".pill")).toHaveText("default");

    if (js) {
      // the open panel with a saved view in it passes axe like the rest of the page
      await checkViews(page, "the saved-views panel");
      details = await panel(page);
    }

    await item(details, name).getByRole("button", { name: `Stop opening with it \u201c${name}\u201d` }).click();
    await expect(page.getByTestId("flash")).toBeVisible();
    await page.goto("/sites");
    await expect(page).toHaveURL(/\/sites$/);
    await loaded(page, js);

    // rename, then delete
    details = await panel(page);
    const renamed = `${name}, renamed`;
    const row = item(details, name);
    await row.getByLabel("New name").fill(renamed);
    await row.getByRole("button", { name: `Rename \u201c${name}\u201d` }).click();
    await expect(page.getByTestId("flash")).toBeVisible();
    details = await panel(page);
    await expect(item(details, renamed)).toHaveCount(1);
    await expect(item(details, name)).toHaveCount(0);
    await item(details, renamed).getByRole("button", { name: `Delete \u201c${renamed}\u201d` }).click();
    await expect(page.getByTestId("flash")).toBeVisible();
    details = await panel(page);
    await expect(details.getByRole("link", { name: renamed, exact: true })).toHaveCount(0);
    await expect(details.locator("summary").first()).toHaveText("Saved views (0)");

    // a link to a view that is gone is a clear 404, not a blank list
    const gone = await page.goto(share!);
    expect(gone?.status()).toBe(404);
    await page.context().close();
  });
}
