import { defineConfig } from "@playwright/test";

/**
 * The authorization matrix (tests/e2e/authorization-matrix.spec.ts) against its own server: port 3800, its own
 * build folder (.next-load) and its own demo database, so it never touches the main e2e server (3100) or `.next`.
 * Build first: NEXT_DIST_DIR=.next-load npx next build (then `git checkout tsconfig.json`: Next adds its folder).
 *   npx playwright test tests/e2e/authorization-matrix.spec.ts --config playwright.matrix.config.ts
 * The same spec also runs in `npm test` with playwright.config.ts (port 3100, data/e2e/mild-e2e.db).
 */
const PORT = Number(process.env.MATRIX_PORT || 3800);
const baseURL = `http://localhost:${PORT}`;
const DIST = process.env.MATRIX_DIST_DIR || ".next-load";
const DATABASE_PATH = process.env.MATRIX_DATABASE_PATH || "/tmp/matrix/mild.db";

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "authorization-matrix.spec.ts",
  forbidOnly: true,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "reports/matrix-results.json" }]],
  metadata: { databasePath: DATABASE_PATH },
  use: { baseURL },
  webServer: {
    // A fresh 800-procedure demo database per run, like the main e2e server; served from the prebuilt folder by the app's own server (scripts/serve.ts), as `npm start` serves it.
    command: `rm -rf ${DATABASE_PATH} ${DATABASE_PATH}-wal ${DATABASE_PATH}-shm $(dirname ${DATABASE_PATH})/audit-checkpoints && mkdir -p $(dirname ${DATABASE_PATH}) && npx tsx --conditions=react-server scripts/prepare-db.ts && node --import tsx scripts/serve.ts`,
    url: `${baseURL}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { NEXT_DIST_DIR: DIST, DATABASE_PATH, DEMO_PROCEDURES: "800", NEXTAUTH_URL: baseURL, PORT: String(PORT) },
  },
});
