// npm run db:backup [-- --file PATH] [--dir DIR] [--keep N]
// A consistent copy of the live database, safe while the app is serving: SQLite's online backup API
// (better-sqlite3 `db.backup()`), verified (PRAGMA integrity_check and the audit hash chain) before it is
// given its final name, written to backups/mild-YYYYMMDD-HHMMSS.db (UTC; BACKUP_DIR or --dir), keeping the
// BACKUP_KEEP (default 14) newest. Exit 1 if the copy does not verify (the partial file is removed).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { resolveDatabasePath } from "@/db/connection";
import { isPostgresUrl } from "@/db/dialect";
import { ensurePrivateDir, ensurePrivateFile } from "@/db/privateFiles";
import { auditKey } from "@/lib/audit/auditKey";
import { AUDIT_CHAIN_FIELDS, verifyChain, type ChainRow } from "@/lib/audit/hashChain";

export const BACKUP_NAME = /^mild-\d{8}-\d{6}(?:-\d+)?\.db$/;

/** Oldest first: by time stamp, then by the -2, -3 … of backups taken within the same second. */
export function compareBackupNames(a: string, b: string): number {
  const key = (f: string) => {
    const m = /^mild-(\d{8}-\d{6})(?:-(\d+))?\.db$/.exec(f);
    return [m?.[1] ?? "", Number(m?.[2] ?? 1)] as const;
  };
  const [ka, kb] = [key(a), key(b)];
  return ka[0] < kb[0] ? -1 : ka[0] > kb[0] ? 1 : ka[1] - kb[1];
}

export type Verdict = {
  ok: boolean;
  integrity: string;
  chain: ReturnType<typeof verifyChain>;
  patients: number;
  procedures: number;
  auditRows: number;
  migrations: number;
};

/**
 * Opens `file` on its own and checks it: SQLite's integrity check, the audit chain, and that it is this app's
 * database. The chain is checked under the key of `keyOf`, the database the file is a copy of (a backup folder
 * holds no key).
 */
export function verifyDatabaseFile(file: string, keyOf: string = file): Verdict {
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    for (const t of ["users", "patients", "procedures", "audit_log", "__drizzle_migrations"]) {
      if (!tables.has(t))
        return {
          ok: false,
          integrity: `not a MILD Outcomes database (no ${t} table)`,
          chain: { ok: true, rows: 0 },
          patients: 0,
          procedures: 0,
          auditRows: 0,
          migrations: 0,
        };
    }
    // One statement at a time on this connection: whether there are entries, then the chain's rows.
    const hasEntries = db.prepare("select 1 from audit_log limit 1").get() !== undefined;
    const rows = () => db.prepare(`select ${AUDIT_CHAIN_FIELDS} from audit_log order by id`).iterate() as Iterable<ChainRow>;
    const chain = hasEntries ? verifyChain(rows(), auditKey(keyOf, { create: false })) : { ok: true as const, rows: 0 };
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      ok: integrity === "ok" && chain.ok,
      integrity,
      chain,
      patients: n("select count(*) as n from patients"),
      procedures: n("select count(*) as n from procedures"),
      auditRows: n("select count(*) as n from audit_log"),
      migrations: n("select count(*) as n from __drizzle_migrations"),
    };
  } catch (error) {
    return { ok: false, integrity: (error as Error).message, chain: { ok: true, rows: 0 }, patients: 0, procedures: 0, auditRows: 0, migrations: 0 };
  } finally {
    db.close();
  }
}

/** YYYYMMDD-HHMMSS in UTC. */
export function stamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

export function fsyncPath(p: string) {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Copies `source` to `target` through the online backup API. The progress callback asks for every remaining
 * page in one step, so the copy is one read transaction: a consistent snapshot that writers (in WAL mode) are
 * never blocked by, and that another process's writes cannot keep restarting (SQLite restarts a stepwise
 * backup whenever another connection writes between steps). The copy is switched to a rollback journal so it
 * is one self-contained file.
 */
export async function onlineCopy(source: string, target: string): Promise<{ pages: number }> {
  const src = new Database(source, { fileMustExist: true });
  try {
    src.pragma("busy_timeout = 10000");
    const result = await src.backup(target, { progress: ({ totalPages }) => totalPages });
    const copy = new Database(target);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    fsyncPath(target);
    return { pages: result.totalPages };
  } finally {
    src.close();
  }
}

export type BackupReport = { file: string; bytes: number; pages: number; copyMs: number; verifyMs: number; verdict: Verdict; removed: string[] };

export async function backupDatabase(opts: { source: string; dir: string; keep: number; now?: Date }): Promise<BackupReport> {
  ensurePrivateDir(opts.dir);
  let name = `mild-${stamp(opts.now)}.db`;
  for (let i = 2; fs.existsSync(path.join(opts.dir, name)); i++) name = `mild-${stamp(opts.now)}-${i}.db`;
  const final = path.join(opts.dir, name);
  const partial = `${final}.partial`;
  fs.rmSync(partial, { force: true });
  // A copy of the patient data: as private as the database itself.
  ensurePrivateFile(partial);

  const t0 = performance.now();
  const { pages } = await onlineCopy(opts.source, partial);
  const t1 = performance.now();
  const verdict = verifyDatabaseFile(partial, opts.source);
  const t2 = performance.now();
  if (!verdict.ok) {
    fs.rmSync(partial, { force: true });
    return { file: final, bytes: 0, pages, copyMs: t1 - t0, verifyMs: t2 - t1, verdict, removed: [] };
  }
  fs.renameSync(partial, final);
  fsyncPath(opts.dir);

  // Rotation: the newest are last.
  const all = fs
    .readdirSync(opts.dir)
    .filter((f) => BACKUP_NAME.test(f))
    .sort(compareBackupNames);
  const removed = all.slice(0, Math.max(0, all.length - opts.keep));
  for (const f of removed) fs.rmSync(path.join(opts.dir, f), { force: true });
  return { file: final, bytes: fs.statSync(final).size, pages, copyMs: t1 - t0, verifyMs: t2 - t1, verdict, removed };
}

export function backupDir(): string {
  return path.resolve(process.env.BACKUP_DIR || "backups");
}

async function main() {
  const { values } = parseArgs({ options: { file: { type: "string" }, dir: { type: "string" }, keep: { type: "string" } } });
  if (!values.file && isPostgresUrl(process.env.DATABASE_URL)) {
    console.error(
      "npm run db:backup copies the embedded SQLite file. This app runs on PostgreSQL (DATABASE_URL): back it up with pg_dump / pg_basebackup and WAL archiving (README › Running on PostgreSQL).",
    );
    process.exit(2);
  }
  const source = values.file ? path.resolve(values.file) : resolveDatabasePath();
  const dir = values.dir ? path.resolve(values.dir) : backupDir();
  const keep = Number(values.keep ?? process.env.BACKUP_KEEP ?? 14);
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError("BACKUP_KEEP / --keep must be a whole number of at least 1");
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);

  const r = await backupDatabase({ source, dir, keep });
  const v = r.verdict;
  if (!v.ok) {
    console.error(
      `Backup of ${source} FAILED verification (integrity_check: ${v.integrity}; audit chain: ${v.chain.ok ? "ok" : `broken at row ${v.chain.brokenAtId}`}); nothing kept.`,
    );
    process.exit(1);
  }
  console.log(
    `Backup ${r.file}: ${(r.bytes / 1048576).toFixed(1)} MB (${r.pages} pages), copied in ${r.copyMs.toFixed(0)} ms, verified in ${r.verifyMs.toFixed(0)} ms — ` +
      `integrity_check ok, audit chain ok (${v.chain.rows} rows), ${v.patients} patients, ${v.procedures} procedures.` +
      (r.removed.length ? ` Rotation: kept the ${keep} newest, removed ${r.removed.join(", ")}.` : ""),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
