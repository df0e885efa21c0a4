import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { demoPassword, e2ePort } from "./e2e/env";

/**
 * Browser tests: Debian's Chromium (never a downloaded browser) against a real Stoa server on a
 * fresh embedded database. `node scripts/e2e.mjs` builds the web app first and runs this;
 * `node scripts/e2e.mjs serve` is the server command below (it wipes the data directory first).
 */

const port = e2ePort;
const baseURL = `http://127.0.0.1:${port}`;
const isCI = !!process.env.CI;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  // Spec files run side by side on two workers (a 2-core machine); tests in a file run in order.
  workers: 2,
  fullyParallel: false,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.STOA_E2E_JSON ?? "test-results/e2e-report.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-US",
    timezoneId: "America/Chicago",
    launchOptions: {
      executablePath: process.env.STOA_CHROMIUM ?? "/usr/bin/chromium",
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
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node scripts/e2e.mjs serve",
    url: `${baseURL}/api/health`,
    // Building the web app (when stale), migrating and seeding 250 people takes a while on PGlite.
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      STOA_DATA_DIR: process.env.STOA_E2E_DATA_DIR ?? join(tmpdir(), `stoa-e2e-${port}`),
      STOA_DEMO_PASSWORD: demoPassword,
      STOA_SEED_DEMO: "true",
      LOG_LEVEL: "warn",
      // The browser suite always runs on the embedded database: `serve` drops these when empty.
      DATABASE_URL: "",
      REDIS_URL: "",
    },
  },
});
