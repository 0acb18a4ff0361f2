import { expect, Page } from "@playwright/test";

/** Where the shared signed-in session is saved by auth.setup.ts. */
export const DEMO_STATE = ".auth/demo.json";

let signIns = 0;
/** A documentation address (TEST-NET-3) no other sign-in of this worker has used. */
function nextAddress(): string {
  signIns += 1;
  return `203.0.113.${(process.pid * 7 + signIns) % 250 + 1}`;
}

/** Signs in through /login and the simulator's sign-in page as `agent`, starting from `path`. */
export async function signInAsDemoAgent(page: Page, agent: string, path: string) {
  // the demo instance trusts loopback as a proxy (scripts/e2e.sh): each sign-in comes from an address of
  // its own, so a fast suite does not use up one address's sign-in attempts
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": nextAddress() });
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
