/**
 * The downloadable templates: the identified procedures.csv and complications.csv headers (what the import
 * reads), with one example row each so the formats are unambiguous. The example names a physician and site
 * that must be replaced; importing the template unchanged fails the dry run with "unknown physician".
 */
import { stringify } from "csv-stringify/sync";
import { COMPLICATION_COLUMNS, DERIVED_COMPLICATION_COLUMNS, DERIVED_PROCEDURE_COLUMNS, PROCEDURE_COLUMNS, columnsFor } from "../columns";

const EXAMPLE_PROCEDURE: Record<string, string> = {
  procedure_ref: "clinic-proc-0001",
  patient_ref: "clinic-pat-0001",
  physician_ref: "your.email@example.org",
  patient_mrn: "MRN-000123",
  patient_name: "Jane Example",
  date_of_birth: "1951-04-17",
  procedure_date: "2026-02-10",
  site: "SITE",
  sex: "female",
  diagnosis: "stenosis",
  levels: "L3-L4,L4-L5",
  side: "bilateral",
  anaesthesia: "local",
  prior_treatment_acknowledged: "0",
  diabetes: "1",
  assessed_on_baseline: "2026-02-03",
  back_nrs_baseline: "7",
  leg_nrs_baseline: "6",
  odi_baseline: "46",
  walking_min_baseline: "5",
  standing_min_baseline: "8",
  assessed_on_2w: "2026-02-24",
  back_nrs_2w: "4",
  leg_nrs_2w: "3",
  odi_2w: "30",
};

const EXAMPLE_COMPLICATION: Record<string, string> = {
  complication_ref: "clinic-comp-0001",
  procedure_ref: "clinic-proc-0001",
  type: "bleeding",
  onset_date: "2026-02-10",
  serious: "0",
  grade: "1",
  relatedness: "procedure",
  treatment: "Pressure dressing",
  outcome: "resolved",
};

export function templateCsv(kind: "procedures" | "complications"): string {
  const all = kind === "procedures" ? PROCEDURE_COLUMNS : COMPLICATION_COLUMNS;
  const derived = kind === "procedures" ? DERIVED_PROCEDURE_COLUMNS : DERIVED_COMPLICATION_COLUMNS;
  // Derived columns are accepted (an export re-imports as it is) but a template need not offer them.
  const header = columnsFor(all, true)
    .map((c) => c.name)
    .filter((c) => !derived.has(c));
  const example = kind === "procedures" ? EXAMPLE_PROCEDURE : EXAMPLE_COMPLICATION;
  return stringify([header, header.map((c) => example[c] ?? "")], { record_delimiter: "windows" });
}
