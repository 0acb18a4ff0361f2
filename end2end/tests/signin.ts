import { expect, Page } from "@playwright/test";

/** Where the shared signed-in session is saved by auth.setup.ts. */
export const DEMO_STATE = ".auth/demo.json";

/** Signs in through /login and the simulator's sign-in page as `agent`, starting from `path`. */
export async function signInAsDemoAgent(page: Page, agent: string, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await page.getByRole("button", { name: /Sign in with HaloPSA/ }).click();
  await expect(page.getByRole("heading", { name: /Sign in to/ })).toBeVisible();
  await page.getByRole("link", { name: `Sign in as ${agent}` }).click();
  await expect(page.locator(".signed-in .who")).toHaveText(agent);
}

/** The service-mode instance scripts/test.sh starts (local accounts). */
export const service = {
  url: process.env.SERVICE_URL ?? "",
  user: process.env.SERVICE_USER ?? "",
  password: process.env.SERVICE_PASSWORD ?? "",
};
