import { defineConfig } from "@playwright/test";
import { findBrowser } from "./scripts/browserPath";

const PORT = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "reports/e2e-results.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findBrowser() ?? undefined,
      // Debian's Chromium as root in a closed network: no sandbox, no background calls home.
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    // A fresh demo database per run, served by the same start script users run.
    command: "rm -rf data/e2e && npx tsx --conditions=react-server scripts/start.ts",
    url: `${baseURL}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { PORT: String(PORT), DATABASE_PATH: "data/e2e/mild-e2e.db", DEMO_PROCEDURES: "800", NEXTAUTH_URL: baseURL },
  },
});
