/** procedures.csv rows for tests: the identified import layout, one object per row, cells by column name. */
import { DERIVED_PROCEDURE_COLUMNS, PROCEDURE_COLUMNS, columnsFor } from "@/lib/csv/columns";
import type { ImportUpload } from "@/lib/dal/csv/importRecords";

export const IMPORT_HEADER = columnsFor(PROCEDURE_COLUMNS, true)
  .map((c) => c.name)
  .filter((c) => !DERIVED_PROCEDURE_COLUMNS.has(c));

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function proceduresCsv(rows: Record<string, string>[]): string {
  return [IMPORT_HEADER.join(","), ...rows.map((r) => IMPORT_HEADER.map((h) => quote(r[h] ?? "")).join(","))].join("\r\n") + "\r\n";
}

export function proceduresUpload(rows: Record<string, string>[]): ImportUpload {
  return { procedures: { name: "procedures.csv", bytes: new TextEncoder().encode(proceduresCsv(rows)) } };
}
