/* eslint-disable no-restricted-syntax -- sets up the databases the data layer then uses */
/**
 * A fresh, migrated database per test file: the real database, no mocks. SQLite by default (a temp file, via
 * DATABASE_PATH); PostgreSQL when the run has TEST_POSTGRES_URL (scripts/test.sh sets it, with DATABASE_URL,
 * when a server is available): a new database cloned from the migrated template tests/support/globalSetup.ts
 * made, via DATABASE_URL. Either way the app's own client (db/client.ts) opens the same database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { afterAll } from "vitest";
import { closeDatabases, getDb, rawRows, type AppDatabase } from "@/db/client";
import { migrateDatabase, openDatabase } from "@/db/connection";
import { createPostgresDatabase, dropPostgresDatabase, postgresDatabaseUrl } from "@/db/postgresAdmin";
import type { Dialect } from "@/db/dialect";

export const TEMPLATE_DATABASE = process.env.TEST_TEMPLATE_DATABASE || "mild_test_template";

export type TempDatabase = {
  dialect: Dialect;
  db: AppDatabase;
  /** The SQLite file (SQLite runs only). */
  file: string;
  /** DATABASE_PATH or DATABASE_URL value pointing at this database. */
  target: string;
  /** Runs raw SQL (a drizzle `sql` template: parameters portable) on this database; rows as arrays. */
  exec: (query: SQL) => Promise<unknown[][]>;
  cleanup: () => Promise<void>;
};

export function testPostgresUrl(): string | undefined {
  return process.env.TEST_POSTGRES_URL || undefined;
}

export async function createTempDatabase(label = "test"): Promise<TempDatabase> {
  await closeDatabases();
  const admin = testPostgresUrl();
  // Key files (.auth-secret, .totp-key) live beside DATABASE_PATH: a temp folder on either backend, never data/.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mild-${label}-`));
  const file = path.join(dir, "mild.db");
  process.env.DATABASE_PATH = file;
  if (admin) {
    const name = `mild_t_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${process.pid}_${randomBytes(3).toString("hex")}`;
    await createPostgresDatabase(admin, name, { template: TEMPLATE_DATABASE });
    const url = postgresDatabaseUrl(admin, name);
    process.env.DATABASE_URL = url;
    return {
      dialect: "postgres",
      db: getDb(),
      file: "",
      target: url,
      exec: (query) => rawRows(query),
      cleanup: async () => {
        await closeDatabases();
        await dropPostgresDatabase(admin, name);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const migrator = openDatabase(file);
  migrateDatabase(migrator);
  migrator.$client.close();
  return {
    dialect: "sqlite",
    db: getDb(),
    file,
    target: file,
    exec: (query) => rawRows(query),
    cleanup: async () => {
      await closeDatabases();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A test file's database, dropped after its last test: what most files need (createTempDatabase when the file ends it itself). */
export async function tempDatabaseForFile(label?: string): Promise<TempDatabase> {
  const t = await createTempDatabase(label);
  afterAll(() => t.cleanup());
  return t;
}
