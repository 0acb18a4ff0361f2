import { expect, APIRequestContext } from "@playwright/test";
import { simToken } from "./helpers";

/** GET a simulator API path (e.g. "/Client?pageinate=true") with the demo app's token, as JSON. */
export async function simGet(request: APIRequestContext, path: string): Promise<any> {
  const token = await simToken(request);
  const res = await request.get(`/_sim/api${path}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status(), path).toBe(200);
  return res.json();
}

/** One write (POST or DELETE under `/api/`) as it reached the demo's simulator, raw body included. */
export type SimWrite = { method: string; path: string; body: string };

/** Every write the demo's simulator has recorded, oldest first (its last 1000): what reached the wire. */
export async function simWrites(request: APIRequestContext): Promise<SimWrite[]> {
  const res = await request.get("/_sim/_control/writes");
  expect(res.status()).toBe(200);
  return res.json();
}

/** Rows of a simulator list answer, wrapped or bare. */
export function rowsOf(body: any, key?: string): any[] {
  if (Array.isArray(body)) return body;
  return key ? body[key] : [];
}
