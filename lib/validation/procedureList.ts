/**
 * The procedure list's view, read from the URL so every view can be bookmarked and shared. Unknown or bad
 * values fall back to defaults instead of failing: a mistyped link still opens a sensible list.
 */
import { z } from "zod";
import { DIAGNOSES } from "@/db/enums";
import { dateParam, lenient, parseListQuery, tableViewParams } from "./listQuery";
import { recordIdField } from "./recordId";

export const PROCEDURE_SORTS = ["date", "patient", "physician", "site", "complications"] as const;
export const FOLLOW_UP_FILTERS = ["overdue", "due", "missed", "up_to_date"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export const procedureListQuerySchema = z.object({
  ...tableViewParams({ sorts: PROCEDURE_SORTS, sort: "date", dir: "desc", sizes: PAGE_SIZES, size: 25 }),
  physician: lenient(recordIdField("must be a numeric id")),
  site: lenient(recordIdField("must be a numeric id")),
  from: dateParam,
  to: dateParam,
  diagnosis: lenient(z.enum(DIAGNOSES)),
  flag: lenient(z.enum(["1", "0"])),
  complication: lenient(z.enum(["1", "0"])),
  followUp: lenient(z.enum(FOLLOW_UP_FILTERS)),
  q: lenient(z.string().trim().min(1).max(100)),
});
export type ProcedureListQuery = z.infer<typeof procedureListQuerySchema>;

export function parseProcedureListQuery(params: Record<string, string | string[] | undefined>): ProcedureListQuery {
  return parseListQuery(procedureListQuerySchema, params);
}
