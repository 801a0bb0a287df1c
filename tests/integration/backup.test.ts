/* eslint-disable no-restricted-syntax, no-restricted-imports -- a SQLite-file suite: it works on the file and its driver directly, by design (not run on PostgreSQL) */
/**
 * Backups and restores, through the scripts a clinic runs (`npm run db:backup`, `npm run db:restore`): a backup
 * taken while another process keeps writing is consistent and verified, rotation keeps the newest, and a
 * restore puts the backup back exactly — after refusing a bad file, a missing confirmation, or a database
 * another process has open — keeping a copy of what it replaced and no stale WAL.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "@/db/connection";
import { seedDemo } from "@/db/seed/demo";
import { BACKUP_NAME, compareBackupNames } from "../../scripts/db-backup";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-backup-"));
const dbFile = path.join(dir, "mild.db");
const backups = path.join(dir, "backups");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const env = { ...process.env, DATABASE_PATH: dbFile, BACKUP_DIR: backups };
const script = (name: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", `scripts/${name}.ts`, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...env, ...options.env },
    input: options.input ?? "",
    timeout: 60_000,
  });

/** Row counts read straight from a file. */
function counts(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const n = (t: string) => (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    return { patients: n("patients"), procedures: n("procedures"), assessments: n("assessments"), audit: n("audit_log") };
  } finally {
    db.close();
  }
}

/** What the running writer printed on stderr (why it stopped, if it did). */
let writerErrors = "";

/** Starts the crash-test writer (real DAL writes) on the database and resolves once it has written `acks` times. */
function startWriter(acks: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/crash-writer.ts", "--tag", `w${Date.now()}`], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    writerErrors = "";
    child.stderr!.on("data", (d: Buffer) => (writerErrors += d.toString()));
    let seen = 0;
    child.stdout!.on("data", (d: Buffer) => {
      seen += (d.toString().match(/^ACK /gm) ?? []).length;
      if (seen >= acks) resolve(child);
    });
    child.on("error", reject);
    child.on("exit", (code) => (seen < acks ? reject(new Error(`writer exited early (${code})`)) : undefined));
  });
}
const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.kill("SIGKILL"))));

beforeAll(async () => {
  const db = openDatabase(dbFile);
  migrateDatabase(db);
  await seedDemo(db, { procedures: 300, seed: 11, end: new Date().toISOString().slice(0, 10), physicians: 3 });
  db.$client.close();
});

describe("npm run db:backup", () => {
  it("takes a consistent, verified copy while another process keeps writing", async () => {
    const writer = await startWriter(30);
    let run: ReturnType<typeof script>;
    let file = "";
    try {
      run = script("db-backup", []);
      expect(run.status, run.stderr).toBe(0);
      file = path.join(backups, fs.readdirSync(backups)[0]!);
      // Let the writer go on after the copy until the live database has moved past the backup (however slow
      // the machine is: polled, not slept).
      const deadline = Date.now() + 30_000;
      while (counts(dbFile).patients <= counts(file).patients && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await stop(writer);
    }
    expect(run.stdout).toMatch(/integrity_check ok, audit chain ok \(\d+ rows\)/);
    const name = path.basename(file);
    expect(name).toMatch(/^mild-\d{8}-\d{6}\.db$/);
    // One self-contained file: no WAL beside it, nothing half-written left.
    expect(fs.readdirSync(backups)).toEqual([name]);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    // A snapshot, not a torn copy: every record the writer made that is in the backup has its audit row with it.
    const orphans = copy
      .prepare(
        `select count(*) as n from patients p where p.mrn like 'CRASH-%'
           and not exists (select 1 from audit_log a where a.entity = 'patient' and a.entity_id = cast(p.id as text))`,
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    const inBackup = (copy.prepare("select count(*) as n from patients where mrn like 'CRASH-%'").get() as { n: number }).n;
    copy.close();
    expect(inBackup).toBeGreaterThanOrEqual(10);
    expect(counts(dbFile).patients, `the writer stopped writing: ${writerErrors}`).toBeGreaterThan(counts(file).patients);
  }, 60_000);

  it("orders backups taken in the same second by their suffix", () => {
    expect(["mild-20261125-101010-2.db", "mild-20261125-101011.db", "mild-20261125-101010.db"].sort(compareBackupNames)).toEqual([
      "mild-20261125-101010.db",
      "mild-20261125-101010-2.db",
      "mild-20261125-101011.db",
    ]);
  });

  it("keeps only the BACKUP_KEEP newest backups", () => {
    for (let d = 1; d <= 5; d++) fs.writeFileSync(path.join(backups, `mild-2020010${d}-000000.db`), "old");
    fs.writeFileSync(path.join(backups, "unrelated.txt"), "keep me");
    // With the backup of the first test and this one, the two newest are both real: every old one goes.
    const run = script("db-backup", [], { env: { BACKUP_KEEP: "2" } });
    expect(run.status, run.stderr).toBe(0);
    const left = fs.readdirSync(backups).sort();
    expect(left.filter((f) => f.startsWith("mild-2020"))).toEqual([]);
    expect(left.filter((f) => BACKUP_NAME.test(f))).toHaveLength(2);
    expect(left).toContain("unrelated.txt");
    expect(run.stdout).toMatch(/Rotation: kept the 2 newest, removed mild-20200101-000000\.db, .*mild-20200105-000000\.db\./);
  });
});

describe("npm run db:restore", () => {
  const newest = () =>
    path.join(
      backups,
      fs
        .readdirSync(backups)
        .filter((f) => BACKUP_NAME.test(f))
        .sort(compareBackupNames)
        .at(-1)!,
    );

  it("round trip: the database is exactly the backup again, and what it replaced is kept", async () => {
    const backup = newest();
    const expected = counts(backup);
    // Move the live database on past the backup.
    await stop(await startWriter(20));
    const before = counts(dbFile);
    expect(before.patients).toBeGreaterThan(expected.patients);

    const run = script("db-restore", [backup, "--yes"]);
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(counts(dbFile)).toEqual(expected);
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(false);
    expect(fs.existsSync(`${dbFile}-shm`)).toBe(false);
    const safety = fs.readdirSync(backups).find((f) => f.startsWith("pre-restore-"));
    expect(safety).toBeDefined();
    expect(counts(path.join(backups, safety!))).toEqual(before);
    // The app opens it normally afterwards (WAL again) and the chain still verifies.
    const reopened = openDatabase(dbFile);
    expect(reopened.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    reopened.$client.close();
    const verify = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], { cwd: root, env, encoding: "utf8" });
    expect(verify.stdout).toMatch(/Audit chain intact/);
  }, 60_000);

  it("asks for RESTORE and changes nothing without it", () => {
    const before = counts(dbFile);
    const refused = script("db-restore", [newest()], { input: "yes\n" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/did not type RESTORE/);
    expect(counts(dbFile)).toEqual(before);
    const typed = script("db-restore", [newest()], { input: "RESTORE\n" });
    expect(typed.status, typed.stderr).toBe(0);
  });

  it("refuses while another process has the database open (a running app)", () => {
    const app = new Database(dbFile); // this test process plays the running server
    try {
      const run = script("db-restore", [newest(), "--yes"]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`open in process ${process.pid}\\b.*Stop the app first`));
    } finally {
      app.close();
    }
  });

  it("refuses a damaged or foreign file and leaves the database alone", () => {
    const before = counts(dbFile);
    const damaged = path.join(dir, "damaged.db");
    const bytes = fs.readFileSync(newest());
    for (let i = 8192; i < bytes.length; i += 4096) bytes[i + 100] ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    const foreign = path.join(dir, "foreign.db");
    new Database(foreign).exec("create table t(x)").close();
    for (const bad of [damaged, foreign, path.join(dir, "missing.db")]) {
      const run = script("db-restore", [bad, "--yes"]);
      expect(run.status, bad).toBe(1);
      expect(run.stderr).toMatch(/Refusing|No backup/);
    }
    expect(counts(dbFile)).toEqual(before);
  });
});
