/**
 * Direct access to the database the e2e server runs on, for the few set-ups the UI cannot make (disabling an
 * account behind its live session). SQLite file or PostgreSQL, whichever the Playwright config named in its
 * metadata; SQL is written once with `?` placeholders and `true/false` literals, valid on both.
 */
import Database from "better-sqlite3";
import pg from "pg";
import type { TestInfo } from "@playwright/test";

export type E2eDatabase = {
  one<T>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  run(sql: string, ...params: unknown[]): Promise<void>;
  close(): Promise<void>;
};

export function openE2eDatabase(info: TestInfo): E2eDatabase {
  const metadata = info.config.metadata as { databaseUrl?: string; databasePath?: string };
  if (metadata.databaseUrl) {
    const pool = new pg.Pool({ connectionString: metadata.databaseUrl, max: 1 });
    const numbered = (sql: string) => {
      let n = 0;
      return sql.replace(/\?/g, () => `$${++n}`);
    };
    return {
      one: async <T>(sql: string, ...params: unknown[]) => (await pool.query(numbered(sql), params)).rows[0] as T | undefined,
      run: async (sql, ...params) => {
        await pool.query(numbered(sql), params);
      },
      close: () => pool.end(),
    };
  }
  const db = new Database(metadata.databasePath ?? process.env.E2E_DATABASE_PATH ?? "data/e2e/mild-e2e.db", { timeout: 10_000 });
  return {
    one: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined,
    run: async (sql, ...params) => {
      db.prepare(sql).run(...params);
    },
    close: async () => {
      db.close();
    },
  };
}
