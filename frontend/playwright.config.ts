/**
 * Browser tests of the dApp. Run them with `npx tsx scripts/e2e.ts` (from the repository root):
 * it starts a fresh chain and the built dApp and sets the LAYANAN_E2E_* variables the tests read.
 * The browser is Debian's chromium at /usr/bin/chromium (Playwright's own browsers cannot be
 * downloaded here); Playwright gives every run a fresh, temporary profile.
 */
import { defineConfig, devices } from "@playwright/test";

export const CHROMIUM = process.env.LAYANAN_E2E_CHROMIUM ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  testMatch: "*.spec.ts",
  outputDir: "./test-output/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: process.env.LAYANAN_E2E_BASE_URL ?? "http://127.0.0.1:3100",
    viewport: { width: 1280, height: 800 },
    locale: "id-ID",
    // Tracing slows every test down; LAYANAN_E2E_TRACE=1 keeps a trace of each failed test.
    trace: process.env.LAYANAN_E2E_TRACE === "1" ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
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
