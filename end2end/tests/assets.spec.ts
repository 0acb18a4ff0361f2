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
  expect(local.filter((u) => u.startsWith("/pkg/")).length, "the site's own assets").toBeGreaterThanOrEqual(3);

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

test("the wasm glue asks V8 to compile it ahead, in every encoding served", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const glue = html.match(/from '(\/pkg\/[^']+\.js)'/)?.[1];
  expect(glue, "the boot script imports the glue").toBeDefined();
  const bodies: string[] = [];
  for (const encoding of ["br", "gzip", "identity"]) {
    const res = await request.get(glue!, { headers: { "Accept-Encoding": encoding } });
    expect(res.status(), encoding).toBe(200);
    expect(res.headers()["content-encoding"] ?? "identity", encoding).toBe(encoding);
    bodies.push(await res.text());
  }
  // V8's explicit compile hint must be the file's first line (scripts/glue_hint.cjs)
  expect(bodies[0].startsWith("//# allFunctionsCalledOnLoad\n")).toBe(true);
  expect(bodies[1]).toBe(bodies[0]);
  expect(bodies[2]).toBe(bodies[0]);
  expect(bodies[0]).toContain("export function hydrate");
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
