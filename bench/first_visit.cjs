// A person's first visit to a page in Chromium with its CPU slowed 4× (Emulation.setCPUThrottlingRate):
// for each page, RUNS fresh browser contexts (nothing cached in the browser; the server's read cache warm),
// each timing navigation start → first contentful paint and navigation start → the app's "interactive"
// mark (every island started), read through the CDP session so that no test-tool script runs in the page
// while it loads (BOTH_TIMES). Prints one line per page, tab-separated: median FCP ms, median interactive
// ms, the median of each run's interactive ÷ FCP, and each run's two times.
//
// Nine runs by default (BENCH_VISITS), taken in rounds (each page once per round), not page after page: a
// list's first paint comes either before or after the end of its table is parsed, two groups 130–190 ms
// apart, so a median of five flipped between them from one run of the same build to the next (1.18 to 1.89,
// docs/PERFORMANCE.md), and a machine slowing down for a minute fell on one page only.
//
// usage: node bench/first_visit.cjs BASE COOKIE path...   (COOKIE: "name=value" of a signed-in session)
// Uses end2end's Playwright and Debian's chromium, as the end-to-end tests do.

const path = require("node:path");
const { execSync } = require("node:child_process");
const { chromium } = require(path.join(__dirname, "..", "end2end", "node_modules", "playwright"));

const RUNS = Number(process.env.BENCH_VISITS || 9);
const THROTTLE = 4;

// Resolves, in the page, to both times once both entries exist (the mark can come before the first
// paint). Observers wake it; nothing polls. Playwright's waitForSelector, used before, evaluated its
// selector engine in the page right after `load`: 35–57 ms of the main thread at 4×, which in one traced
// form visit of four fell between the first paint and the mark and so was counted as the page's own.
const BOTH_TIMES = `new Promise((done) => {
  const check = () => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
    const interactive = performance.getEntriesByName("interactive")[0]?.startTime;
    if (fcp !== undefined && interactive !== undefined) done({ fcp, interactive });
  };
  for (const type of ["mark", "paint"]) new PerformanceObserver(check).observe({ type, buffered: true });
})`;

// `work`, or an error once `ms` have passed: a page whose mark never comes stops the bench instead of
// hanging it (CDP's own `timeout` bounds running script, not the wait for a promise).
function within(ms, what, work) {
  let timer;
  const late = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no interactive mark on ${what} after ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function visit(browser, base, cookie, page_path) {
  const [name, value] = cookie.split(/=(.*)/s);
  const context = await browser.newContext();
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  await page.goto(base + page_path);
  const { result } = await within(
    60_000,
    page_path,
    cdp.send("Runtime.evaluate", { expression: BOTH_TIMES, awaitPromise: true, returnByValue: true }),
  );
  const t = result.value ?? {};
  await context.close();
  if (t.fcp === undefined || t.interactive === undefined) throw new Error(`no timings for ${page_path}`);
  return t;
}

(async () => {
  const [base, cookie, ...paths] = process.argv.slice(2);
  const executablePath = execSync("command -v chromium || echo /usr/bin/chromium", { encoding: "utf8" }).trim();
  const browser = await chromium.launch({ executablePath });
  try {
    for (const p of paths) await visit(browser, base, cookie, p); // warms the server's cache, unrecorded
    const all = new Map(paths.map((p) => [p, []]));
    for (let i = 0; i < RUNS; i++) for (const p of paths) all.get(p).push(await visit(browser, base, cookie, p));
    for (const [p, runs] of all) {
      const fcp = median(runs.map((r) => r.fcp));
      const tti = median(runs.map((r) => r.interactive));
      const ratio = median(runs.map((r) => r.interactive / r.fcp)); // each run's own ratio
      const each = runs.map((r) => `${Math.round(r.fcp)}/${Math.round(r.interactive)}`).join(" ");
      console.log(`${p}\t${fcp.toFixed(0)}\t${tti.toFixed(0)}\t${ratio.toFixed(2)}\t${each}`);
    }
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
