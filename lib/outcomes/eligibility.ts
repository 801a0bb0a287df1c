/**
 * The clinic page's exclusion: lumbar treatment (laminectomy, laminotomy, fusion, interspinous process
 * decompression or a previous MILD) in the 12 months before. The procedure is still recorded, but flagged.
 */
import { parseISO, subMonths } from "date-fns";

export function priorTreatmentWithin12Months(procedureDate: string, priorTreatmentDate: string | null | undefined): boolean {
  if (!priorTreatmentDate) return false;
  const prior = parseISO(priorTreatmentDate);
  const procedure = parseISO(procedureDate);
  return prior <= procedure && prior >= subMonths(procedure, 12);
}
