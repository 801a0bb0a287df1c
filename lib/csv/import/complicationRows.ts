/** complications.csv, row by row: the report through the form's schema, and the adjudication an administrator's migration keeps. */
import { ADJUDICATION_STATUSES, RELATEDNESS_KINDS } from "@/db/enums";
import { ADJUDICATION_TEXT_MAX_LENGTH } from "@/lib/validation/adjudication";
import { optionalNumber } from "@/lib/validation/fields";
import { complicationSchema } from "@/lib/validation/records";
import { ADJUDICATION_COLUMNS, COMPLICATION_COLUMNS, COMPLICATION_FIELD_COLUMNS, REQUIRED_COMPLICATION_COLUMNS } from "../columns";
import type { CsvTable } from "./readCsv";
import { cellsOf, checkHeader, columnIn, flag, hasHeaderWidth, readFields, reportIssues, rowNumber, type Cells, type Report } from "./rowCells";
import { COMPLICATIONS_FILE, type ImportProblem } from "./importProblem";
import type { ComplicationRow, ParsedAdjudication } from "./validateRows";

const finalGradeField = optionalNumber({ label: "Final grade", min: 1, max: 5, integer: true });
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

function parseAdjudication(cells: Cells, report: Report): ParsedAdjudication {
  const status = cells.get("adjudication_status") || "pending";
  if (!(ADJUDICATION_STATUSES as readonly string[]).includes(status))
    report("adjudication_status", `Adjudication status is one of ${ADJUDICATION_STATUSES.join(", ")}`);
  const grade = finalGradeField.safeParse(cells.get("final_grade"));
  if (!grade.success) report("final_grade", grade.error.issues[0]!.message);
  const relatedness = cells.get("final_relatedness");
  if (relatedness && !(RELATEDNESS_KINDS as readonly string[]).includes(relatedness))
    report("final_relatedness", `Final relatedness is one of ${RELATEDNESS_KINDS.join(", ")}`);
  const timestamp = (column: string) => {
    const v = cells.get(column);
    if (!v) return null;
    if (!ISO_TIMESTAMP.test(v) || Number.isNaN(Date.parse(v))) {
      report(column, "Write the time as an ISO-8601 UTC timestamp, e.g. 2026-03-01T14:05:00.000Z");
      return null;
    }
    return new Date(v).toISOString();
  };
  const adjudicatedAt = timestamp("adjudicated_at");
  const reportedAt = timestamp("reported_at");
  const note = cells.get("adjudication_note") || null;
  if (note && note.length > ADJUDICATION_TEXT_MAX_LENGTH)
    report("adjudication_note", `The adjudication note is limited to ${ADJUDICATION_TEXT_MAX_LENGTH} characters`);
  return {
    status: status as ParsedAdjudication["status"],
    finalGrade: grade.success ? grade.data : null,
    finalRelatedness: (relatedness || null) as ParsedAdjudication["finalRelatedness"],
    adjudicatedBy: cells.get("adjudicated_by").toLowerCase() || null,
    adjudicatedAt,
    note,
    reportedAt,
  };
}

/** Whether a row carries adjudication values a physician's import must ignore ("pending" is the default anyway). */
const carriesAdjudication = (cells: Cells) =>
  ADJUDICATION_COLUMNS.some((c) => cells.get(c) !== "" && !(c === "adjudication_status" && cells.get(c) === "pending"));

export function validateComplicationRows(table: CsvTable, readAdjudication: boolean, problems: ImportProblem[], notices: string[]): ComplicationRow[] {
  const file = COMPLICATIONS_FILE;
  if (!checkHeader(file, table.header, new Set(COMPLICATION_COLUMNS.map((c) => c.name)), REQUIRED_COMPLICATION_COLUMNS, problems)) return [];
  const out: ComplicationRow[] = [];
  const refs = new Map<string, number>();
  let ignoredAdjudications = 0;
  table.rows.forEach((values, index) => {
    const row = rowNumber(index);
    const before = problems.length;
    const report: Report = (column, message) => problems.push({ file, row, column, message });
    if (!hasHeaderWidth(values, table.header, report)) return;
    const cells = cellsOf(table.header, values);
    const complicationRef = cells.get("complication_ref");
    const procedureRef = cells.get("procedure_ref");
    if (!complicationRef) report("complication_ref", "Enter the complication's reference (its external id): re-importing the file matches on it");
    if (!procedureRef) report("procedure_ref", "Enter the reference of the procedure this complication followed");
    if (complicationRef.length > 100) report("complication_ref", "A reference is at most 100 characters");
    const earlier = refs.get(complicationRef);
    if (complicationRef && earlier !== undefined) report("complication_ref", `Duplicate complication_ref: row ${earlier} has the same reference`);
    else if (complicationRef) refs.set(complicationRef, row);

    const serious = flag(cells, COMPLICATION_FIELD_COLUMNS.serious, report);
    // procedureId is resolved against procedures.csv and the database afterwards (lib/dal/csv/importResolve.ts).
    const parsed = complicationSchema.safeParse({ procedureId: 1, ...readFields(cells, COMPLICATION_FIELD_COLUMNS), serious });
    if (!parsed.success) reportIssues(parsed.error, columnIn(COMPLICATION_FIELD_COLUMNS), report);
    let adjudication: ParsedAdjudication | null = null;
    if (readAdjudication) adjudication = parseAdjudication(cells, report);
    else if (carriesAdjudication(cells)) ignoredAdjudications++;
    if (problems.length > before || !parsed.success) return;
    const { procedureId: _p, ...complication } = parsed.data;
    void _p;
    out.push({ row, complicationRef, procedureRef, complication, adjudication });
  });
  if (ignoredAdjudications > 0) {
    notices.push(
      `${ignoredAdjudications.toLocaleString("en-GB")} complication row(s) carry adjudication or report-time values; they are ignored. Complications you import wait for a quality officer's adjudication, reported now.`,
    );
  }
  return out;
}
