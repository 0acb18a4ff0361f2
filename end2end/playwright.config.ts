import { defineConfig } from "@playwright/test";
import { execSync } from "node:child_process";

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
  projects: [
    { name: "read", testIgnore: /(write|faults)\.spec\.ts/ },
    { name: "write", testMatch: /write\.spec\.ts/, dependencies: ["read"] },
    { name: "faults", testMatch: /faults\.spec\.ts/, dependencies: ["write"] },
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
