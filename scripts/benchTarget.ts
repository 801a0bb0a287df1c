/**
 * Where a benchmark runs: the SQLite file or a PostgreSQL database, with the matching baseline tools — the
 * `sqlite3` command line or `psql` for whole-report baselines, better-sqlite3 or node-postgres for one direct
 * query. The data layer picks its backend when first loaded, so `pointDataLayerAt` must run before it is imported
 * (bench.ts runs PostgreSQL benchmarks in a child process for that reason).
 */
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "@/db/dialect";
import { redactUrl } from "@/db/prepare";

export type BenchTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export function parseTarget(arg: string): BenchTarget {
  return isPostgresUrl(arg) ? { kind: "postgres", url: arg } : { kind: "sqlite", file: arg };
}

export const targetLabel = (t: BenchTarget) => (t.kind === "sqlite" ? t.file : redactUrl(t.url));
export const cliName = (t: BenchTarget) => (t.kind === "sqlite" ? "sqlite3" : "psql");

export function pointDataLayerAt(t: BenchTarget): void {
  if (t.kind === "sqlite") {
    delete process.env.DATABASE_URL;
    process.env.DATABASE_PATH = t.file;
  } else {
    process.env.DATABASE_URL = t.url;
  }
}

export function checkCli(t: BenchTarget): void {
  try {
    execFileSync(cliName(t), ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error(
      `The ${cliName(t)} command line is needed for the baseline (Debian: apt-get install -y ${t.kind === "sqlite" ? "sqlite3" : "postgresql-client"}).`,
    );
  }
}

/** Runs `sql` (several statements) through the backend's own command line, output discarded: the baseline. */
export function cliRun(t: BenchTarget, sql: string, opts: { csv?: boolean } = {}): void {
  const stdio: ["pipe", "ignore", "inherit"] = ["pipe", "ignore", "inherit"];
  if (t.kind === "sqlite") {
    execFileSync("sqlite3", ["-batch", "-readonly", ...(opts.csv ? ["-csv", "-header"] : []), t.file], { input: sql, stdio, maxBuffer: 1 << 30 });
  } else {
    execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", ...(opts.csv ? ["--csv"] : []), "-d", t.url, "-f", "-"], {
      input: sql,
      stdio,
      maxBuffer: 1 << 30,
    });
  }
}

/** A small read-only handle for looking things up and for one-query baselines; `?` placeholders on both. */
export type BenchDb = { all<T>(sql: string, ...params: unknown[]): Promise<T[]>; close(): Promise<void> };

export async function openBenchDb(t: BenchTarget): Promise<BenchDb> {
  if (t.kind === "sqlite") {
    const raw = new Database(t.file, { readonly: true });
    const cache = new Map<string, Database.Statement>();
    return {
      all: async <T>(sql: string, ...params: unknown[]) => {
        if (!cache.has(sql)) cache.set(sql, raw.prepare(sql));
        return cache.get(sql)!.all(...params) as T[];
      },
      close: async () => {
        raw.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    all: async <T>(sql: string, ...params: unknown[]) => (await client.query(numbered(sql), params)).rows as T[],
    close: () => client.end(),
  };
}

/**
 * The database named on the command line when the module at `moduleUrl` is the script being run (null when another
 * script imports it); a usage line and exit 2 when none is named.
 */
export function commandLineTarget(moduleUrl: string, script: string): BenchTarget | null {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? "").href) return null;
  const arg = process.argv[2];
  if (!arg) {
    console.error(`usage: npx tsx --conditions=react-server scripts/${script} <sqlite file | postgres:// URL>`);
    process.exit(2);
  }
  return parseTarget(arg);
}
