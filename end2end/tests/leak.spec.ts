import { test, expect, APIRequestContext, request as playwrightRequest } from "@playwright/test";
import * as fs from "node:fs";
import { service } from "./signin";

// Crawls every page reachable from the overview (and every asset they link) on both instances scripts/test.sh
// started, then searches every byte received and each server's log for the HaloPSA client secret and every
// access or refresh token the simulator issued. Runs last, so the logs hold the whole run.

type Crawl = { texts: Map<string, Buffer> };

async function crawl(req: APIRequestContext, limit = 80): Promise<Crawl> {
  const texts = new Map<string, Buffer>();
  const queue = ["/", "/login"];
  const seen = new Set(queue);
  while (queue.length && texts.size < limit) {
    const path = queue.shift()!;
    const res = await req.get(path, { maxRedirects: 0 });
    const headers = JSON.stringify(res.headersArray());
    const body = await res.body();
    texts.set(path, Buffer.concat([Buffer.from(headers), body]));
    const type = res.headers()["content-type"] ?? "";
    if (!type.includes("text/html")) continue;
    const html = body.toString("utf8");
    const links = [
      ...html.matchAll(/(?:href|src)="([^"]+)"/g),
      ...html.matchAll(/(?:from|module_or_path:)\s*'([^']+)'/g),
    ].map((m) => m[1].replace(/&amp;/g, "&"));
    for (const link of links) {
      if (!link.startsWith("/") || link.startsWith("//") || link.startsWith("/_sim") || seen.has(link)) continue;
      // follow every record page but not every row of every list
      if (/\?(page|sort)=/.test(link) && seen.size > 40) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  return { texts };
}

function secretsIn(where: string, bytes: Buffer, secrets: string[]) {
  for (const s of secrets) {
    expect(bytes.includes(Buffer.from(s)), `${where} holds a secret (${s.slice(0, 4)}…)`).toBe(false);
  }
}

test("the demo instance: no secret or token in any page, asset, header or log line", async ({ request }) => {
  const crawled = await crawl(request);
  const paths = [...crawled.texts.keys()];
  expect(paths.some((p) => p.endsWith(".wasm"))).toBe(true);
  expect(paths.some((p) => p.endsWith(".js"))).toBe(true);
  expect(paths.some((p) => p.endsWith(".css"))).toBe(true);
  expect(paths.some((p) => /^\/clients\/\d+$/.test(p))).toBe(true);
  const tokens: string[] = await (await request.get("/_sim/_control/tokens")).json();
  expect(tokens.length).toBeGreaterThan(2);
  const secrets = [process.env.SIM_CLIENT_SECRET!, ...tokens];
  for (const [path, bytes] of crawled.texts) secretsIn(path, bytes, secrets);
  const log = process.env.DEMO_LOG;
  test.skip(!log, "DEMO_LOG is not set");
  const text = fs.readFileSync(log!);
  expect(text.length).toBeGreaterThan(0);
  secretsIn("the demo server's log", text, secrets);
});

test("the service instance with a configured secret: nothing leaks either", async () => {
  test.skip(!service.url, "SERVICE_URL is not set");
  const req = await playwrightRequest.newContext({ baseURL: service.url });
  const signIn = await req.post("/login", {
    form: { username: service.user, password: service.password, next: "/" },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(303);
  const crawled = await crawl(req, 60);
  expect([...crawled.texts.keys()].some((p) => p.endsWith(".wasm"))).toBe(true);
  const tokens: string[] = await (await req.get(`${process.env.SERVICE_SIM_URL}/_control/tokens`)).json();
  expect(tokens.length).toBeGreaterThan(0);
  const secrets = [process.env.SERVICE_SECRET!, service.password, ...tokens];
  expect(process.env.SERVICE_SECRET).toBeTruthy();
  for (const [path, bytes] of crawled.texts) secretsIn(path, bytes, secrets);
  const text = fs.readFileSync(process.env.SERVICE_LOG!);
  expect(text.toString()).toContain('"action":"sign_in"');
  secretsIn("the service server's log", text, secrets);
  await req.dispose();
});
