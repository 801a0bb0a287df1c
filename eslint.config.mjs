import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", "node_modules/**", "data/**", "bench-data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
  {
    // The one-way layers of docs/architecture.md: pages and components never reach the driver directly.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/db/client", "@/db/connection", "better-sqlite3", "drizzle-orm*"], message: "Pages and components read data through lib/dal only." }] }],
    },
  },
  {
    // lib/stats is pure: no I/O and nothing of ours.
    files: ["lib/stats/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/*", "node:*", "fs", "path"], message: "lib/stats stays pure: no imports of project code or I/O." }] }],
    },
  },
]);
