/* eslint-disable no-restricted-syntax -- works on a SQLite file and a PostgreSQL pool directly, by design */
/**
 * `npm run db:migrate-to-postgres`: a SQLite database copied into an empty PostgreSQL one, all or nothing.
 * Needs a PostgreSQL server (TEST_POSTGRES_URL); scripts/test.sh provides one, in CI too.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { asc, count, desc, eq, sql } from "drizzle-orm";
import type { AppDatabase } from "@/db/appDatabase";
import { migrateDatabase, openDatabase } from "@/db/connection";
import { copySqliteToPostgres, CopyError } from "@/db/copyToPostgres";
import { migratePostgres, openPostgres, type PostgresDatabase } from "@/db/postgres";
import { createPostgresDatabase, dropPostgresDatabase, postgresDatabaseUrl } from "@/db/postgresAdmin";
// eslint-disable-next-line no-restricted-imports -- this test works on both twins at once, by design
import * as pgSchema from "@/db/schema.pg";
// eslint-disable-next-line no-restricted-imports -- this test works on both twins at once, by design
import * as liteSchema from "@/db/schema.sqlite";
import { seedDemo } from "@/db/seed/demo";
import { auditKey } from "@/lib/audit/auditKey";
import { verifyChain, type ChainRow } from "@/lib/audit/hashChain";
import { testPostgresUrl } from "../support/tempDb";

const admin = testPostgresUrl();
/** The PostgreSQL build of the schema is typed as the SQLite one: query it through the data layer's type. */
const app = (db: PostgresDatabase) => db as unknown as AppDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-migrate-"));
const created: string[] = [];
const opened: PostgresDatabase[] = [];

async function emptyPostgres(): Promise<{ url: string; db: PostgresDatabase }> {
  const name = `mild_t_migrate_${process.pid}_${randomBytes(3).toString("hex")}`;
  await createPostgresDatabase(admin!, name);
  created.push(name);
  const url = postgresDatabaseUrl(admin!, name);
  const db = openPostgres(url, { max: 2 });
  opened.push(db);
  return { url, db };
}

async function seededSqlite(name: string, procedures = 150) {
  const file = path.join(dir, `${name}.db`);
  const db = openDatabase(file);
  migrateDatabase(db);
  await seedDemo(db, { procedures, seed: 7, end: "2026-11-25" });
  return { file, db };
}

async function tableCount(db: PostgresDatabase, table: (typeof pgSchema)["procedures"] | (typeof pgSchema)["auditLog"] | (typeof pgSchema)["users"]) {
  const [{ n }] = await app(db).select({ n: count() }).from(table);
  return n;
}

afterAll(async () => {
  await Promise.all(opened.map((db) => db.$client.end()));
  for (const name of created) await dropPostgresDatabase(admin!, name);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!admin)("copying a SQLite database into PostgreSQL", () => {
  it("copies every row with its id, keeps the audit chain ending in the same hash, and lets ids continue", async () => {
    const source = await seededSqlite("full");
    const { db } = await emptyPostgres();
    await migratePostgres(db);
    const report = await copySqliteToPostgres(source.db, db);

    const liteProcedures = source.db.select({ n: count() }).from(liteSchema.procedures).get()!.n;
    expect(await tableCount(db, pgSchema.procedures)).toBe(liteProcedures);
    expect(report.tables.find((t) => t.table === "assessments")!.rows).toBeGreaterThan(liteProcedures);

    const chain = (await app(db).select().from(pgSchema.auditLog).orderBy(asc(pgSchema.auditLog.id))) as ChainRow[];
    expect(verifyChain(chain, auditKey(source.file, { create: false }))).toEqual({ ok: true, rows: chain.length });
    const lastSource = source.db.select().from(liteSchema.auditLog).orderBy(desc(liteSchema.auditLog.id)).limit(1).get()!;
    expect(chain.at(-1)!.hash).toBe(lastSource.hash);

    // Same row, same values (booleans and numbers included).
    const liteFirst = source.db.select().from(liteSchema.procedures).where(eq(liteSchema.procedures.id, 1)).get();
    const [pgFirst] = await app(db).select().from(pgSchema.procedures).where(eq(pgSchema.procedures.id, 1));
    expect(pgFirst).toEqual(liteFirst);

    const [site] = await app(db).insert(pgSchema.sites).values({ code: "NEW", name: "After the copy" }).returning();
    expect(site.id).toBe(report.tables.find((t) => t.table === "sites")!.rows + 1);
  });

  it("carries text the COPY format gives meaning to — tabs, newlines, backslashes, a literal \\N — and NULLs unchanged", async () => {
    const source = await seededSqlite("text", 5);
    const tricky = 'line one\nline\ttwo\r\nback\\slash \\N é 🦴 ,"quoted"';
    source.db.update(liteSchema.procedures).set({ notes: tricky, deviceLot: "\\N" }).where(eq(liteSchema.procedures.id, 1)).run();
    source.db.update(liteSchema.procedures).set({ notes: "", deviceLot: null }).where(eq(liteSchema.procedures.id, 2)).run();
    const { db } = await emptyPostgres();
    await migratePostgres(db);
    await copySqliteToPostgres(source.db, db);
    const rows = await app(db)
      .select({ id: pgSchema.procedures.id, notes: pgSchema.procedures.notes, lot: pgSchema.procedures.deviceLot })
      .from(pgSchema.procedures)
      .orderBy(asc(pgSchema.procedures.id))
      .limit(2);
    expect(rows).toEqual([
      { id: 1, notes: tricky, lot: "\\N" },
      { id: 2, notes: "", lot: null },
    ]);
  });

  it("refuses a target that already has data and changes nothing", async () => {
    const source = await seededSqlite("again", 20);
    const { db } = await emptyPostgres();
    await migratePostgres(db);
    await copySqliteToPostgres(source.db, db);
    const before = await tableCount(db, pgSchema.auditLog);
    await expect(copySqliteToPostgres(source.db, db)).rejects.toThrow(/not empty/);
    expect(await tableCount(db, pgSchema.auditLog)).toBe(before);
  });

  it("rolls everything back when verification fails, leaving the target empty", async () => {
    const source = await seededSqlite("tampered", 20);
    // Forge an audit row in the source behind the trigger's back: the copy's chain check must catch it.
    source.db.$client.exec("DROP TRIGGER audit_log_no_update");
    source.db.$client.prepare("UPDATE audit_log SET action = 'forged' WHERE id = 2").run();
    const { db } = await emptyPostgres();
    await migratePostgres(db);
    await expect(copySqliteToPostgres(source.db, db)).rejects.toBeInstanceOf(CopyError);
    expect(await tableCount(db, pgSchema.procedures)).toBe(0);
    expect(await tableCount(db, pgSchema.users)).toBe(0);
    expect(await tableCount(db, pgSchema.auditLog)).toBe(0);
  });

  it("the npm script migrates the target, copies, reports what it did, and refuses a second run", async () => {
    const source = await seededSqlite("script", 30);
    source.db.$client.close();
    const { url, db } = await emptyPostgres();
    const run = () => execFileSync("npx", ["tsx", "scripts/migrate-to-postgres.ts", "--from", source.file, "--to", url], { encoding: "utf8", stdio: "pipe" });
    const out = run();
    expect(out).toMatch(/procedures\s+30 rows/);
    expect(out).toMatch(/audit chain intact/);
    expect(out).not.toContain("postgres:postgres@"); // the password is not printed
    expect(await tableCount(db, pgSchema.procedures)).toBe(30);
    let failure = "";
    try {
      run();
    } catch (error) {
      failure = String((error as { stderr: string }).stderr);
    }
    expect(failure).toMatch(/not empty[\s\S]*Nothing was committed/);
    const [{ n }] = await app(db)
      .select({ n: sql<number>`count(*)` })
      .from(pgSchema.procedures);
    expect(n).toBe(30);
  });
});
