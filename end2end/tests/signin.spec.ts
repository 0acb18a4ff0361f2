import { test, expect } from "@playwright/test";
import { interactive } from "./helpers";
import { signInAsDemoAgent, service } from "./signin";

// These start signed out (no shared session).
test.use({ storageState: { cookies: [], origins: [] } });

for (const js of [true, false]) {
  test.describe(`agent sign-in (demo) ${js ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled: js });

    test("a page sends you to sign in, HaloPSA signs you in, and you come back to it; sign-out ends it", async ({ page }) => {
      await signInAsDemoAgent(page, "Priya Shah", "/clients?q=ab");
      await expect(page).toHaveURL(/\/clients\?q=ab$/);
      await expect(page.locator("table tbody tr").first()).toBeVisible();
      if (js) await interactive(page);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login\?signed_out=1$/);
      await expect(page.getByRole("status")).toHaveText("You have signed out.");
      await page.goto("/clients");
      await expect(page).toHaveURL(/\/login\?next=%2Fclients$/);
    });
  });
}

test.describe("local sign-in (service mode)", () => {
  test.skip(!service.url, "SERVICE_URL is not set (scripts/test.sh starts the service-mode instance)");

  for (const js of [true, false]) {
    test(`wrong then right password, then sign out (${js ? "with" : "without"} JavaScript)`, async ({ browser }) => {
      const ctx = await browser.newContext({ baseURL: service.url, javaScriptEnabled: js, storageState: { cookies: [], origins: [] } });
      const page = await ctx.newPage();
      await page.goto("/sites");
      await expect(page).toHaveURL(/\/login\?next=%2Fsites$/);
      await page.getByLabel("User name").fill(service.user);
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toHaveText("That user name and password do not match.");
      await expect(page.getByLabel("User name")).toHaveValue(service.user);
      await page.getByLabel("Password").fill(service.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/sites$/);
      await expect(page.locator(".signed-in .who")).toHaveText(service.user);
      await expect(page.locator("table tbody tr").first()).toBeVisible();
      if (js) await interactive(page);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByRole("status")).toHaveText("You have signed out.");
      await page.goto("/sites");
      await expect(page).toHaveURL(/\/login\?next=%2Fsites$/);
      await ctx.close();
    });
  }
});
