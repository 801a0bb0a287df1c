import "server-only";
import { and, asc, count, desc, eq, gte, isNull, lte, type SQL } from "drizzle-orm";

import { getDb, rawRows } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { auditKey } from "@/lib/audit/auditKey";
import { readCheckpoints } from "@/lib/audit/checkpoints";
import { chainRowOf, type ChainRow } from "@/lib/audit/hashChain";
import { auditVerdict, type AuditVerdict } from "@/lib/audit/verdict";
import { ForbiddenError } from "@/lib/dal/errors";
import type { AuditLogQuery } from "@/lib/validation/auditLog";
import type { Principal } from "@/lib/dal/principal";

/**
 * Reading the audit log: who changed, exported or signed in, and whether the hash chain is intact. Quality
 * officers and administrators only — the log holds every record's before/after values, so it is as sensitive
 * as the records themselves. Nothing here writes: the log is append-only and written by each change's DAL.
 */

export function canReadAuditLog(principal: Principal): boolean {
  return principal.role === "quality_officer" || principal.role === "admin";
}

function requireAuditReader(principal: Principal): void {
  if (!canReadAuditLog(principal)) throw new ForbiddenError("Only quality officers and administrators read the audit log");
}

export type AuditLogEntry = {
  id: number;
  at: string;
  userId: number | null;
  userEmail: string | null;
  /** The physician a coordinator acted for, when one did. */
  onBehalfOfEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

function auditWhere(q: AuditLogQuery): SQL | undefined {
  return and(
    q.user === "none" ? isNull(auditLog.userId) : q.user !== undefined ? eq(auditLog.userId, q.user) : undefined,
    q.entity ? eq(auditLog.entity, q.entity) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    // Timestamps are ISO-8601 UTC text, so a date range is a text range (portable, and uses the `at` index).
    q.from ? gte(auditLog.at, `${q.from}T00:00:00.000Z`) : undefined,
    q.to ? lte(auditLog.at, `${q.to}T23:59:59.999Z`) : undefined,
  );
}

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    // A hand-edited row may not be JSON any more; show it as text (the chain check names the row).
    return text;
  }
};

export async function listAuditEntries(principal: Principal, q: AuditLogQuery): Promise<{ total: number; rows: AuditLogEntry[] }> {
  requireAuditReader(principal);
  const db = getDb();
  const where = auditWhere(q);
  const [counted] = await db.select({ n: count() }).from(auditLog).where(where);
  const total = counted?.n ?? 0;
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(q.dir === "asc" ? asc(auditLog.id) : desc(auditLog.id))
    .limit(q.size)
    .offset((q.page - 1) * q.size);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.userId,
      userEmail: r.userEmail,
      onBehalfOfEmail: r.onBehalfOfEmail,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      before: parseJson(r.before),
      after: parseJson(r.after),
    })),
  };
}

/** What the filter bar offers: every account (including disabled ones: their history stays), entities and actions seen. */
export async function auditFilterOptions(principal: Principal) {
  requireAuditReader(principal);
  const db = getDb();
  const [people, entities, actions] = await Promise.all([
    db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name), asc(users.id)),
    db.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(asc(auditLog.entity)),
    db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
  ]);
  return { users: people, entities: entities.map((r) => r.entity), actions: actions.map((r) => r.action) };
}

/**
 * Recomputes the whole hash chain under the audit key and holds it against the checkpoints kept outside the
 * database (the same check as `npm run audit:verify`, lib/audit/verdict.ts): intact, truncated after a checkpoint,
 * or forged. One statement reads the log in id order, so the rows are one consistent snapshot on either backend,
 * as arrays of driver values (far lighter than row objects); each becomes a ChainRow only as the check reaches it.
 */
export async function verifyAuditChain(principal: Principal): Promise<AuditVerdict & { checkedAt: string }> {
  requireAuditReader(principal);
  const key = auditKey(undefined, { create: false });
  const checkpoints = readCheckpoints(key);
  const rows = await rawRows(
    getDb()
      .select({
        id: auditLog.id,
        at: auditLog.at,
        userId: auditLog.userId,
        userEmail: auditLog.userEmail,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
        prevHash: auditLog.prevHash,
        hash: auditLog.hash,
        onBehalfOfId: auditLog.onBehalfOfId,
        onBehalfOfEmail: auditLog.onBehalfOfEmail,
      })
      .from(auditLog)
      .orderBy(asc(auditLog.id)),
  );
  return { ...auditVerdict(chainRows(rows), checkpoints, key), checkedAt: new Date().toISOString() };
}

function* chainRows(rows: unknown[][]): Iterable<ChainRow> {
  for (const r of rows) yield chainRowOf(r);
}
