/** Import files for tests: CSV text in the import's layout, one object per row with cells by column name, and the upload. */
import { DERIVED_PROCEDURE_COLUMNS, PROCEDURE_COLUMNS, columnsFor } from "@/lib/csv/columns";
import type { ImportUpload } from "@/lib/dal/csv/importRecords";

/** procedures.csv's columns in the identified import layout. */
export const IMPORT_HEADER = columnsFor(PROCEDURE_COLUMNS, true)
  .map((c) => c.name)
  .filter((c) => !DERIVED_PROCEDURE_COLUMNS.has(c));

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The header, then one CRLF line a row: a row's cell for each column (empty where it has none), quoted where needed. */
export function importCsv(rows: Record<string, string>[], header: readonly string[] = IMPORT_HEADER): string {
  return [header.join(","), ...rows.map((r) => header.map((h) => quote(r[h] ?? "")).join(","))].join("\r\n") + "\r\n";
}

/** The files as the import route hands them to the DAL: text is encoded as UTF-8, bytes are sent as they are. */
export function importUpload(files: { procedures?: string | Uint8Array; complications?: string | Uint8Array }): ImportUpload {
  const encoder = new TextEncoder();
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, { name: `${k}.csv`, bytes: typeof v === "string" ? encoder.encode(v) : v }]));
}

let serial = 0;

/**
 * A valid procedures.csv row: a new patient (female, lumbar stenosis, born 1950-06-01) and a bilateral L4-L5
 * procedure under local anaesthesia on 2026-04-01, its references and MRN numbered afresh under `tag`. `cells` names
 * the physician and the site, and replaces or adds any other cell.
 */
export function procedureImportRow(tag: string, cells: { physician_ref: string; site: string } & Record<string, string>): Record<string, string> {
  const n = ++serial;
  return {
    procedure_ref: `${tag}-proc-${n}`,
    patient_ref: `${tag}-pat-${n}`,
    patient_mrn: `${tag.toUpperCase()}-${n}`,
    patient_name: `Test Patient ${n}`,
    date_of_birth: "1950-06-01",
    procedure_date: "2026-04-01",
    sex: "female",
    diagnosis: "stenosis",
    levels: "L4-L5",
    side: "bilateral",
    anaesthesia: "local",
    ...cells,
  };
}

/** A valid complications.csv row, its reference numbered afresh under `tag`: a resolved grade 1 bleeding on 2026-04-02; `cells` replaces or adds any cell. */
export function complicationImportRow(tag: string, cells: Record<string, string> = {}): Record<string, string> {
  return {
    complication_ref: `${tag}-comp-${++serial}`,
    type: "bleeding",
    onset_date: "2026-04-02",
    grade: "1",
    relatedness: "procedure",
    outcome: "resolved",
    ...cells,
  };
}

export function proceduresUpload(rows: Record<string, string>[]): ImportUpload {
  return importUpload({ procedures: importCsv(rows) });
}
