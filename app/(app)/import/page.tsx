import { Panel } from "@/components/layout/Panel";
import { PageHeader } from "@/components/layout/PageHeader";
import { SimpleTable } from "@/components/table/SimpleTable";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExportLinks } from "@/components/csv/ExportLinks";
import { ImportForm } from "@/components/csv/ImportForm";
import {
  COMPLICATION_COLUMNS,
  DERIVED_COMPLICATION_COLUMNS,
  DERIVED_PROCEDURE_COLUMNS,
  PROCEDURE_COLUMNS,
  REQUIRED_COMPLICATION_COLUMNS,
  REQUIRED_PROCEDURE_COLUMNS,
  type ColumnSpec,
} from "@/lib/csv/columns";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/csv/import/readCsv";
import { canImport } from "@/lib/dal/csv/importRecords";
import { canSeeAllPhysicians } from "@/lib/dal/principal";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";

export const metadata: Metadata = { title: "Import and export" };

function ColumnTable({
  columns,
  required,
  derived,
  caption,
}: {
  columns: readonly ColumnSpec[];
  required: readonly string[];
  derived: Set<string>;
  caption: string;
}) {
  const req = new Set(required);
  return (
    <SimpleTable
      caption={caption}
      columns={[
        { header: "Column", rowHeader: true, cell: (c) => <code>{c.name}</code> },
        { header: "In the import", cell: (c) => (req.has(c.name) ? "required" : derived.has(c.name) ? "derived, not read" : "optional") },
        { header: "In a de-identified export", cell: (c) => (c.identifiedOnly ? "left out" : c.name.endsWith("_ref") ? "pseudonym" : "yes") },
      ]}
      rows={columns}
      rowKey={(c) => c.name}
      className="compact csv-columns"
    />
  );
}

const CSV_FILES = [
  { file: "procedures.csv", row: "procedure", columns: PROCEDURE_COLUMNS, required: REQUIRED_PROCEDURE_COLUMNS, derived: DERIVED_PROCEDURE_COLUMNS },
  {
    file: "complications.csv",
    row: "complication",
    columns: COMPLICATION_COLUMNS,
    required: REQUIRED_COMPLICATION_COLUMNS,
    derived: DERIVED_COMPLICATION_COLUMNS,
  },
] as const;

export default async function ImportExportPage() {
  const me = await requirePrincipal();
  // Coordinators neither import nor export (their exports would carry their sites' patients out): no page.
  if (me.role === "coordinator") notFound();
  const importer = canImport(me);
  return (
    <>
      <PageHeader title="Import and export">CSV files in and out: UTF-8, comma-separated, one header row (RFC 4180).</PageHeader>

      {importer && (
        <Panel id="import-title" title="Import">
          <p>
            {me.role === "physician"
              ? "Import your own patients, procedures, assessments and complications: every row must name you as the physician."
              : "Import for any physician, e.g. when moving from another registry or installation; the adjudication recorded in complications.csv is kept."}{" "}
            First check the files (a dry run lists every problem by row and column and writes nothing), then import: all rows are written in one transaction, or
            none. Importing the same file again adds nothing; rows already stored must match what is stored.
          </p>
          <p className="small">
            Templates: <a href="/api/import/template.csv">procedures.csv</a> · <a href="/api/import/template.csv?kind=complications">complications.csv</a>. An
            identified export re-imports as it is. Limits: {MAX_IMPORT_BYTES / 1024 / 1024} MB and {MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows per file.
          </p>
          <ImportForm />
        </Panel>
      )}

      <Panel id="export-title" title="Export">
        <p>
          {me.role === "physician" ? "Your procedures" : "Every procedure"}, one row per procedure, and their complications, one row per complication.
          De-identified by default: pseudonymous references instead of names, MRNs and ids; the procedure year and days since the procedure instead of dates;
          ages over 89 as 90+; no device lot numbers or free text. To export one view, use the export buttons on the procedure list or the dashboard.
        </p>
        <ExportLinks params={new URLSearchParams()} canIdentify={canSeeAllPhysicians(me)} labels={["procedures.csv", "complications.csv"]} />
      </Panel>

      <Panel id="columns-title" title="Columns">
        <p className="small">
          Timepoint suffixes: <code>baseline</code>, <code>d1_3</code>, <code>2w</code>, <code>6w</code>, <code>3m</code>, <code>6m</code>, <code>12m</code>,{" "}
          <code>24m</code>. Flags are 1 or 0; dates YYYY-MM-DD; levels like <code>L3-L4,L4-L5</code>. A text cell an export had to neutralise (a leading
          apostrophe before = + - @) is read back without it.
        </p>
        {CSV_FILES.map((f) => (
          <details key={f.file}>
            <summary>{f.file}</summary>
            <ColumnTable columns={f.columns} required={f.required} derived={f.derived} caption={`${f.file}: one row per ${f.row}`} />
          </details>
        ))}
      </Panel>
    </>
  );
}
