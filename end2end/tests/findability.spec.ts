import { test, expect } from "@playwright/test";
import { interactive } from "./helpers";
import { simGet } from "./sim";

// Picks random records of each entity from the simulator, types at most four characters of each into the
// overview search, opens the result and checks its fields and one related list.
const KINDS = [
  { label: "Clients", api: "/Client", key: "clients", related: "Sites" },
  { label: "Sites", api: "/Site", key: "sites", related: "Popup notes" },
  { label: "Companies", api: "/Supplier", key: "suppliers", related: "CRM notes" },
  { label: "Services", api: "/Service", key: "services", related: "Subscribers" },
];
const PER_KIND = 3;

// Random records, reproducibly: the seed is printed with each test (set FINDABILITY_SEED to replay one).
const SEED = Number(process.env.FINDABILITY_SEED ?? Date.now() % 1_000_000_007);
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ≤4-character piece of `name` that the fewest records of the entity match. */
async function bestQuery(request: any, api: string, key: string, name: string): Promise<[string, number]> {
  const candidates = new Set<string>();
  for (let i = 0; i + 4 <= name.length; i++) {
    const piece = name.slice(i, i + 4);
    if (piece.trim().length === 4) candidates.add(piece);
  }
  if (candidates.size === 0) candidates.add(name.slice(0, 4));
  let best: [string, number] = ["", Infinity];
  for (const c of candidates) {
    const body = await simGet(request, `${api}?pageinate=true&page_size=1&page_no=1&search=${encodeURIComponent(c)}`);
    if (body.record_count < best[1]) best = [c, body.record_count];
  }
  return best;
}

const PATH: Record<string, string> = { Clients: "/clients", Sites: "/sites", Companies: "/suppliers", Services: "/services" };

/** Types `q` into the overview search and opens the record at `href` from the `label` group: directly when
 * it is among the group's ten hits, else through the group's "All N matches" link (the full list, 50 a page). */
async function openFromOverview(page: any, q: string, label: string, href: string, matches: number) {
  expect(matches, `"${q}" matches ${matches}: more than one list page`).toBeLessThanOrEqual(50);
  await page.goto("/");
  await interactive(page);
  await page.locator('input[data-search="global"]').pressSequentially(q, { delay: 30 });
  const group = page.locator(`.hit-group[data-entity="${label}"]`);
  await expect(group).toBeVisible();
  if (matches > 10) {
    await group.getByRole("link", { name: /^All \d+ matches/ }).click();
    await expect(page.getByTestId("list-table")).toBeVisible();
    await page.locator(`[data-testid="list-table"] a[href="${href}"]`).click();
  } else {
    await group.locator(`a[href="${href}"]`).click();
  }
}

for (const kind of KINDS) {
  test(`any of the ${kind.label.toLowerCase()} can be found in four keystrokes`, async ({ page, request }) => {
    test.setTimeout(90_000);
    const random = rng(SEED + kind.label.length);
    test.info().annotations.push({ type: "seed", description: String(SEED) });
    console.log(`findability ${kind.label}: FINDABILITY_SEED=${SEED}`);
    const first = await simGet(request, `${kind.api}?pageinate=true&page_size=1&page_no=1`);
    const total = first.record_count as number;
    for (let n = 0; n < PER_KIND; n++) {
      // a random record anywhere in the list, not only on the first page
      const index = Math.floor(random() * total);
      const body = await simGet(request, `${kind.api}?pageinate=true&page_size=100&page_no=${Math.floor(index / 100) + 1}`);
      const rows = body[kind.key];
      const record = rows[index % 100] ?? rows[0];
      const href = `${PATH[kind.label]}/${record.id}`;
      const [q, matches] = await bestQuery(request, kind.api, kind.key, record.name);
      expect(q.length).toBeLessThanOrEqual(4);
      if (matches <= 50) {
        await openFromOverview(page, q, kind.label, href, matches);
      } else {
        // Only sites share names ("Main", "HQ"): staff find the client, then the site among its sites.
        expect(kind.label, `${record.name} needs more than four letters`).toBe("Sites");
        const clientId = Math.round(record.client_id);
        const client = await simGet(request, `/Client/${clientId}`);
        const [cq, cmatches] = await bestQuery(request, "/Client", "clients", client.name);
        await openFromOverview(page, cq, "Clients", `/clients/${clientId}`, cmatches);
        await page.locator(`section a[href="${href}"]`).first().click();
      }
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(record.name.trim());
      await expect(page.locator("dl.facts").first()).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: kind.related })).toBeVisible();
    }
  });
}
