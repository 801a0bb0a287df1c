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
 * A migration that changes a table's CHECK constraints rebuilds the table (SQLite's documented 12-step ALTER:
 * create the new table, copy, drop the old, rename). Dropping a parent table with foreign keys enforced would
 * fail or cascade, and the PRAGMA inside a migration is ignored (it runs in a transaction), so enforcement is
 * off around the migrations and every foreign key is checked before it comes back on.
 */
export function migrateDatabase(db: SqliteFileDatabase, migrationsFolder = MIGRATIONS_FOLDER): void {
  db.$client.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder });
    const broken = db.$client.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) throw new Error(`Migration left ${broken.length} rows whose foreign keys point nowhere`);
  } finally {
    db.$client.pragma("foreign_keys = ON");
  }
}
