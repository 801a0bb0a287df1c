/**
 * The audit log page's data layer: who may read it, its filters, what gets audited besides data changes
 * (sign-ins, failed sign-ins, account administration), and the hash chain catching edits made behind the
 * app's back — by SQL with the append-only triggers lifted (on either backend), and by editing the SQLite file's bytes.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { asc, sql } from "drizzle-orm";
import { transaction } from "@/db/client";
import { auditLog } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { hashPassword } from "@/lib/auth/password";
import { createUser } from "@/lib/dal/admin/admin";
import { authenticate } from "@/lib/dal/auth/authentication";
import { auditFilterOptions, listAuditEntries, verifyAuditChain } from "@/lib/dal/audit/auditLog";
import { parseAuditLogQuery } from "@/lib/validation/auditLog";
import { ForbiddenError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { diffLines } from "@/components/audit/AuditDiff";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertUser, principalOf } from "../support/fixtures";

const t = await tempDatabaseForFile("audit-log");
const db = t.db;

let qo: Principal;
let admin: Principal;
let physician: Principal;

beforeAll(async () => {
  const hash = await hashPassword("right password", 4);
  qo = principalOf(await insertUser(db, "quality_officer", { email: "qo@audit.test", passwordHash: hash }));
  admin = principalOf(await insertUser(db, "admin", { email: "admin@audit.test", passwordHash: hash }));
  physician = principalOf(await insertUser(db, "physician", { email: "doc@audit.test", passwordHash: hash }));
  await authenticate("doc@audit.test", "right password", "10.0.0.1");
  await authenticate("doc@audit.test", "wrong password", "10.0.0.2");
  await authenticate("nobody@audit.test", "whatever", "10.0.0.3");
  await createUser(admin, { email: "new.doc@audit.test", name: "New Doc", role: "physician", password: "long enough" });
});

const list = (p: Principal, params: Record<string, string> = {}) => listAuditEntries(p, parseAuditLogQuery(params));

describe("who may read the log", () => {
  it("quality officers and administrators read it; physicians are refused every function", async () => {
    expect((await list(qo)).total).toBeGreaterThan(0);
    expect((await list(admin)).total).toBeGreaterThan(0);
    await expect(list(physician)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(auditFilterOptions(physician)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(verifyAuditChain(physician)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("what is audited besides data changes", () => {
  it("a sign-in, a failed sign-in (known and unknown account) and an account creation each have an entry", async () => {
    const signIns = await list(qo, { action: "auth.sign_in" });
    expect(signIns.rows[0]).toMatchObject({ userEmail: "doc@audit.test", after: { email: "doc@audit.test", clientAddress: "10.0.0.1" } });
    const failed = await list(qo, { action: "auth.sign_in_failed" });
    expect(failed.rows.map((r) => (r.after as { reason: string }).reason).sort()).toEqual(["unknown account", "wrong password"]);
    const created = await list(qo, { action: "user.create", user: String(admin.id) });
    expect(created.rows[0]!.after).toMatchObject({ email: "new.doc@audit.test", role: "physician" });
    expect(JSON.stringify(created.rows[0]!.after)).not.toMatch(/long enough|\$2[aby]\$/);
  });
});

describe("filters", () => {
  it("by user (or no user), entity, record id, action and date range; newest first by default", async () => {
    const all = await list(qo);
    expect(all.rows.map((r) => r.id)).toEqual([...all.rows.map((r) => r.id)].sort((a, b) => b - a));
    expect((await list(qo, { dir: "asc" })).rows[0]!.id).toBeLessThan(all.rows[0]!.id);
    const byDoc = await list(qo, { user: String(physician.id) });
    expect(byDoc.rows.length).toBeGreaterThan(0);
    expect(byDoc.rows.every((r) => r.userId === physician.id)).toBe(true);
    const anonymous = await list(qo, { user: "none" });
    expect(anonymous.rows.every((r) => r.userId === null)).toBe(true);
    expect(anonymous.total).toBe(2);
    const session = await list(qo, { entity: "session", entityId: String(physician.id) });
    expect(session.total).toBe(2); // the sign-in and the wrong password, both about this account
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(qo, { from: today, to: today })).total).toBe(all.total);
    expect((await list(qo, { to: "2000-01-01" })).total).toBe(0);
    // paginated
    const page = await list(qo, { size: "25", page: "1" });
    expect(page.rows.length).toBeLessThanOrEqual(25);
    const options = await auditFilterOptions(qo);
    expect(options.actions).toEqual(expect.arrayContaining(["auth.sign_in", "auth.sign_in_failed", "user.create"]));
    expect(options.entities).toEqual(expect.arrayContaining(["session", "user"]));
  });
});

describe("the readable diff", () => {
  it("shows only changed fields for an update, recorded values for an event, and hides updatedAt", () => {
    expect(diffLines({ grade: 2, note: null, updatedAt: "a", same: 1 }, { grade: 3, note: "why", updatedAt: "b", same: 1 })).toEqual([
      { key: "grade", kind: "changed", before: 2, after: 3 },
      { key: "note", kind: "added", after: "why" },
    ]);
    expect(diffLines(null, { email: "x@y", clientAddress: null })).toEqual([{ key: "email", kind: "value", after: "x@y" }]);
    expect(diffLines({ a: 1 }, null)).toEqual([{ key: "a", kind: "removed", before: 1 }]);
    expect(diffLines(null, null)).toEqual([]);
  });
});

describe("hash-chain verification", () => {
  // npm run audit:verify on this database: the SQLite file given, or PostgreSQL through the DATABASE_URL it inherits.
  const runScript = (file?: string) => {
    try {
      return {
        code: 0,
        out: execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/audit-verify.ts", ...(file ? ["--file", file] : [])], {
          encoding: "utf8",
          stdio: "pipe",
        }),
      };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { code: err.status, out: err.stdout + err.stderr };
    }
  };
  const thisDatabase = () => (t.dialect === "sqlite" ? t.file : undefined);

  /** The append-only guard on audit_log: SQLite's update/delete triggers, PostgreSQL's update/delete/truncate ones. */
  const guards = async () =>
    t.dialect === "postgres"
      ? (await t.exec(sql`select tgname from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal order by tgname`)).map((r) => r[0] as string)
      : (await t.exec(sql`select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log' order by name`)).map((r) => r[0] as string);

  /** Lifts the guard while `edit` runs, as someone with direct database access could, then puts it back. */
  async function withoutAppendOnlyGuard(edit: () => Promise<void>) {
    if (t.dialect === "postgres") {
      await t.exec(sql`alter table audit_log disable trigger user`);
      try {
        await edit();
      } finally {
        await t.exec(sql`alter table audit_log enable trigger user`);
      }
      return;
    }
    const definitions = (await t.exec(sql`select sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`)).map((r) => r[0] as string);
    for (const name of await guards()) await t.exec(sql.raw(`drop trigger ${name}`));
    try {
      await edit();
    } finally {
      for (const definition of definitions) await t.exec(sql.raw(definition));
    }
  }

  it("reports an intact chain with the number of rows", async () => {
    const verdict = await verifyAuditChain(qo);
    expect(verdict).toMatchObject({ status: "intact", rows: (await list(qo)).total });
  });

  it.skipIf(t.dialect !== "sqlite")("detects a byte edited in the database file, in the button's check and in npm run audit:verify", async () => {
    await transaction((tx) =>
      appendAudit(tx, { actor: { id: qo.id, email: qo.email }, action: "test.marker", entity: "test", after: { marker: "TAMPER-MARKER-0001" } }),
    );
    const marked = (await db.select().from(auditLog)).find((r) => r.action === "test.marker")!;
    // A copy of the file with the WAL folded in, then one byte of the stored JSON changed.
    await t.exec(sql`pragma wal_checkpoint(TRUNCATE)`);
    const copy = path.join(path.dirname(t.file), "tampered.db");
    const bytes = fs.readFileSync(t.file);
    const at = bytes.indexOf("TAMPER-MARKER-0001");
    expect(at).toBeGreaterThan(0);
    bytes[at + "TAMPER-MARKER-000".length] = "2".charCodeAt(0);
    fs.writeFileSync(copy, bytes);

    const clean = runScript(t.file);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/intact/);
    const tampered = runScript(copy);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain(`FORGED at entry #${marked.id}`);
    expect(tampered.out).toMatch(/does not match its hash under the audit key/);
  });

  it(`detects a row changed or deleted by SQL with the append-only triggers lifted on ${t.dialect} (the button's check and npm run audit:verify)`, async () => {
    // Enough rows for the edits below whichever tests ran before (the file test is SQLite's alone).
    for (const n of [1, 2])
      await transaction((tx) => appendAudit(tx, { actor: { id: admin.id, email: admin.email }, action: "test.filler", entity: "test", after: { n } }));
    const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const victim = rows[1]!;
    expect(await guards()).toEqual(
      t.dialect === "postgres" ? ["audit_log_no_delete", "audit_log_no_truncate", "audit_log_no_update"] : ["audit_log_no_delete", "audit_log_no_update"],
    );
    // The triggers refuse the edit while they exist.
    await expect(t.exec(sql`update audit_log set after_json = '{}' where id = ${victim.id}`)).rejects.toThrow(/append-only/);
    await withoutAppendOnlyGuard(async () => {
      await t.exec(sql`update audit_log set user_email = 'someone.else@x' where id = ${victim.id}`);
      expect(await verifyAuditChain(admin)).toMatchObject({
        status: "forged",
        brokenAtId: victim.id,
        reason: expect.stringMatching(/does not match its hash/),
      });
      const forged = runScript(thisDatabase());
      expect(forged.code).toBe(1);
      expect(forged.out).toContain(`FORGED at entry #${victim.id}`);
      await t.exec(sql`update audit_log set user_email = ${victim.userEmail} where id = ${victim.id}`);
      expect((await verifyAuditChain(admin)).status).toBe("intact");

      const next = rows[4]!;
      const removed = rows[3]!;
      await t.exec(sql`delete from audit_log where id = ${removed.id}`);
      expect(await verifyAuditChain(admin)).toMatchObject({
        status: "forged",
        brokenAtId: next.id,
        reason: expect.stringMatching(/does not link to the entry before/),
      });
    });
    // The guard is back.
    await expect(t.exec(sql`delete from audit_log where id = ${victim.id}`)).rejects.toThrow(/append-only/);
  });
});
