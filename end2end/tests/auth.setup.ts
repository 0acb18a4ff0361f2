import { test as setup, expect } from "@playwright/test";
import { signInAsDemoAgent, DEMO_STATE } from "./signin";

// The one shared sign-in: every other suite starts from this saved session (scripts/test.sh's demo binary:
// agent mode against the built-in simulator's sign-in page).
setup("sign in as a demo agent", async ({ page }) => {
  await signInAsDemoAgent(page, "Alex Morgan", "/");
  await expect(page.getByTestId("client-count")).toHaveText(/^\d+$/);
  await page.context().storageState({ path: DEMO_STATE });
});
