/**
 * Data migration, run at every start after the schema migrations (db/prepare.ts), on either backend: an audit
 * chain written before the chain was keyed (plain SHA-256, lib/audit/legacyChain.ts) is rewritten once under the
 * audit key, and the rewrite is recorded in the chain itself as an `audit.rekey` entry naming the old head. The
 * unkeyed chain is verified first, so a log already tampered with is not laundered into a valid one: then nothing
 * is rewritten and start stops, unless AUDIT_REKEY_ACCEPT_BROKEN=1 (the break is then recorded in the entry).
 *
 * Idempotent: the head row says which kind of chain this is. One that verifies under the key is left alone; so is
 * an empty log. It runs inside one writing transaction (the writers' turn on either backend), so concurrent starts
 * of several app servers re-key once. The append-only triggers are lifted for the rewrite only, inside that
 * transaction: SQLite recreates them from their own stored definitions, PostgreSQL disables and re-enables them.
 */
import { sql, type SQL } from "drizzle-orm";
import { chainedAuditRow } from "@/lib/audit/appendAudit";
import { AUDIT_CHAIN_COLUMNS, auditRowHash, chainRowOf, GENESIS_HASH } from "@/lib/audit/hashChain";
import { legacyAuditRowHash, verifyLegacyChain } from "@/lib/audit/legacyChain";
import type { AppConnection, AppDatabase } from "./appDatabase";

export type RekeyReport =
  | { status: "empty" | "keyed" }
  | { status: "rekeyed"; rows: number; legacyHead: { id: number; hash: string }; legacyChain: "intact" | { brokenAtId: number; reason: string } }
  | { status: "unverifiable"; headId: number };

export class AuditRekeyRefused extends Error {
  constructor(
    public readonly brokenAtId: number,
    reason: string,
  ) {
    super(
      `The audit log's unkeyed chain is broken at entry #${brokenAtId} (${reason}): it was changed outside the app. Re-keying it would hide that, so ` +
        "nothing was rewritten. Investigate (and restore a backup), or start once with AUDIT_REKEY_ACCEPT_BROKEN=1 to re-key it anyway, the break recorded.",
    );
    this.name = "AuditRekeyRefused";
  }
}

const COLUMNS = sql.raw(AUDIT_CHAIN_COLUMNS);
const BATCH = 500;

export async function rekeyAuditChain(conn: AppConnection, key: Buffer, opts: { acceptBroken?: boolean } = {}): Promise<RekeyReport> {
  return conn.transaction(async (tx) => {
    const run = (query: SQL) => conn.rawRows(query, tx);
    const [headRaw] = await run(sql`select ${COLUMNS} from audit_log order by id desc limit 1`);
    if (!headRaw) return { status: "empty" };
    const head = chainRowOf(headRaw);
    if (auditRowHash(head.prevHash, head, key) === head.hash) return { status: "keyed" };
    if (legacyAuditRowHash(head.prevHash, head) !== head.hash) return { status: "unverifiable", headId: head.id };

    const rows = (await run(sql`select ${COLUMNS} from audit_log order by id`)).map(chainRowOf);
    const legacy = verifyLegacyChain(rows);
    if (!legacy.ok && !opts.acceptBroken) throw new AuditRekeyRefused(legacy.brokenAtId, legacy.reason);

    const rewritten: { id: number; prevHash: string; hash: string }[] = [];
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const hash = auditRowHash(prev, row, key);
      rewritten.push({ id: row.id, prevHash: prev, hash });
      prev = hash;
    }
    await withoutAppendOnlyTriggers(conn, tx, async () => {
      for (let i = 0; i < rewritten.length; i += BATCH) {
        const values = sql.join(
          rewritten.slice(i, i + BATCH).map((r) => sql`(cast(${r.id} as integer), ${r.prevHash}, ${r.hash})`),
          sql`, `,
        );
        await run(sql`with v(id, prev_hash, hash) as (values ${values})
          update audit_log set prev_hash = v.prev_hash, hash = v.hash from v where audit_log.id = v.id`);
      }
    });
    const legacyHead = { id: head.id, hash: head.hash };
    const legacyChain = legacy.ok ? ("intact" as const) : { brokenAtId: legacy.brokenAtId, reason: legacy.reason };
    const entry = chainedAuditRow(
      prev,
      {
        actor: null,
        action: "audit.rekey",
        entity: "audit_log",
        after: { algorithm: "HMAC-SHA-256", rows: rows.length, legacyHead, legacyChain },
      },
      undefined,
      key,
    );
    await run(sql`insert into audit_log (at, user_id, user_email, action, entity, entity_id, before_json, after_json, prev_hash, hash)
      values (${entry.at}, ${entry.userId}, ${entry.userEmail}, ${entry.action}, ${entry.entity}, ${entry.entityId}, ${entry.before}, ${entry.after}, ${entry.prevHash}, ${entry.hash})`);
    return { status: "rekeyed", rows: rows.length, legacyHead, legacyChain };
  });
}

async function withoutAppendOnlyTriggers(conn: AppConnection, tx: AppDatabase, rewrite: () => Promise<void>): Promise<void> {
  const run = (query: SQL) => conn.rawRows(query, tx);
  if (conn.dialect === "postgres") {
    await run(sql`alter table audit_log disable trigger audit_log_no_update`);
    await rewrite();
    await run(sql`alter table audit_log enable trigger audit_log_no_update`);
    return;
  }
  const triggers = (await run(sql`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log' and name = 'audit_log_no_update'`)) as [
    string,
    string,
  ][];
  for (const [name] of triggers) await run(sql.raw(`drop trigger "${name}"`));
  await rewrite();
  for (const [, definition] of triggers) await run(sql.raw(definition));
}

/** A line for the start log, or null when there is nothing to say. */
export function describeRekey(report: RekeyReport): string | null {
  if (report.status === "rekeyed")
    return `Audit log: ${report.rows} entries re-keyed under the audit key (HMAC-SHA-256), once; recorded as an audit.rekey entry.`;
  if (report.status === "unverifiable")
    return `WARNING: the newest audit entry (#${report.headId}) verifies neither under the audit key nor as an unkeyed chain: the key is not the one the log was written with (AUDIT_KEY / .audit-key), or the log was changed. Run npm run audit:verify.`;
  return null;
}
