import { expect, Page, APIRequestContext } from "@playwright/test";

/**
 * Waits until the page is interactive: every island on it has started (the app then marks
 * <body data-interactive="true"> and `performance.mark("interactive")`; a client-side navigation clears the
 * mark and sets it again once the new page's islands have started).
 */
export async function interactive(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-interactive", "true");
}

/** The simulator's record_count for a list endpoint, asked over HTTP with the demo app's token. */
export async function simRecordCount(request: APIRequestContext, path: string): Promise<number> {
  const token = await simToken(request);
  const res = await request.get(`/_sim/api${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  return body.record_count;
}

let cachedToken: string | undefined;
export async function simToken(request: APIRequestContext): Promise<string> {
  if (cachedToken) return cachedToken;
  const res = await request.get("/_sim/api/authinfo");
  expect(res.status()).toBe(200);
  const creds = {
    client_id: process.env.SIM_CLIENT_ID!,
    client_secret: process.env.SIM_CLIENT_SECRET!,
  };
  const tok = await request.post(`/_sim/auth/token?tenant=${process.env.SIM_TENANT ?? "demo"}`, {
    form: { grant_type: "client_credentials", scope: "all", ...creds },
  });
  expect(tok.status()).toBe(200);
  cachedToken = (await tok.json()).access_token;
  return cachedToken!;
}
