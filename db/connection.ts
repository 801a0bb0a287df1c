/**
 * Opening and migrating the embedded SQLite file, synchronously. The app's data layer reaches it through the
 * async, backend-neutral handle in db/appDatabase.ts; scripts that only ever work on a SQLite file (seed,
 * backup, migrate-to-postgres's source) use this directly. All of them get the same pragmas.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { ensurePrivateFile } from "./privateFiles";
import * as schema from "./schema.sqlite";

export type SqliteFileDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations/sqlite");

export function resolveDatabasePath(): string {
  // The database lives outside the build; keep the bundler from tracing the whole project for it.
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || "data/mild.db");
}

export function openDatabase(file: string): SqliteFileDatabase {
  ensurePrivateFile(file);
  const sqlite = new Database(file);
  // Patient data: WAL for concurrent readers, FULL sync so an acknowledged write survives power loss,
  // foreign keys enforced, and writers wait rather than fail when another transaction holds the lock.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 10000");
  return drizzle({ client: sqlite, schema }) as SqliteFileDatabase;
}

/**
 * Runs the pending migrations with foreign keys off, as SQLite's table-rebuild procedure requires (drizzle-kit
 * rebuilds a table to change a CHECK, e.g. a new role; the migrator's transaction ignores its PRAGMA
 * foreign_keys=OFF, and dropping a table others refer to would fail). The keys are checked before they are on
 * again: a migration that left a dangling reference stops here, loudly.
 */
export function migrateDatabase(db: SqliteFileDatabase, migrationsFolder = MIGRATIONS_FOLDER): void {
  db.$client.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder });
    const dangling = db.$client.pragma("foreign_key_check") as unknown[];
    if (dangling.length) throw new Error(`Migration left ${dangling.length} dangling foreign key(s): ${JSON.stringify(dangling.slice(0, 5))}`);
  } finally {
    db.$client.pragma("foreign_keys = ON");
  }
}
