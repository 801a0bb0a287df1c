/**
 * Appends one row to the audit log. Call it inside the same `transaction()` as the change it records, so the
 * change and its audit row land together or not at all; the transaction holds the writers' turn (db/client.ts),
 * so no other writer can slip a row in between reading the last hash and writing the next.
 */
import { desc } from "drizzle-orm";
import type { AppDatabase } from "@/db/appDatabase";
import type { SqliteFileDatabase } from "@/db/connection";
import { auditLog } from "@/db/schema";
// eslint-disable-next-line no-restricted-imports -- the seed writes a SQLite file whatever the configured backend
import { auditLog as sqliteAuditLog } from "@/db/schema.sqlite";
import { auditKey } from "./auditKey";
import { auditJson, auditRowHash, GENESIS_HASH } from "./hashChain";

export type AuditEvent = {
  /** A user; or a patient through their link, `{ id: null, email: "patient (link)" }` (lib/dal/invitations). */
  actor: { id: number | null; email: string } | null;
  /** The physician a coordinator entered the record for. */
  onBehalfOf?: { id: number; email: string } | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

/**
 * The audit row for `event`, chained to `prevHash` under the audit key (default: the configured database's);
 * `at` defaults to now (an import stamps all its rows alike).
 */
export function chainedAuditRow(prevHash: string, event: AuditEvent, at = new Date().toISOString(), key: Buffer = auditKey()) {
  const content = {
    at,
    userId: event.actor?.id ?? null,
    userEmail: event.actor?.email ?? null,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
    before: auditJson(event.before),
    after: auditJson(event.after),
    onBehalfOfId: event.onBehalfOf?.id ?? null,
    onBehalfOfEmail: event.onBehalfOf?.email ?? null,
  };
  return { ...content, prevHash, hash: auditRowHash(prevHash, content, key) };
}

export async function appendAudit(tx: AppDatabase, event: AuditEvent): Promise<void> {
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  await tx.insert(auditLog).values(chainedAuditRow(last?.hash ?? GENESIS_HASH, event));
}

/** The same row for code that writes a SQLite file synchronously (the demo seed), under that database's key. */
export function appendAuditToSqliteFile(tx: Pick<SqliteFileDatabase, "select" | "insert">, event: AuditEvent, key: Buffer): void {
  /* eslint-disable no-restricted-syntax -- synchronous SQLite file by design */
  const last = tx.select({ hash: sqliteAuditLog.hash }).from(sqliteAuditLog).orderBy(desc(sqliteAuditLog.id)).limit(1).get();
  tx.insert(sqliteAuditLog)
    .values(chainedAuditRow(last?.hash ?? GENESIS_HASH, event, undefined, key))
    .run();
  /* eslint-enable no-restricted-syntax */
}
