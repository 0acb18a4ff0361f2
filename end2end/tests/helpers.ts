import { expect, Page, APIRequestContext } from "@playwright/test";

/** Waits until the wasm has hydrated the page (the app marks <body data-hydrated>). */
export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** The simulator's record_count for a list endpoint, asked over HTTP with the demo app's token. */
export async function simRecordCount(request: APIRequestContext, path: string): Promise<number> {
  const token = await simToken(request);
  const res = await request.get(`/_sim/api${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.ok()).toBeTruthy();
  const body = await res.json();
  return body.record_count;
}

let cachedToken: string | undefined;
export async function simToken(request: APIRequestContext): Promise<string> {
  if (cachedToken) return cachedToken;
  const res = await request.get("/_sim/api/authinfo");
  expect(res.ok()).toBeTruthy();
  const creds = {
    client_id: process.env.SIM_CLIENT_ID!,
    client_secret: process.env.SIM_CLIENT_SECRET!,
  };
  const tok = await request.post(`/_sim/auth/token?tenant=${process.env.SIM_TENANT ?? "demo"}`, {
    form: { grant_type: "client_credentials", scope: "all", ...creds },
  });
  expect(tok.ok()).toBeTruthy();
  cachedToken = (await tok.json()).access_token;
  return cachedToken!;
}
