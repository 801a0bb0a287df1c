/**
 * The clinic page's exclusion: lumbar treatment (laminectomy, laminotomy, fusion, interspinous process
 * decompression or a previous MILD) in the 12 months before. The procedure is still recorded, but flagged.
 */
import { addYearsIso } from "./dates";

export function priorTreatmentWithin12Months(procedureDate: string, priorTreatmentDate: string | null | undefined): boolean {
  if (!priorTreatmentDate) return false;
  return priorTreatmentDate <= procedureDate && priorTreatmentDate >= addYearsIso(procedureDate, -1);
}
