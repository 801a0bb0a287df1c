import { defineConfig } from "@playwright/test";
import { postgresDatabaseUrl } from "./db/postgresAdmin";
import { findBrowser } from "./scripts/browserPath";

// E2E_POSTGRES_URL (a server's admin URL) runs the same tests against PostgreSQL, in a database of their own.
const postgresAdmin = process.env.E2E_POSTGRES_URL;
const PORT = Number(process.env.E2E_PORT || (postgresAdmin ? 3101 : 3100));
const baseURL = `http://localhost:${PORT}`;
// On PostgreSQL, DATABASE_PATH only places the generated keys and the audit checkpoints: a folder of the run's own.
const backend: Record<string, string> = postgresAdmin
  ? { DATABASE_URL: postgresDatabaseUrl(postgresAdmin, "mild_e2e"), DATABASE_PATH: "data/e2e-postgres/keys.db" }
  : { DATABASE_PATH: "data/e2e/mild-e2e.db" };

export default defineConfig({
  testDir: "tests/e2e",
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  // Where the server's database is, for the few e2e set-ups that write to it directly (tests/e2e/database.ts).
  metadata: backend.DATABASE_URL ? { databaseUrl: backend.DATABASE_URL, databasePath: backend.DATABASE_PATH } : { databasePath: backend.DATABASE_PATH },
  reporter: [["list"], ["json", { outputFile: postgresAdmin ? "reports/e2e-postgres-results.json" : "reports/e2e-results.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findBrowser() ?? undefined,
      // Debian's Chromium as root in a closed network: no sandbox, no background calls home.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // A fresh demo database per run, served by the same start script users run.
    command: "npx tsx scripts/reset-e2e-db.ts && npx tsx --conditions=react-server scripts/start.ts",
    url: `${baseURL}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      ...backend,
      DEMO_PROCEDURES: "800",
      // Every browser of the suite shares 127.0.0.1, and the matrix presents a made-up link as each principal: the
      // per-address limit on patients' links is the integration suite's to test (tests/integration/patient-link.test.ts).
      LINK_ATTEMPTS_PER_ADDRESS: "1000",
      NEXTAUTH_URL: baseURL,
      ...(postgresAdmin ? { E2E_POSTGRES_URL: postgresAdmin } : {}),
    },
  },
});
