import { defineConfig } from "drizzle-kit";

// The embedded SQLite schema; its PostgreSQL twin is drizzle.pg.config.ts (`npm run db:generate` runs both).
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.sqlite.ts",
  out: "./db/migrations/sqlite",
  dbCredentials: { url: process.env.DATABASE_PATH ?? "data/mild.db" },
  strict: true,
});
