import { test, expect, type Page } from "@playwright/test";
import { interactive, simRecordCount } from "./helpers";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the overview's HTML already holds the simulator's client count", async ({ page, request }) => {
    const expected = await simRecordCount(request, "/Client?pageinate=true&page_size=1&page_no=1");
    expect(expected).toBeGreaterThan(100);
    const res = await page.goto("/");
    expect(res?.status()).toBe(200);
    await expect(page.getByTestId("client-count")).toHaveText(String(expected));
    await expect(page).toHaveTitle("Overview · Haloscope");
    await expect(page.getByRole("complementary", { name: "Demo data" })).toContainText("Demo data");
    // and it came in the server's HTML, not from a script
    const html = await (await request.get("/")).text();
    expect(html).toContain(`data-testid="client-count">${expected}<`);
  });

  test("an unknown path gives the 404 page with status 404", async ({ page }) => {
    const res = await page.goto("/no/such/page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page).toHaveTitle("Page not found · Haloscope");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  });
});

test.describe("with JavaScript", () => {
  test("the page hydrates under a strict CSP and a reactive control responds", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
    });
    const res = await page.goto("/");
    const csp = res!.headers()["content-security-policy"];
    // the boot script allowed by its hash (the page stays the same bytes), a nonce for anything Leptos adds
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*' 'nonce-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res!.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res!.headers()["cache-control"]).toBe("private, no-store");
    await interactive(page);
    const note = page.getByTestId("refresh-note");
    await expect(note).toHaveText("");
    await page.getByTestId("refresh-counts").click();
    await expect(note).toHaveText("Refreshed once");
    await expect(page.getByTestId("client-count")).toHaveText(/^\d+$/);
    // the click was handled in the page, not by a form submission
    expect(page.url()).toMatch(/\/$/);
    expect(errors).toEqual([]);
  });

  test("refreshing the counts redraws each one from the fresh answer", async ({ page }) => {
    await page.goto("/");
    await interactive(page);
    const shown = Number(await page.getByTestId("client-count").textContent());
    const companies = await page.getByTestId("company-count").textContent();
    // the counts are on the page once, as its HTML: no island carries them a second time
    expect(await page.locator("leptos-island[data-props]").count()).toBe(0);
    // HaloPSA's fresh answer, with one more client than the page shows
    let asked = 0;
    await page.route(/\/api\/get_overview_counts/, async (route) => {
      asked += 1;
      const res = await route.fetch();
      expect(res.status()).toBe(200);
      const counts: { kind: string; count: number }[] = await res.json();
      const clients = counts.find((c) => c.kind === "clients");
      expect(clients).toBeDefined();
      clients!.count = shown + 1;
      await route.fulfill({ response: res, json: counts });
    });
    await page.getByTestId("refresh-counts").click();
    await expect(page.getByTestId("refresh-note")).toHaveText("Refreshed once");
    await expect(page.getByTestId("client-count")).toHaveText(String(shown + 1));
    await expect(page.getByTestId("company-count")).toHaveText(companies!);
    expect(asked).toBe(1);
    await page.getByTestId("refresh-counts").click();
    await expect(page.getByTestId("refresh-note")).toHaveText("Refreshed 2 times");
    expect(asked).toBe(2);
  });

  test("the islands start when the wasm reaches the browser under another type", async ({ page }) => {
    // a proxy that relabels the wasm makes streaming compilation refuse it; the glue's `init` then
    // compiles the whole download
    let relabelled = 0;
    await page.route(/\/pkg\/.*\.wasm$/, async (route) => {
      const res = await route.fetch();
      relabelled += 1;
      await route.fulfill({ status: res.status(), headers: { "content-type": "application/octet-stream" }, body: await res.body() });
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto("/");
    await interactive(page);
    expect(relabelled).toBeGreaterThan(0);
    await page.getByTestId("refresh-counts").click();
    await expect(page.getByTestId("refresh-note")).toHaveText("Refreshed once");
    expect(errors).toEqual([]);
  });

  test("navigation moves between pages on the client", async ({ page }) => {
    await page.goto("/no/such/page");
    await interactive(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await expect(page).toHaveTitle("Overview · Haloscope");
  });
});

test.describe("a list's first paint", () => {
  // Without the hold, Chromium paints a long document as soon as its parser first yields: the header and
  // the toolbar, with the table's rows only in a later frame, after a second style, layout and paint (and
  // a shift of the columns). A 100-row page at 6× throttling makes the parser yield early. The init script
  // looks at the document in the first animation frame, the frame that paints first: it must already hold
  // every row and the end of <main>. With the hold stripped from the page (through page.route), that first
  // frame held 0–96 rows in 7 of 15 visits over three runs of this suite's demo server (the parser's
  // yields vary), hence six visits; as shipped, all 100 and the end in 12 of 12. (An earlier version
  // compared the first paint with a MutationObserver's time for `</main>`, but an observer's callback can
  // run after the paint that followed the parse, and once did in CI.)
  test("comes only once the whole of <main> is parsed, table and all", async ({ page, context }) => {
    await page.addInitScript(() => {
      requestAnimationFrame(() => {
        (window as any).__firstFrame = {
          rows: document.querySelectorAll("table.data tbody tr").length,
          mainEnded: document.getElementById("main-end") !== null,
        };
      });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
    for (let visit = 0; visit < 6; visit++) {
      await page.goto("/clients?per_page=100");
      await expect(page.locator("table.data tbody tr")).toHaveCount(100);
      await page.waitForFunction(() => (window as any).__firstFrame !== undefined);
      const firstFrame = await page.evaluate(() => (window as any).__firstFrame);
      expect(firstFrame).toEqual({ rows: 100, mainEnded: true });
    }
  });
});

/** Notes every layout shift of the next documents the page loads, with what moved. */
async function recordShifts(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = ((window as any).__shifts = []);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[])
        for (const s of e.sources) seen.push(`${s.node?.nodeName}.${s.node?.className} ${(s.node?.textContent ?? "").slice(0, 40)}`);
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** What moved on the page so far (a layout shift's sources), once its islands have started. */
async function shifted(page: Page): Promise<string[]> {
  await interactive(page);
  // a frame after the islands' start, for the shift their first redraw would cause
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate(() => (window as any).__shifts);
}

test.describe("nothing moves when the islands start", () => {
  for (const path of ["/clients", "/clients/1711", "/", "/clients/new"]) {
    test(`on ${path}`, async ({ page }) => {
      await recordShifts(page);
      await page.goto(path);
      // e.g. a list's "All … on this page" box appears in the place kept for it, moving nothing
      expect(await shifted(page)).toEqual([]);
    });
  }
});

test.describe("the status light", () => {
  test("shows the server's last upstream check at once, and the page's start asks /readyz nothing", async ({ page, request }) => {
    expect((await request.get("/readyz")).status()).toBe(200); // a check the server now knows
    const asked: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/readyz") asked.push(r.url());
    });
    await page.goto("/clients");
    await interactive(page);
    const light = page.getByTestId("status-light");
    await expect(light).toHaveClass(/\bok\b/);
    await expect(light).toHaveText("HaloPSA connected");
    expect(asked, "the light was known: no poll on start").toHaveLength(0);
  });

  test("asks /readyz at once when the page came without a known state, and redraws in place", async ({ page }) => {
    // the page as a fresh server would send it before any check
    await page.route(
      (u) => u.pathname === "/clients",
      async (route) => {
        const res = await route.fetch();
        const light = /<span class="status-light [a-z]+" title="[^"]*"( role="status" data-testid="status-light"><span class="dot" aria-hidden="true"><\/span><span class="label">)[^<]*/;
        const sent = await res.text();
        expect(sent).toMatch(light);
        const body = sent.replace(light, '<span class="status-light unknown" title=""$1HaloPSA');
        await route.fulfill({ response: res, body });
      },
    );
    await recordShifts(page);
    const polled = page.waitForRequest((r) => new URL(r.url()).pathname === "/readyz");
    await page.goto("/clients");
    await polled;
    const light = page.getByTestId("status-light");
    await expect(light).toHaveClass(/\bok\b/);
    await expect(light).toHaveText("HaloPSA connected");
    // the longer words took room the label kept for them: the sign-out form beside it did not move
    expect(await shifted(page)).toEqual([]);
  });
});
