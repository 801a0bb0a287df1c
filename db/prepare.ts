/** First-start work shared by `npm start`, `npm run dev` and the e2e server: migrate, then seed an empty database. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, isNull } from "drizzle-orm";
import { serverTimeZone, todayIso } from "@/lib/outcomes/dates";
import { openPostgresConnection, openSqliteConnection, type AppDatabase } from "./appDatabase";
import { migrateDatabase, openDatabase, resolveDatabasePath, type SqliteFileDatabase } from "./connection";
import { isPostgresUrl } from "./dialect";
import { copySqliteToPostgres } from "./copyToPostgres";
import { migratePostgres, openPostgres, type PostgresDatabase } from "./postgres";
import { rekeyAuditChain, type RekeyReport } from "./rekeyAuditChain";
import { sites, users } from "./schema.sqlite";
import { sites as pgSites, users as pgUsers } from "./schema.pg";
import { seedDemo, type SeedOptions, type SeedReport } from "./seed/demo";
import { auditKey } from "@/lib/audit/auditKey";

export const DEFAULT_DEMO_PROCEDURES = 4000;
export const DEFAULT_DEMO_SEED = 20261125;

export function isEmpty(db: SqliteFileDatabase): boolean {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
}

export type DemoOptions = { procedures: number; seed: number; end: string };

function demoOptions(): DemoOptions {
  return { procedures: Number(process.env.DEMO_PROCEDURES || DEFAULT_DEMO_PROCEDURES), seed: DEFAULT_DEMO_SEED, end: todayIso() };
}

export type Prepared = { migrated: true; auditChain: RekeyReport; seeded: SeedReport | null };

const rekeyOptions = () => ({ acceptBroken: process.env.AUDIT_REKEY_ACCEPT_BROKEN === "1" });

/**
 * Sites created before sites had a time zone (and the demo seed's) get the server's zone: the zone their
 * "today" was always read in, so nothing changes for them until an admin sets the clinic's own.
 */
function fillSiteTimeZones(db: SqliteFileDatabase): void {
  db.update(sites).set({ timeZone: serverTimeZone() }).where(isNull(sites.timeZone)).run();
}

async function fillPostgresSiteTimeZones(db: PostgresDatabase): Promise<void> {
  await (db as unknown as AppDatabase).update(pgSites).set({ timeZone: serverTimeZone() }).where(isNull(pgSites.timeZone));
}

export async function prepareDatabase(file: string, opts: { seed: boolean }): Promise<Prepared> {
  const db = openDatabase(file);
  try {
    const prepared = await migrateAndSeed(db, file, opts);
    fillSiteTimeZones(db);
    return prepared;
  } finally {
    db.$client.close();
  }
}

async function migrateAndSeed(db: SqliteFileDatabase, file: string, opts: { seed: boolean }): Promise<Prepared> {
  migrateDatabase(db);
  const conn = openSqliteConnection(file);
  let auditChain: RekeyReport;
  try {
    auditChain = await rekeyAuditChain(conn, auditKey(file), rekeyOptions());
  } finally {
    await conn.close();
  }
  if (!opts.seed || !isEmpty(db)) return { migrated: true, auditChain, seeded: null };
  return { migrated: true, auditChain, seeded: await seedDemo(db, demoOptions()) };
}

/**
 * Demo data for an empty, migrated PostgreSQL database: generated into a temporary SQLite file and copied over
 * in one transaction, so both backends start from identical rows and an identical audit chain.
 */
export async function seedPostgresDemo(db: PostgresDatabase, opts: SeedOptions): Promise<SeedReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-demo-"));
  const demo = openDatabase(path.join(dir, "demo.db"));
  try {
    migrateDatabase(demo);
    // Keyed as the PostgreSQL database's chain, not the scratch file's.
    const key = opts.auditKey ?? auditKey();
    const report = await seedDemo(demo, { ...opts, auditKey: key });
    await copySqliteToPostgres(demo, db, { auditKey: key });
    return report;
  } finally {
    demo.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same for PostgreSQL (demo data through seedPostgresDemo). */
export async function preparePostgres(url: string, opts: { seed: boolean; demo?: DemoOptions }): Promise<Prepared> {
  const db = openPostgres(url, { max: 2 });
  try {
    await migratePostgres(db);
    const conn = openPostgresConnection(url);
    let auditChain: RekeyReport;
    try {
      auditChain = await rekeyAuditChain(conn, auditKey(), rekeyOptions());
    } finally {
      await conn.close();
    }
    const [{ n }] = await (db as unknown as AppDatabase).select({ n: count() }).from(pgUsers);
    const seeded = opts.seed && n === 0 ? await seedPostgresDemo(db, opts.demo ?? demoOptions()) : null;
    await fillPostgresSiteTimeZones(db);
    return { migrated: true, auditChain, seeded };
  } finally {
    await db.$client.end();
  }
}

/** Migrates (and seeds, if asked and empty) whichever backend this process is configured for. */
export async function prepareConfiguredDatabase(opts: { seed: boolean }): Promise<Prepared & { target: string }> {
  const url = process.env.DATABASE_URL;
  if (isPostgresUrl(url)) return { ...(await preparePostgres(url, opts)), target: redactUrl(url) };
  const file = resolveDatabasePath();
  return { ...(await prepareDatabase(file, opts)), target: file };
}

/** A connection URL fit for a log line: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
