import "server-only";
import { and, desc, eq, inArray, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { AuditLogEntry } from "@/lib/dal/audit/auditLog";
import type { Principal } from "@/lib/dal/principal";

/** An audit entry as a record's history shows it (who by email, not by id). */
export type HistoryEntry = Omit<AuditLogEntry, "userId">;

/**
 * The audit entries of one record and its children, newest first. The caller has already loaded the record
 * through the DAL, so the principal may see it; the ids passed here are that record's own.
 */
export async function recordHistory(
  _principal: Principal,
  ids: { patientIds?: number[]; procedureIds?: number[]; assessmentIds?: number[]; complicationIds?: number[] },
  limit = 200,
): Promise<HistoryEntry[]> {
  const clauses = (
    [
      ["patient", ids.patientIds],
      ["procedure", ids.procedureIds],
      ["assessment", ids.assessmentIds],
      ["complication", ids.complicationIds],
    ] as const
  )
    .filter(([, list]) => list && list.length > 0)
    .map(([entity, list]) => and(eq(auditLog.entity, entity), inArray(auditLog.entityId, list!.map(String))));
  if (clauses.length === 0) return [];
  const rows = await getDb()
    .select()
    .from(auditLog)
    .where(or(...clauses))
    .orderBy(desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userEmail: r.userEmail,
    onBehalfOfEmail: r.onBehalfOfEmail,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  }));
}
