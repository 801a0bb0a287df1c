import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Import rules, each stated once: a later block for the same files replaces an earlier block's list, so each
// block names every rule that applies to its files.
const oneSchema = {
  group: ["better-sqlite3", "@/db/schema.sqlite", "@/db/schema.pg"],
  message: "Import tables from @/db/schema: it picks the configured backend's twin.",
};
const noDriver = {
  group: ["@/db/client", "@/db/connection", "better-sqlite3", "drizzle-orm*"],
  message: "Pages and components read data through lib/dal only.",
};
const belowTheUi = {
  group: ["@/components/*", "@/app/*"],
  message: "lib/ sits below the UI: move what both need into lib/ (types and form state live in lib/validation).",
};
const csvBelowTheDal = {
  group: ["@/lib/dal/*", "@/lib/http/*"],
  message: "lib/csv parses and lays out files: the data layer and the route handlers call it, never the reverse.",
};
const actionsNotFromComponents = { group: ["@/components/*"], message: "Server actions take their types from lib/validation, not from components/." };
const restrictImports = (...patterns) => ["error", { patterns }];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "node_modules/**",
    "data/**",
    "bench-data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    "db/migrations/**",
  ]),
  {
    // One data layer for SQLite and PostgreSQL: queries are awaited builders. `.get()/.all()/.run()` exist only
    // on the SQLite driver, the raw driver only on one backend, and a data-layer call not awaited is a lost write.
    files: ["lib/**/*.ts", "app/**/*.{ts,tsx}", "tests/integration/**/*.ts", "tests/support/**/*.ts"],
    ignores: ["lib/stats/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        // Not values(): Maps and Sets have one too, and SQLite's raw-values call is caught by review and the PostgreSQL runs.
        {
          selector: "CallExpression[arguments.length=0][callee.property.name=/^(get|all|run)$/]",
          message: "SQLite-only driver call: await the query builder instead (it runs on both backends).",
        },
        { selector: "MemberExpression[property.name='$client']", message: "Raw driver access is backend-specific: use rawRows() from db/client." },
      ],
      "no-restricted-imports": restrictImports(oneSchema),
    },
  },
  {
    // The one-way layers of docs/architecture.md: pages and components never reach the driver directly.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": restrictImports(noDriver),
    },
  },
  {
    // The data and domain layers sit below the UI: nothing in lib/ reads a component or a route.
    files: ["lib/**/*.ts"],
    ignores: ["lib/stats/**"],
    rules: {
      "no-restricted-imports": restrictImports(oneSchema, belowTheUi),
    },
  },
  {
    // The CSV code is called by the data layer (import, export) and the HTTP handlers; it calls neither, so there is no cycle.
    files: ["lib/csv/**/*.ts"],
    rules: { "no-restricted-imports": restrictImports(oneSchema, belowTheUi, csvBelowTheDal) },
  },
  {
    // Server actions run on the server and answer forms: their contract (FormState) lives in lib/validation, never in components/.
    files: ["app/**/actions.ts"],
    rules: {
      "no-restricted-imports": restrictImports(noDriver, actionsNotFromComponents),
    },
  },
  {
    // lib/stats is pure: no I/O and nothing of ours.
    files: ["lib/stats/**/*.ts"],
    rules: {
      "no-restricted-imports": restrictImports({ group: ["@/*", "node:*", "fs", "path"], message: "lib/stats stays pure: no imports of project code or I/O." }),
    },
  },
]);
