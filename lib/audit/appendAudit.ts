/**
 * Appends one row to the audit log. Call it inside the same synchronous `BEGIN IMMEDIATE` transaction as the
 * change it records, so the change and its audit row land together or not at all, and no other writer can
 * slip a row in between reading the last hash and writing the next.
 */
import { desc } from "drizzle-orm";
import type { AppDatabase } from "@/db/connection";
import { auditLog } from "@/db/schema";
import { auditJson, auditRowHash, GENESIS_HASH } from "./hashChain";

export type DbOrTx = AppDatabase | Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

export type AuditEvent = {
  actor: { id: number; email: string } | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

export function appendAudit(tx: DbOrTx, event: AuditEvent): void {
  const last = tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content = {
    at: new Date().toISOString(),
    userId: event.actor?.id ?? null,
    userEmail: event.actor?.email ?? null,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
    before: auditJson(event.before),
    after: auditJson(event.after),
  };
  tx.insert(auditLog).values({ ...content, prevHash, hash: auditRowHash(prevHash, content) }).run();
}
