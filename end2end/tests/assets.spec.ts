import { test, expect } from "@playwright/test";
import { interactive } from "./helpers";

// scripts/test.sh runs these against the release binary copied alone into an empty folder and started
// with an empty environment (env -i): everything below comes out of the binary itself.
test("every asset the HTML links is served with brotli, hashed ones immutable", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const urls = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+href="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/(?:from|module_or_path:)\s*'([^']+)'/g)) urls.add(m[1]);
  const local = [...urls].filter((u) => u.startsWith("/"));
  const kinds = local.map((u) => u.split(".").pop());
  expect(kinds).toEqual(expect.arrayContaining(["js", "wasm", "css"]));

  for (const url of local) {
    const res = await request.get(url, { headers: { "Accept-Encoding": "br" } });
    expect(res.status(), url).toBe(200);
    expect(res.headers()["content-encoding"], url).toBe("br");
    if (url.startsWith("/pkg/")) {
      expect(res.headers()["cache-control"], url).toBe("public, max-age=31536000, immutable");
      expect(url, "hashed name").toMatch(/\/pkg\/[^/]+\.[A-Za-z0-9_-]{8,}\.(js|wasm|css)$/);
    }
    expect((await res.body()).length, url).toBeGreaterThan(0);
  }
});

test("the page served from the lone binary hydrates", async ({ page }) => {
  await page.goto("/");
  await interactive(page);
});

test("health and readiness probes answer", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.text()).toBe("ok");
  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
});
