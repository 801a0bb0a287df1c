/** The audit log's view, read from the URL like every list's (./listQuery.ts). */
import { z } from "zod";
import { dateParam, lenient, parseListQuery, tableViewParams } from "./listQuery";
import { recordIdField } from "./recordId";

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;

/** The log's view, read leniently from the URL (a mistyped link still opens the newest entries). */
export const auditLogQuerySchema = z.object({
  /** an actor's user id, or "none" for entries without a signed-in user (failed sign-ins, the seed) */
  user: lenient(z.union([z.literal("none"), recordIdField("must be a numeric id")])),
  entity: lenient(z.string().trim().min(1).max(40)),
  entityId: lenient(z.string().trim().min(1).max(60)),
  action: lenient(z.string().trim().min(1).max(80)),
  from: dateParam,
  to: dateParam,
  ...tableViewParams({ sorts: ["at"], sort: "at", dir: "desc", sizes: AUDIT_PAGE_SIZES, size: 50 }),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export function parseAuditLogQuery(params: Record<string, string | string[] | undefined>): AuditLogQuery {
  return parseListQuery(auditLogQuerySchema, params);
}
