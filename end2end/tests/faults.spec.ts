import { test, expect } from "@playwright/test";
import { hydrated } from "./helpers";

// Faults are injected in the embedded simulator (haloscope runs with --demo-fault-control in the test
// command); these run last and alone (project "faults").
test.describe.configure({ mode: "serial" });

test.afterEach(async ({ request }) => {
  await request.post("/_sim/_control/faults", { data: {} });
});

for (const js of [true, false]) {
  test(`a failing list shows the error panel in the shell and recovers (${js ? "with" : "without"} JavaScript)`, async ({ browser, request }) => {
    const ctx = await browser.newContext({ javaScriptEnabled: js });
    const page = await ctx.newPage();
    // a page no earlier test has asked for, so the read cache cannot answer it
    const path = `/clients?status=all&per_page=25&page=${10 + Math.floor(Math.random() * 60)}`;
    const set = await request.post("/_sim/_control/faults", { data: { error_rate: 1.0 } });
    expect(set.ok()).toBeTruthy();
    const res = await page.goto(path);
    expect(res?.status()).toBe(502);
    await expect(page.getByRole("alert")).toContainText("HaloPSA");
    await expect(page.getByRole("alert")).toContainText("Trying again");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    if (js) await hydrated(page);

    await request.post("/_sim/_control/faults", { data: {} });
    await page.getByRole("link", { name: "Retry" }).click();
    await expect(page.getByTestId("list-table")).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
    await ctx.close();
  });
}
