import { defineConfig } from "@playwright/test";
import { execSync } from "node:child_process";
import { DEMO_STATE } from "./tests/signin";

// The server is started by scripts/test.sh (the release binary, alone in an empty folder, empty environment).
const baseURL = process.env.HALOSCOPE_URL ?? "http://127.0.0.1:3000";

function chromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync("command -v chromium", { encoding: "utf8" }).trim();
  } catch {
    return "/usr/bin/chromium";
  }
}

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  // Reading tests compare counts with the simulator, so the writing tests run after them; fault injection
  // affects every request, so it runs last.
  // Every suite but the sign-in tests starts from the session auth.setup.ts saves (one shared sign-in); the
  // leak crawl runs last, when the servers' logs hold the whole run.
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "read",
      testIgnore: /(write|health|faults|signin|leak)\.spec\.ts|auth\.setup\.ts/,
      dependencies: ["setup"],
      use: { storageState: DEMO_STATE },
    },
    { name: "write", testMatch: /(write|health)\.spec\.ts/, dependencies: ["read"], use: { storageState: DEMO_STATE } },
    { name: "faults", testMatch: /faults\.spec\.ts/, dependencies: ["write"], use: { storageState: DEMO_STATE } },
    { name: "signin", testMatch: /signin\.spec\.ts/, dependencies: ["faults"] },
    { name: "leak", testMatch: /leak\.spec\.ts/, dependencies: ["signin"], use: { storageState: DEMO_STATE } },
  ],
  use: {
    baseURL,
    trace: "off",
    launchOptions: {
      executablePath: chromium(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
