import { expect, APIRequestContext } from "@playwright/test";
import { simToken } from "./helpers";

/** GET a simulator API path (e.g. "/Client?pageinate=true") with the demo app's token, as JSON. */
export async function simGet(request: APIRequestContext, path: string): Promise<any> {
  const token = await simToken(request);
  const res = await request.get(`/_sim/api${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status(), path).toBe(200);
  return res.json();
}

/** Rows of a simulator list answer, wrapped or bare. */
export function rowsOf(body: any, key?: string): any[] {
  if (Array.isArray(body)) return body;
  return key ? body[key] : [];
}
