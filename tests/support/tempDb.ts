/**
 * A fresh, migrated SQLite file per test file: the real database, no mocks. Sets DATABASE_PATH so the app's
 * own db client (db/client.ts) opens the same file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type AppDatabase } from "@/db/connection";

export function createTempDatabase(label = "test"): { file: string; db: AppDatabase; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mild-${label}-`));
  const file = path.join(dir, "mild.db");
  process.env.DATABASE_PATH = file;
  const db = openDatabase(file);
  migrateDatabase(db);
  return {
    file,
    db,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
