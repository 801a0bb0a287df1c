// npm run db:restore -- FILE [--yes] [--force] [--file TARGET]
// Replaces the database (DATABASE_PATH, or --file) with the backup FILE. Stop the app first: a SQLite file
// replaced under a running server is not safe — the server keeps its open handle on the old file and its
// WAL, and the two can end up mixed. So this refuses while any process has the database open (found through
// /proc on Linux; --force overrides, elsewhere it only warns). Then it:
//   1. verifies the backup (integrity_check, audit chain, and that it is this app's database);
//   2. asks you to type RESTORE (or --yes);
//   3. keeps a consistent copy of the current database as backups/pre-restore-YYYYMMDD-HHMMSS.db;
//   4. puts the backup in place with an atomic rename, removing the old -wal/-shm files, which belong to the
//      old database and would otherwise be replayed onto the restored one;
//   5. verifies the result. The app migrates it to the current schema on its next start.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline/promises";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { resolveDatabasePath } from "@/db/connection";
import { isPostgresUrl } from "@/db/dialect";
import { backupDir, fsyncPath, onlineCopy, stamp, verifyDatabaseFile } from "./db-backup";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { yes: { type: "boolean", default: false }, force: { type: "boolean", default: false }, file: { type: "string" } },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Processes (other than this one) holding any of `files` open, from /proc/<pid>/fd; null where /proc is unavailable. */
function processesHolding(files: string[]): { pid: number; command: string }[] | null {
  if (process.platform !== "linux" || !fs.existsSync("/proc/self/fd")) return null;
  const wanted = new Set(files.map((f) => path.resolve(f)));
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to look at
    }
    const holds = fds.some((fd) => {
      try {
        return wanted.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (holds) {
      let command = "";
      try {
        command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim().slice(0, 120);
      } catch {
        // ignore
      }
      found.push({ pid, command });
    }
  }
  return found;
}

if (!values.file && isPostgresUrl(process.env.DATABASE_URL)) {
  fail(
    "npm run db:restore restores the embedded SQLite file. This app runs on PostgreSQL (DATABASE_URL): restore with pg_restore or point-in-time recovery (README › Running on PostgreSQL).",
  );
}
const backup = positionals[0]
  ? path.resolve(positionals[0])
  : fail("Usage: npm run db:restore -- FILE [--yes] [--force]   (FILE: a backup made by npm run db:backup)");
const target = values.file ? path.resolve(values.file) : resolveDatabasePath();
if (!fs.existsSync(backup)) fail(`No backup at ${backup}`);
if (backup === target) fail("The backup and the database are the same file.");
const sidecars = [`${target}-wal`, `${target}-shm`, `${target}-journal`];

// 1. The backup must be sound before anything is touched.
// Under the key of the database it replaces: the backup folder holds none.
const checked = verifyDatabaseFile(backup, target);
if (!checked.ok)
  fail(
    `Refusing: ${backup} does not verify (integrity_check: ${checked.integrity}; audit chain: ${checked.chain.ok ? "ok" : `broken at row ${checked.chain.brokenAtId}`}). Nothing was changed.`,
  );
console.log(
  `Backup ${backup}: integrity_check ok, audit chain ok (${checked.chain.rows} rows), ${checked.patients} patients, ${checked.procedures} procedures.`,
);

// 2. Nobody may have the database open.
const holders = processesHolding([target, ...sidecars]);
if (holders === null) {
  console.warn("Cannot tell on this system whether the app is running. Stop it before restoring: replacing the file under a running server is unsafe.");
} else if (holders.length) {
  const list = holders.map((h) => `${h.pid} (${h.command})`).join(", ");
  if (!values.force)
    fail(`Refusing: ${target} is open in process ${list}. Stop the app first (npm start), then restore. (--force overrides; it is unsafe while the app runs.)`);
  console.warn(`WARNING: ${target} is open in process ${list}; going on because of --force.`);
}

// 3. Confirmation.
if (!values.yes) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`This replaces ${target} with ${backup}.\nType RESTORE to go on: `);
  rl.close();
  if (answer.trim() !== "RESTORE") fail("Not restored (you did not type RESTORE). Nothing was changed.");
}

const started = performance.now();
// 4. A copy of what is there now, WAL contents included, in case the restore was the mistake.
let safety: string | null = null;
if (fs.existsSync(target)) {
  const dir = path.join(backupDir());
  fs.mkdirSync(dir, { recursive: true });
  safety = path.join(dir, `pre-restore-${stamp()}.db`);
  try {
    await onlineCopy(target, safety);
  } catch (error) {
    // A damaged database may not copy through SQLite; keep its files byte for byte instead.
    console.warn(`Could not copy the current database through SQLite (${(error as Error).message}); keeping its files as they are.`);
    fs.copyFileSync(target, safety);
    for (const s of sidecars) if (fs.existsSync(s)) fs.copyFileSync(s, safety + s.slice(target.length));
  }
  console.log(`Kept the current database as ${safety}.`);
  // Fold the old WAL into the old file, so nothing of it is lost if we stop between here and the rename.
  try {
    const old = new Database(target, { fileMustExist: true });
    old.pragma("wal_checkpoint(TRUNCATE)");
    old.close();
  } catch {
    // damaged: the safety copy has its files
  }
}

// 5. Into place: copy beside the target, flush, drop the old sidecars, rename atomically.
const incoming = `${target}.restore-${process.pid}`;
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(backup, incoming);
fsyncPath(incoming);
for (const s of sidecars) fs.rmSync(s, { force: true });
fs.renameSync(incoming, target);
fsyncPath(path.dirname(target));

const after = verifyDatabaseFile(target);
if (!after.ok) fail(`The restored database does not verify (${after.integrity}). The previous one is in ${safety ?? "(none)"}.`);
console.log(
  `Restored ${target} from ${backup} in ${(performance.now() - started).toFixed(0)} ms: integrity_check ok, audit chain ok (${after.chain.rows} rows), ` +
    `${after.patients} patients, ${after.procedures} procedures. Start the app again (npm start); it applies any newer migrations.`,
);
