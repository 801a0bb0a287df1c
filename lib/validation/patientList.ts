/**
 * The patient list's view, read from the URL like the procedure list's: search text, page, size, sort and hidden
 * columns. Bad values fall back to defaults, so a mistyped link still opens a sensible list.
 */
import { z } from "zod";
import { lenient, parseListQuery, tableViewParams } from "./listQuery";

export const PATIENT_SORTS = ["updated", "name", "mrn", "dob", "site", "diagnosis", "procedures", "last"] as const;

const patientListQuerySchema = z.object({
  ...tableViewParams({ sorts: PATIENT_SORTS, sort: "updated", dir: "desc", sizes: [10, 25, 50, 100], size: 25 }),
  q: lenient(z.string().trim().min(1).max(100)),
});
export type PatientListQuery = z.infer<typeof patientListQuerySchema>;

export function parsePatientListQuery(params: Record<string, string | string[] | undefined>): PatientListQuery {
  return parseListQuery(patientListQuerySchema, params);
}
