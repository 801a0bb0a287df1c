/** procedures.csv, row by row: the patient, the procedure and its assessments, through the forms' own schemas and date rules. */
import { RISK_FACTORS } from "@/db/enums";
import { checkAssessment, checkPatient, checkProcedure } from "@/lib/validation/recordRules";
import type { FieldProblem } from "@/lib/validation/recordDateRules";
import {
  assessedOnColumn,
  assessmentFieldColumn,
  CSV_TIMEPOINTS,
  PATIENT_CONTACT_COLUMNS,
  PATIENT_FIELD_COLUMNS,
  PROCEDURE_COLUMNS,
  PROCEDURE_FIELD_COLUMNS,
  outOfWindowReasonColumn,
  reliefOnsetColumn,
  REQUIRED_PROCEDURE_COLUMNS,
  RISK_FACTOR_COLUMNS,
  SCORE_COLUMNS,
  scoreColumn,
  type CsvTimepoint,
} from "../columns";
import type { CsvTable } from "./readCsv";
import { cellsOf, checkHeader, columnIn, flag, hasHeaderWidth, readFields, rowNumber, type Cells, type Report } from "./rowCells";
import { PROCEDURES_FILE, type ImportProblem } from "./importProblem";
import type { ParsedAssessment, ParsedPatient, ProcedureRow } from "./validateRows";

/** Every problem of a verdict, each under the CSV column of its field (problems of fields the file has no column for are dropped). */
function reportProblems(problems: FieldProblem[], columnOf: (field: string) => string | null | undefined, report: Report) {
  for (const p of problems) {
    const column = columnOf(p.field);
    if (column !== null && column !== undefined) report(column, p.message);
  }
}

/**
 * One timepoint's assessment, as the form would send it: a reason in its out-of-window column is the form's
 * "outside the window, keep it" ticked with that reason.
 */
function parseAssessment(cells: Cells, tp: CsvTimepoint, procedureDate: string | null, today: string, report: Report): ParsedAssessment | null {
  const { suffix, timepoint } = tp;
  const columns = [assessedOnColumn(suffix), ...SCORE_COLUMNS.map((s) => scoreColumn(s.prefix, suffix)), reliefOnsetColumn(suffix)];
  if (columns.every((c) => cells.get(c) === "")) return null;
  const reason = cells.get(outOfWindowReasonColumn(suffix));
  const input: Record<string, unknown> = {
    procedureId: 1,
    timepoint,
    odiMode: "total",
    assessedOn: cells.get(assessedOnColumn(suffix)),
    reliefOnsetDate: cells.get(reliefOnsetColumn(suffix)),
    outOfWindow: reason !== "",
    outOfWindowReason: reason,
  };
  for (const s of SCORE_COLUMNS) input[s.field] = cells.get(scoreColumn(s.prefix, suffix));
  const checked = checkAssessment(input, { procedureDate, today });
  if (!checked.ok) {
    reportProblems(
      checked.problems,
      (field) => (field === "outOfWindowReason" ? outOfWindowReasonColumn(suffix) : assessmentFieldColumn(field, suffix)),
      report,
    );
    return null;
  }
  const { procedureId: _omit, ...assessment } = checked.data;
  void _omit;
  return { ...assessment, suffix };
}

const ROW_FIELD_COLUMNS: Record<string, string> = { ...PATIENT_FIELD_COLUMNS, ...PROCEDURE_FIELD_COLUMNS };
const PATIENT_COLUMNS_READ = { ...PATIENT_FIELD_COLUMNS, ...PATIENT_CONTACT_COLUMNS };

function parseProcedureRow(cells: Cells, row: number, todayAt: (siteCode: string) => string, report: Report, problemCount: () => number): ProcedureRow | null {
  const before = problemCount();
  const refs = {
    procedureRef: cells.get("procedure_ref"),
    patientRef: cells.get("patient_ref"),
    physicianEmail: cells.get("physician_ref").toLowerCase(),
    siteCode: cells.get("site").toUpperCase(),
  };
  if (!refs.procedureRef) report("procedure_ref", "Enter the procedure's reference (its external id): re-importing the file matches on it");
  if (!refs.patientRef) report("patient_ref", "Enter the patient's reference (their external id)");
  if (!refs.physicianEmail) report("physician_ref", "Enter the email of the physician who performed the procedure");
  if (!refs.siteCode) report("site", "Enter the site code");
  if (refs.procedureRef.length > 100) report("procedure_ref", "A reference is at most 100 characters");
  if (refs.patientRef.length > 100) report("patient_ref", "A reference is at most 100 characters");

  const risks = Object.fromEntries(RISK_FACTORS.map((r) => [r, flag(cells, RISK_FACTOR_COLUMNS[r], report)]));
  // The same rules as the forms (lib/validation/recordRules.ts), on the site's today. siteId and patientId are
  // resolved against the database afterwards (lib/dal/csv/importResolve.ts).
  const today = todayAt(refs.siteCode);
  const patient = checkPatient({ siteId: 1, ...readFields(cells, PATIENT_COLUMNS_READ), ...risks }, { today });
  if (!patient.ok) reportProblems(patient.problems, columnIn(PATIENT_COLUMNS_READ), report);
  const acknowledged = flag(cells, PROCEDURE_FIELD_COLUMNS.priorTreatmentAcknowledged, report);
  const procedure = checkProcedure(
    { patientId: 1, siteId: 1, ...readFields(cells, PROCEDURE_FIELD_COLUMNS), priorTreatmentAcknowledged: acknowledged },
    { dateOfBirth: patient.ok ? patient.data.dateOfBirth : null, today },
  );
  if (!procedure.ok) reportProblems(procedure.problems, columnIn(ROW_FIELD_COLUMNS), report);

  // Assessments are checked against the procedure's date only when that date was accepted, as in the form.
  const procedureDate = procedure.ok ? procedure.data.procedureDate : null;
  const assessments = CSV_TIMEPOINTS.map((tp) => parseAssessment(cells, tp, procedureDate, today, report)).filter((a): a is ParsedAssessment => a !== null);
  if (problemCount() > before || !patient.ok || !procedure.ok) return null;
  const { siteId: _s, ...patientData } = patient.data;
  const { patientId: _p, siteId: _s2, ...procedureData } = procedure.data;
  void [_s, _p, _s2];
  return { row, ...refs, patient: patientData, procedure: procedureData, assessments };
}

export function validateProcedureRows(table: CsvTable, todayAt: (siteCode: string) => string, problems: ImportProblem[]): ProcedureRow[] {
  const file = PROCEDURES_FILE;
  if (!checkHeader(file, table.header, new Set(PROCEDURE_COLUMNS.map((c) => c.name)), REQUIRED_PROCEDURE_COLUMNS, problems)) return [];
  const out: ProcedureRow[] = [];
  table.rows.forEach((values, index) => {
    const row = rowNumber(index);
    const report: Report = (column, message) => problems.push({ file, row, column, message });
    if (!hasHeaderWidth(values, table.header, report)) return;
    const parsed = parseProcedureRow(cellsOf(table.header, values), row, todayAt, report, () => problems.length);
    if (parsed) out.push(parsed);
  });
  checkWithinFile(out, problems);
  return out;
}

const PATIENT_FIELDS = Object.keys(PATIENT_FIELD_COLUMNS) as (keyof ParsedPatient & keyof typeof PATIENT_FIELD_COLUMNS)[];

/** The same reference twice, or one patient described two ways: the file contradicts itself. */
function checkWithinFile(rows: ProcedureRow[], problems: ImportProblem[]) {
  const file = PROCEDURES_FILE;
  const procedureRows = new Map<string, number>();
  const patients = new Map<string, ProcedureRow>();
  const byMrn = new Map<string, ProcedureRow>();
  for (const r of rows) {
    const earlier = procedureRows.get(r.procedureRef);
    if (earlier !== undefined)
      problems.push({ file, row: r.row, column: "procedure_ref", message: `Duplicate procedure_ref: row ${earlier} has the same reference` });
    else procedureRows.set(r.procedureRef, r.row);

    const first = patients.get(r.patientRef);
    if (first) {
      for (const f of PATIENT_FIELDS) {
        if (first.patient[f] !== r.patient[f])
          problems.push({
            file,
            row: r.row,
            column: PATIENT_FIELD_COLUMNS[f],
            message: `Patient ${r.patientRef} is described differently on row ${first.row}`,
          });
      }
    } else patients.set(r.patientRef, r);

    const mrnKey = `${r.siteCode}\u0000${r.patient.mrn}`;
    const sameMrn = byMrn.get(mrnKey);
    if (sameMrn && sameMrn.patientRef !== r.patientRef) {
      problems.push({
        file,
        row: r.row,
        column: "patient_mrn",
        message: `Duplicate MRN at site ${r.siteCode}: row ${sameMrn.row} gives it to patient ${sameMrn.patientRef}`,
      });
    } else if (!sameMrn) byMrn.set(mrnKey, r);
  }
}
