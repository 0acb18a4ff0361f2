// Makes the screenshots under docs/: the clients list and a client's page, light and dark, at 1366 px (and,
// with --phone, the same at 390 px into a scratch folder for a look). Against a running demo instance:
//   bash scripts/run.sh &   # or target/release/haloscope in an empty folder
//   cd end2end && node screenshots.mjs http://127.0.0.1:3000 [--phone /tmp/shots]
// The client shown is the demo's first one (#1, the MSP itself, with a dozen sites); CLIENT=/clients/<id> picks another.
import { chromium } from "@playwright/test";
import { execSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const phoneDir = process.argv[3] === "--phone" ? process.argv[4] ?? "/tmp/shots" : null;
const docs = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "docs");
const executablePath = process.env.CHROMIUM_PATH ?? execSync("command -v chromium", { encoding: "utf8" }).trim();

const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const page = await context.newPage();

// sign in as the simulator's first demo agent
await page.goto(`${base}/clients`);
await page.getByRole("button", { name: /Sign in with HaloPSA/ }).click();
await page.getByRole("link", { name: /^Sign in as / }).first().click();
await page.waitForSelector("body[data-interactive='true']");
const client = process.env.CLIENT ?? "/clients/1";

const shots = [
  ["clients", "/clients"],
  ["client", client],
];
for (const [width, height, dir] of [[1366, 768, docs], ...(phoneDir ? [[390, 844, phoneDir]] : [])]) {
  await page.setViewportSize({ width, height });
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, url] of shots) {
      await page.goto(`${base}${url}`);
      await page.waitForSelector("body[data-interactive='true']");
      await page.waitForSelector("table tbody tr");
      const file = path.join(dir, `screenshot-${name}-${scheme}${dir === docs ? "" : `-${width}`}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
  }
}
await browser.close();
