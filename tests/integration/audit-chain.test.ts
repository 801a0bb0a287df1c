/**
 * The keyed audit chain and its checkpoints, on either backend: what someone with direct database access but not
 * the audit key can do, and what the Verify button and `npm run audit:verify` then say. Removing the newest
 * entries (after lifting the append-only trigger) is truncation; rewriting an entry and recomputing the rest with
 * plain SHA-256 is forgery; the wrong key is told apart. An unkeyed chain from before is re-keyed once at start.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { asc, desc, sql } from "drizzle-orm";
import { transaction } from "@/db/client";
import { prepareConfiguredDatabase } from "@/db/prepare";
import { AuditRekeyRefused } from "@/db/rekeyAuditChain";
import { auditLog } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { auditKeyFile } from "@/lib/audit/auditKey";
import { checkpointFile, readCheckpoints } from "@/lib/audit/checkpoints";
import { auditJson, GENESIS_HASH } from "@/lib/audit/hashChain";
import { legacyAuditRowHash } from "@/lib/audit/legacyChain";
import { exportCsvResponse } from "@/lib/http/csvExportResponse";
import { writeAuditCheckpoint } from "@/lib/dal/audit/auditCheckpoint";
import { verifyAuditChain } from "@/lib/dal/audit/auditLog";
import type { Principal } from "@/lib/dal/principal";
import { insertUser, principalOf } from "../support/fixtures";
import { createTempDatabase, type TempDatabase } from "../support/tempDb";

const opened: TempDatabase[] = [];
afterAll(async () => {
  for (const t of opened) await t.cleanup();
});
afterEach(() => {
  delete process.env.AUDIT_KEY;
  delete process.env.AUDIT_REKEY_ACCEPT_BROKEN;
});

/** A database with a quality officer and `entries` audit entries written by the app, then a checkpoint. */
async function fresh(label: string, entries = 6): Promise<{ t: TempDatabase; qo: Principal }> {
  const t = await createTempDatabase(label);
  opened.push(t);
  const qo = principalOf(await insertUser(t.db, "quality_officer"));
  for (let n = 1; n <= entries; n++)
    await transaction((tx) => appendAudit(tx, { actor: { id: qo.id, email: qo.email }, action: "test.entry", entity: "test", entityId: n, after: { n } }));
  await writeAuditCheckpoint();
  return { t, qo };
}

const entries = (t: TempDatabase) => t.db.select().from(auditLog).orderBy(asc(auditLog.id));

/** npm run audit:verify on the current database: the SQLite file, or PostgreSQL through the DATABASE_URL it inherits. */
function auditVerifyScript(t: TempDatabase): { code: number; out: string } {
  try {
    const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/audit-verify.ts", ...(t.dialect === "sqlite" ? ["--file", t.file] : [])], {
      encoding: "utf8",
      stdio: "pipe",
    });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}

/** Runs `edit` with the append-only triggers lifted, as a superuser or someone holding the file could. */
async function withoutTriggers(t: TempDatabase, edit: () => Promise<void>) {
  if (t.dialect === "postgres") {
    await t.exec(sql`alter table audit_log disable trigger user`);
    await edit();
    await t.exec(sql`alter table audit_log enable trigger user`);
    return;
  }
  const definitions = (await t.exec(sql`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`)) as [string, string][];
  for (const [name] of definitions) await t.exec(sql.raw(`drop trigger ${name}`));
  await edit();
  for (const [, definition] of definitions) await t.exec(sql.raw(definition));
}

describe("verifying the keyed chain against its checkpoints", () => {
  it("an untouched log is intact, and its last checkpoint matches", async () => {
    const { t, qo } = await fresh("chain-intact");
    const last = (await entries(t)).at(-1)!;
    expect(await verifyAuditChain(qo)).toMatchObject({ status: "intact", rows: 6, checkpoint: { lastId: last.id, hash: last.hash } });
    const script = auditVerifyScript(t);
    expect(script).toMatchObject({
      code: 0,
      out: expect.stringMatching(/Audit chain intact: 6 entries verified under the audit key.*the last checkpoint .* matches/),
    });
  });

  it("deleting the newest entries after dropping the trigger is reported as truncated after the last checkpoint", async () => {
    const { t, qo } = await fresh("chain-truncated");
    const rows = await entries(t);
    await withoutTriggers(t, async () => {
      await t.exec(sql`delete from audit_log where id >= ${rows[4]!.id}`);
    });
    // What is left still links up: the chain alone cannot see the loss.
    expect(await verifyAuditChain(qo)).toMatchObject({
      status: "truncated",
      rows: 4,
      lastId: rows[3]!.id,
      checkpoint: { lastId: rows[5]!.id },
      reason: expect.stringContaining(`entries after #${rows[3]!.id} are missing`),
    });
    expect(auditVerifyScript(t)).toMatchObject({ code: 2, out: expect.stringContaining("Audit log TRUNCATED") });

    // The app writes on; the entry the checkpoint named is still missing.
    await transaction((tx) => appendAudit(tx, { actor: null, action: "test.after", entity: "test" }));
    expect(await verifyAuditChain(qo)).toMatchObject({
      status: "truncated",
      reason: expect.stringContaining(`entry #${rows[5]!.id}, named by the checkpoint`),
    });
  });

  it("editing an entry and recomputing every later hash with plain SHA-256 is reported as forged at that entry", async () => {
    const { t, qo } = await fresh("chain-recomputed");
    const rows = await entries(t);
    const edited = rows[2]!;
    await withoutTriggers(t, async () => {
      let prev = rows[1]!.hash;
      for (const row of rows.slice(2)) {
        const content = row.id === edited.id ? { ...row, after: auditJson({ n: 999 }) } : row;
        const hash = legacyAuditRowHash(prev, content);
        await t.exec(sql`update audit_log set after_json = ${content.after}, prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`);
        prev = hash;
      }
    });
    expect(await verifyAuditChain(qo)).toMatchObject({ status: "forged", brokenAtId: edited.id, rows: 2, wrongKey: false });
    expect(auditVerifyScript(t)).toMatchObject({ code: 1, out: expect.stringContaining(`Audit chain FORGED at entry #${edited.id}`) });
  });

  it("verified under another key, the chain and its checkpoints are reported as forged, most likely the wrong key", async () => {
    const { t, qo } = await fresh("chain-wrong-key");
    process.env.AUDIT_KEY = crypto.randomBytes(32).toString("hex");
    expect(await verifyAuditChain(qo)).toMatchObject({
      status: "forged",
      rows: 0,
      wrongKey: true,
      reason: expect.stringMatching(/not the one the log was written with/),
    });
    expect(auditVerifyScript(t)).toMatchObject({ code: 1, out: expect.stringContaining("Audit chain FORGED (or the wrong key)") });
  });

  it("a checkpoint line edited in the file is reported as forged", async () => {
    const { qo } = await fresh("chain-checkpoint-edited");
    const file = checkpointFile();
    const line = JSON.parse(fs.readFileSync(file, "utf8").trim()) as { lastId: number };
    fs.appendFileSync(file, JSON.stringify({ ...line, lastId: line.lastId - 1 }) + "\n");
    expect(await verifyAuditChain(qo)).toMatchObject({ status: "forged", brokenAtId: null, reason: expect.stringContaining("line 2 of the checkpoint file") });
  });
});

describe("checkpoints and the key", () => {
  it("an export appends a signed checkpoint naming the entry that records it", async () => {
    const { t, qo } = await fresh("checkpoint-export", 1);
    const response = await exportCsvResponse(qo, "procedures", new URLSearchParams(), "2026-11-01", "GET");
    await response.text();
    const [exported] = await t.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(exported!.action).toBe("export.procedures");
    const { checkpoints, unsigned } = readCheckpoints(Buffer.from(fs.readFileSync(auditKeyFile(), "utf8").trim(), "hex"));
    expect(unsigned).toEqual([]);
    expect(checkpoints.at(-1)).toMatchObject({ lastId: exported!.id, hash: exported!.hash });
  });

  it("the key is generated 0600 beside the database on first use, and the checkpoint file is 0600 in a 0700 folder", async () => {
    await fresh("key-files", 1);
    expect((fs.statSync(auditKeyFile()).mode & 0o777).toString(8)).toBe("600");
    expect(fs.readFileSync(auditKeyFile(), "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
    expect((fs.statSync(checkpointFile()).mode & 0o777).toString(8)).toBe("600");
    expect((fs.statSync(path.dirname(checkpointFile())).mode & 0o777).toString(8)).toBe("700");
  });
});

describe("re-keying a chain written before the key (a data migration at start)", () => {
  /** Entries as the app wrote them before: chained with plain SHA-256. */
  async function legacyChain(t: TempDatabase, n: number) {
    let prev = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const content = {
        at: `2026-01-0${i}T10:00:00.000Z`,
        userId: null,
        userEmail: null,
        action: "legacy.entry",
        entity: "test",
        entityId: String(i),
        before: null,
        after: auditJson({ i }),
      };
      const hash = legacyAuditRowHash(prev, content);
      await t.db.insert(auditLog).values({ ...content, prevHash: prev, hash });
      prev = hash;
    }
  }

  it("rewrites an intact unkeyed chain under the key once, records that it did, and leaves it alone after", async () => {
    const t = await createTempDatabase("rekey");
    opened.push(t);
    const qo = principalOf(await insertUser(t.db, "quality_officer"));
    await legacyChain(t, 5);
    const legacyHead = (await entries(t)).at(-1)!;

    const first = await prepareConfiguredDatabase({ seed: false });
    expect(first.auditChain).toEqual({ status: "rekeyed", rows: 5, legacyHead: { id: legacyHead.id, hash: legacyHead.hash }, legacyChain: "intact" });
    const rows = await entries(t);
    expect(rows).toHaveLength(6);
    expect(rows.at(-1)).toMatchObject({ action: "audit.rekey", entity: "audit_log" });
    expect(JSON.parse(rows.at(-1)!.after!)).toMatchObject({ algorithm: "HMAC-SHA-256", rows: 5, legacyHead: { id: legacyHead.id } });
    expect(rows.slice(0, 5).map((r) => [r.id, r.action, r.after])).toEqual((await entries(t)).slice(0, 5).map((r) => [r.id, r.action, r.after]));
    expect(await verifyAuditChain(qo)).toMatchObject({ status: "intact", rows: 6 });

    const again = await prepareConfiguredDatabase({ seed: false });
    expect(again.auditChain).toEqual({ status: "keyed" });
    expect(await entries(t)).toEqual(rows);
    // The append-only guard is back.
    await expect(t.exec(sql`update audit_log set action = 'x' where id = ${rows[0]!.id}`)).rejects.toThrow(/append-only/);
  });

  it("refuses to re-key an unkeyed chain that is already broken, unless told to, and then records the break", async () => {
    const t = await createTempDatabase("rekey-broken");
    opened.push(t);
    await legacyChain(t, 4);
    const victim = (await entries(t))[1]!;
    await withoutTriggers(t, async () => {
      await t.exec(sql`update audit_log set action = 'legacy.edited' where id = ${victim.id}`);
    });
    const before = await entries(t);
    await expect(prepareConfiguredDatabase({ seed: false })).rejects.toBeInstanceOf(AuditRekeyRefused);
    expect(await entries(t)).toEqual(before);

    process.env.AUDIT_REKEY_ACCEPT_BROKEN = "1";
    const accepted = await prepareConfiguredDatabase({ seed: false });
    expect(accepted.auditChain).toMatchObject({ status: "rekeyed", rows: 4, legacyChain: { brokenAtId: victim.id } });
    expect(JSON.parse((await entries(t)).at(-1)!.after!).legacyChain).toMatchObject({ brokenAtId: victim.id });
  });
});
