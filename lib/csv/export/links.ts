/**
 * Links to the CSV export of a view. The export takes the outcome filters (lib/outcomes/outcomeFilters.ts); a
 * page with other filters maps those that mean the same thing and says which it could not carry over.
 */
import type { ProcedureListQuery } from "@/lib/validation/procedureList";

export type ExportKind = "procedures" | "complications";

/** `/api/export/procedures.csv?…` — for the dashboard: `exportHref("procedures", outcomeFiltersToParams(filters))`. */
export function exportHref(kind: ExportKind, params: URLSearchParams = new URLSearchParams()): string {
  const query = params.toString();
  return `/api/export/${kind}.csv${query ? `?${query}` : ""}`;
}

/** The procedure list's filters as export parameters, and the labels of those the export cannot apply. */
export function procedureListExportParams(q: Partial<ProcedureListQuery>): { params: URLSearchParams; ignored: string[] } {
  const params = new URLSearchParams();
  if (q.physician) params.set("physician", String(q.physician));
  if (q.site) params.set("site", String(q.site));
  if (q.from) params.set("from", q.from);
  if (q.to) params.set("to", q.to);
  if (q.diagnosis) params.set("diagnosis", q.diagnosis);
  if (q.flag === "1") params.set("flag", "only");
  if (q.flag === "0") params.set("flag", "exclude");
  const ignored = [q.complication ? "Complication" : null, q.followUp ? "Follow-up" : null, q.q ? "Patient name or MRN" : null].filter(
    (x): x is string => x !== null,
  );
  return { params, ignored };
}
