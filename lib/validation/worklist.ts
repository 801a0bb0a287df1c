/**
 * The worklist's view, read from the URL like the procedure list's (the same table kit): page, page size, sort,
 * direction, hidden columns and the physician filter. Bad values fall back to defaults, so a mistyped link
 * still opens the most urgent follow-ups first.
 */
import { z } from "zod";
import { lenient, parseListQuery, tableViewParams } from "./listQuery";
import { PAGE_SIZES } from "./procedureList";
import { recordIdField } from "./recordId";

/** The table's sortable columns; "state" is urgency: overdue first by days left, then due by target day. */
export const WORKLIST_SORTS = ["state", "patient", "physician", "timepoint", "procedure", "target", "daysLeft", "contact"] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

export const worklistQuerySchema = z.object({
  ...tableViewParams({ sorts: WORKLIST_SORTS, sort: "state", dir: "asc", sizes: PAGE_SIZES, size: 25 }),
  physician: lenient(recordIdField("must be a numeric id")),
});
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

export function parseWorklistQuery(params: Record<string, string | string[] | undefined>): WorklistQuery {
  return parseListQuery(worklistQuerySchema, params);
}
