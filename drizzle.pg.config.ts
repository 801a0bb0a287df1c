import { defineConfig } from "drizzle-kit";

// PostgreSQL twin of drizzle.config.ts: same schema, its own migrations.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations/postgres",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/mild" },
  strict: true,
});
