import { expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Shared by the accessibility checks: the four ways a page is looked at, axe-core with the WCAG 2.1 A/AA
// rules, and the check that no table header covers a row.

/** Light and dark, a laptop and a phone. */
export const VIEWS = [
  { scheme: "light", width: 1366, height: 768 },
  { scheme: "dark", width: 1366, height: 768 },
  { scheme: "light", width: 390, height: 844 },
  { scheme: "dark", width: 390, height: 844 },
] as const;

const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Needs a page that runs script (axe-core is injected into it; with JavaScript off it waits forever).
 * Checks the page as it is now in each of the four views: no axe violation at all (any impact), and table
 * headers clear of the rows. `tables`: the page must show at least one table; `sticky`: also scroll each
 * table so its header sticks, and check it still covers no row (lists: they are long enough). */
export async function checkViews(page: Page, label: string, opts: { tables?: boolean; sticky?: boolean } = {}) {
  for (const v of VIEWS) {
    const where = `${label} (${v.scheme}, ${v.width}px)`;
    await page.setViewportSize({ width: v.width, height: v.height });
    await page.emulateMedia({ colorScheme: v.scheme });
    await resetScroll(page);
    const found = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
    const violations = found.violations.map(
      (x) =>
        `${x.id} [${x.impact}] ${x.help}: ${x.nodes.length} element(s), e.g. ` +
        x.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | "),
    );
    expect.soft(violations, `axe on ${where}`).toEqual([]);
    if (opts.tables) await headersClear(page, where, !!opts.sticky);
  }
}

async function resetScroll(page: Page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of document.querySelectorAll<HTMLElement>(".table-wrap, table")) {
      let p: HTMLElement | null = el;
      for (; p; p = p.parentElement) if (p.scrollTop || p.scrollLeft) p.scrollTo(0, 0);
    }
  });
}

/** What one table looks like: whether the header overlaps a row, the first row can be seen, and (after
 * scrolling past the table's top) whether the header stuck in sight with a row visible right below it. */
type Probe = {
  rows: number;
  overlapsAtRest: string[];
  firstRowVisible: boolean;
  stuck?: { headerTopmost: string[]; rowBelowVisible: boolean; tableTop: number; headerTop: number };
};

async function headersClear(page: Page, where: string, sticky: boolean) {
  const tables = page.locator("table:has(thead th)");
  const n = await tables.count();
  expect(n, `tables on ${where}`).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    await resetScroll(page);
    const p: Probe = await tables.nth(i).evaluate(probe, sticky);
    expect(p.rows, `rows of table ${i} on ${where}`).toBeGreaterThan(0);
    expect.soft(p.overlapsAtRest, `header over rows of table ${i} on ${where}`).toEqual([]);
    expect.soft(p.firstRowVisible, `first row of table ${i} visible on ${where}`).toBe(true);
    if (sticky) {
      expect(p.rows, `a list long enough to scroll on ${where}`).toBeGreaterThanOrEqual(6);
      const s = p.stuck!;
      expect.soft(s.headerTop, `header stuck (table scrolled under it) on ${where}`).toBeGreaterThan(s.tableTop + 1);
      expect.soft(s.headerTopmost, `header cells covered once stuck on ${where}`).toEqual([]);
      expect.soft(s.rowBelowVisible, `a row visible right below the stuck header on ${where}`).toBe(true);
    }
  }
  await resetScroll(page);
}

/** Runs in the page, on one table. */
async function probe(table: HTMLTableElement, sticky: boolean): Promise<Probe> {
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const rowsOf = () => [...table.tBodies[0].rows].map((r) => r.getBoundingClientRect());
  // the header cells are what sticks (the <thead> box itself stays in the table's flow)
  const cells = () => [...table.tHead!.rows[0].cells];
  const head = () => {
    const rs = cells().map((c) => c.getBoundingClientRect());
    const top = Math.min(...rs.map((r) => r.top));
    const bottom = Math.max(...rs.map((r) => r.bottom));
    return { top, bottom, left: Math.min(...rs.map((r) => r.left)), height: bottom - top };
  };
  const inTable = (x: number, y: number, part: string) => {
    const hit = document.elementFromPoint(x, y);
    return !!hit && !!hit.closest(part) && hit.closest("table") === table;
  };
  const rows = rowsOf();
  const h = head();
  const overlapsAtRest = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => h.bottom > r.top + 0.5 && h.top < r.bottom - 0.5)
    .map(({ i }) => `row ${i + 1}`);
  // the first row, brought into view the way a person would scroll to it
  table.tBodies[0].rows[0].scrollIntoView({ block: "nearest", inline: "nearest" });
  await frame();
  const first = table.tBodies[0].rows[0].cells[0].getBoundingClientRect();
  const firstRowVisible = inTable(first.left + 4, first.top + first.height / 2, "tbody tr:first-child");
  const result: Probe = { rows: rows.length, overlapsAtRest, firstRowVisible };
  if (!sticky || rows.length < 6) return result;

  // scroll five rows past the table's top: in the page, or in the table's own scroll box when it has one
  let box: HTMLElement | null = table.parentElement;
  for (; box; box = box.parentElement) {
    const o = getComputedStyle(box).overflowY;
    if ((o === "auto" || o === "scroll") && box.scrollHeight > box.clientHeight + 1) break;
  }
  const past = rows[5].top - rows[0].top + (rows[0].top - h.top);
  if (box) {
    window.scrollBy(0, box.getBoundingClientRect().top);
    box.scrollTop = past;
  } else {
    window.scrollBy(0, table.getBoundingClientRect().top + past);
  }
  await frame();
  const stuckHead = head();
  // what can be seen of the table: the window, narrowed to the table's scroll box when it has one
  const seen = box ? box.getBoundingClientRect() : { left: 0, right: innerWidth };
  const [minX, maxX] = [Math.max(0, seen.left), Math.min(innerWidth, seen.right)];
  const headerTopmost = cells()
    .filter((c) => {
      const r = c.getBoundingClientRect();
      const [l, rr] = [Math.max(r.left, minX), Math.min(r.right, maxX)];
      if (rr - l < 4) return false; // scrolled sideways out of view
      const hit = document.elementFromPoint((l + rr) / 2, r.top + r.height / 2);
      return !(hit && (hit === c || c.contains(hit)));
    })
    .map((c) => c.textContent!.trim() || "(empty)");
  const rowBelowVisible = inTable(Math.max(stuckHead.left, minX) + 8, stuckHead.bottom + 4, "tbody tr");
  result.stuck = {
    headerTopmost,
    rowBelowVisible,
    tableTop: table.getBoundingClientRect().top,
    headerTop: stuckHead.top,
  };
  return result;
}

/** The path of the first row's link to a record of `base` on its list page (e.g. `/clients/12`). */
export async function firstRecord(page: Page, base: string): Promise<string> {
  await page.goto(base);
  const links = page.locator(`table tbody tr a[href^="${base}/"]`);
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  const href = hrefs.find((h) => new RegExp(`^${base}/\\d+$`).test(h));
  expect(href, `a record link on ${base}`).toBeTruthy();
  return href!;
}
