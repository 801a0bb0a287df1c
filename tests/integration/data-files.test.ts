/* eslint-disable no-restricted-syntax -- opens SQLite files directly to look at what the first start creates */
/**
 * The database file, its WAL and the generated key files hold patient data or protect it: whatever the process
 * umask, the app creates them readable by its own user only (0600) in a folder only that user may enter (0700).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "@/db/connection";
import { getAuthSecret } from "@/lib/auth/secret";
import { backupDatabase } from "../../scripts/db-backup";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "mild-data-files-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describe("files the app creates for its data", () => {
  it("creates the data folder 0700 and the SQLite file, its WAL and shared-memory files 0600, whatever the umask", () => {
    const previous = process.umask(0o022);
    try {
      const dir = path.join(root, "fresh", "data");
      const file = path.join(dir, "mild.db");
      const db = openDatabase(file);
      migrateDatabase(db);
      expect(modeOf(dir).toString(8)).toBe("700");
      expect(modeOf(file).toString(8)).toBe("600");
      expect(modeOf(`${file}-wal`).toString(8)).toBe("600");
      expect(modeOf(`${file}-shm`).toString(8)).toBe("600");
      db.$client.close();
    } finally {
      process.umask(previous);
    }
  });

  it("creates the session secret 0600 in a 0700 folder when the folder does not exist yet", () => {
    const previous = { path: process.env.DATABASE_PATH, secret: process.env.NEXTAUTH_SECRET, umask: process.umask(0o022) };
    try {
      const dir = path.join(root, "keys", "data");
      process.env.DATABASE_PATH = path.join(dir, "mild.db");
      delete process.env.NEXTAUTH_SECRET;
      getAuthSecret();
      expect(modeOf(dir).toString(8)).toBe("700");
      expect(modeOf(path.join(dir, ".auth-secret")).toString(8)).toBe("600");
    } finally {
      process.umask(previous.umask);
      process.env.DATABASE_PATH = previous.path;
      if (previous.secret !== undefined) process.env.NEXTAUTH_SECRET = previous.secret;
    }
  });

  it("writes backups 0600 into a backup folder it creates 0700", async () => {
    const previous = process.umask(0o022);
    try {
      const source = path.join(root, "backup-source", "mild.db");
      const db = openDatabase(source);
      migrateDatabase(db);
      db.$client.close();
      const dir = path.join(root, "backups");
      const report = await backupDatabase({ source, dir, keep: 2 });
      expect(report.verdict.ok).toBe(true);
      expect(modeOf(dir).toString(8)).toBe("700");
      expect(modeOf(report.file).toString(8)).toBe("600");
    } finally {
      process.umask(previous);
    }
  });
});
