/**
 * Checks every row of an import on its own, with the same zod schemas the forms and the DAL use
 * (lib/validation/records.ts), and reports every problem by file, row and column. Pure: no database. What needs
 * the database (physicians, sites, records already stored) is checked afterwards in lib/dal/importResolve.ts.
 */
import type { z } from "zod";
import { ADJUDICATION_STATUSES, RELATEDNESS_KINDS, RISK_FACTORS, type RiskFactor } from "@/db/enums";
import { optionalNumber } from "@/lib/validation/fields";
import {
  assessmentSchema,
  complicationSchema,
  patientSchema,
  procedureSchema,
  type AssessmentInput,
  type ComplicationInput,
  type PatientInput,
  type ProcedureInput,
} from "@/lib/validation/records";
import {
  ADJUDICATION_COLUMNS,
  assessedOnColumn,
  COMPLICATION_COLUMNS,
  CSV_TIMEPOINTS,
  DERIVED_COMPLICATION_COLUMNS,
  DERIVED_PROCEDURE_COLUMNS,
  PROCEDURE_COLUMNS,
  reliefOnsetColumn,
  REQUIRED_COMPLICATION_COLUMNS,
  REQUIRED_PROCEDURE_COLUMNS,
  RISK_FACTOR_COLUMNS,
  SCORE_COLUMNS,
  scoreColumn,
  type CsvTimepoint,
} from "../columns";
import { restoreNeutralised } from "../formulaSafe";
import type { CsvTable } from "./readCsv";

export const PROCEDURES_FILE = "procedures.csv";
export const COMPLICATIONS_FILE = "complications.csv";
export type ImportFileKind = typeof PROCEDURES_FILE | typeof COMPLICATIONS_FILE;

/** `row` is the spreadsheet row (the header is row 1); null for a problem with the whole file or its header. */
export type ImportProblem = { file: ImportFileKind; row: number | null; column: string | null; message: string };

export type ParsedPatient = Omit<PatientInput, "siteId">;
export type ParsedProcedure = Omit<ProcedureInput, "patientId" | "siteId">;
export type ParsedAssessment = Omit<AssessmentInput, "procedureId"> & { suffix: string };
export type ParsedComplication = Omit<ComplicationInput, "procedureId">;
export type ParsedAdjudication = {
  status: (typeof ADJUDICATION_STATUSES)[number];
  finalGrade: number | null;
  finalRelatedness: (typeof RELATEDNESS_KINDS)[number] | null;
  adjudicatedBy: string | null;
  adjudicatedAt: string | null;
  note: string | null;
  reportedAt: string | null;
};

export type ProcedureRow = {
  row: number;
  procedureRef: string;
  patientRef: string;
  physicianEmail: string;
  siteCode: string;
  patient: ParsedPatient;
  procedure: ParsedProcedure;
  assessments: ParsedAssessment[];
};

export type ComplicationRow = {
  row: number;
  complicationRef: string;
  procedureRef: string;
  complication: ParsedComplication;
  adjudication: ParsedAdjudication | null;
};

export type ValidatedFiles = {
  procedures: ProcedureRow[];
  complications: ComplicationRow[];
  problems: ImportProblem[];
  notices: string[];
};

const rowNumber = (index: number) => index + 2;

// ---------- header ----------

function checkHeader(file: ImportFileKind, header: string[], known: Set<string>, required: readonly string[], problems: ImportProblem[]): boolean {
  const names = new Set(header);
  const missing = required.filter((c) => !names.has(c));
  if (missing.length === required.length) {
    problems.push({
      file,
      row: 1,
      column: null,
      message: `The first row is not the header row: it must name the columns (${required.slice(0, 4).join(", ")}, …). Download the template.`,
    });
    return false;
  }
  const before = problems.length;
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "") problems.push({ file, row: 1, column: null, message: "A column has no name in the header row." });
    else if (seen.has(name)) problems.push({ file, row: 1, column: name, message: "This column appears twice in the header row." });
    else if (!known.has(name)) problems.push({ file, row: 1, column: name, message: "Unknown column: check its spelling against the template." });
    seen.add(name);
  }
  for (const c of missing) problems.push({ file, row: 1, column: c, message: "Required column missing from the header row." });
  return problems.length === before;
}

// ---------- cells ----------

type Cells = { get: (column: string) => string; has: (column: string) => boolean };

function cellsOf(header: string[], values: string[]): Cells {
  const index = new Map(header.map((h, i) => [h, i]));
  return {
    // Text as typed, minus surrounding blanks and the apostrophe our export puts before a formula character.
    get: (column) => {
      const i = index.get(column);
      return i === undefined ? "" : restoreNeutralised((values[i] ?? "").trim());
    },
    has: (column) => index.has(column),
  };
}

const FLAG_TRUE = new Set(["1", "true", "yes", "y"]);
const FLAG_FALSE = new Set(["0", "false", "no", "n", ""]);

/** A 1/0 column, strictly: a typo must not quietly become "no". */
function flag(cells: Cells, column: string, report: (column: string, message: string) => void): boolean {
  const v = cells.get(column).toLowerCase();
  if (FLAG_TRUE.has(v)) return true;
  if (!FLAG_FALSE.has(v)) report(column, "Write 1 (yes) or 0 (no)");
  return false;
}

/** zod's field errors, each under the CSV column it came from. */
function reportIssues(error: z.ZodError, columnOf: (field: string) => string | null, report: (column: string, message: string) => void) {
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "";
    const column = columnOf(field);
    if (column !== null) report(column, issue.message);
  }
}

// ---------- procedures.csv ----------

const PATIENT_COLUMN: Record<string, string> = {
  mrn: "patient_mrn",
  name: "patient_name",
  dateOfBirth: "date_of_birth",
  sex: "sex",
  diagnosis: "diagnosis",
  ...Object.fromEntries(RISK_FACTORS.map((r) => [r, RISK_FACTOR_COLUMNS[r]])),
};
const PROCEDURE_COLUMN: Record<string, string> = {
  procedureDate: "procedure_date",
  levels: "levels",
  side: "side",
  anaesthesia: "anaesthesia",
  deviceLot: "device_lot",
  priorTreatmentType: "prior_treatment_type",
  priorTreatmentDate: "prior_treatment_date",
  priorTreatmentAcknowledged: "prior_treatment_acknowledged",
  notes: "notes",
};
const assessmentColumn =
  (suffix: string) =>
  (field: string): string => {
    if (field === "assessedOn") return assessedOnColumn(suffix);
    if (field === "reliefOnsetDate") return reliefOnsetColumn(suffix);
    if (field === "odi" || field === "odiSections") return scoreColumn("odi", suffix);
    const score = SCORE_COLUMNS.find((s) => s.field === field);
    return scoreColumn(score ? score.prefix : "back_nrs", suffix);
  };

function parseAssessment(
  cells: Cells,
  tp: CsvTimepoint,
  procedureDate: string | null,
  today: string,
  report: (column: string, message: string) => void,
): ParsedAssessment | null {
  const { suffix, timepoint } = tp;
  const columns = [assessedOnColumn(suffix), ...SCORE_COLUMNS.map((s) => scoreColumn(s.prefix, suffix)), reliefOnsetColumn(suffix)];
  if (columns.every((c) => cells.get(c) === "")) return null;
  const input: Record<string, unknown> = {
    procedureId: 1,
    timepoint,
    odiMode: "total",
    assessedOn: cells.get(assessedOnColumn(suffix)),
    reliefOnsetDate: cells.get(reliefOnsetColumn(suffix)),
  };
  for (const s of SCORE_COLUMNS) input[s.field] = cells.get(scoreColumn(s.prefix, suffix));
  const parsed = assessmentSchema.safeParse(input);
  if (!parsed.success) {
    reportIssues(parsed.error, assessmentColumn(suffix), report);
    return null;
  }
  const a = parsed.data;
  // The rules the assessments DAL applies against the procedure (lib/dal/assessments.ts).
  const dateColumn = assessedOnColumn(suffix);
  if (a.assessedOn > today) report(dateColumn, "The assessment date cannot be in the future");
  else if (procedureDate && timepoint === "baseline" && a.assessedOn > procedureDate)
    report(dateColumn, "A baseline assessment is on or before the procedure date");
  else if (procedureDate && timepoint !== "baseline" && a.assessedOn <= procedureDate) report(dateColumn, "A follow-up assessment is after the procedure date");
  if (procedureDate && a.reliefOnsetDate && a.reliefOnsetDate < procedureDate)
    report(reliefOnsetColumn(suffix), "Relief onset is on or after the procedure date");
  const { procedureId: _omit, ...rest } = a;
  void _omit;
  return { ...rest, suffix };
}

function validateProcedureRows(table: CsvTable, today: string, problems: ImportProblem[]): ProcedureRow[] {
  const file = PROCEDURES_FILE;
  const known = new Set(PROCEDURE_COLUMNS.map((c) => c.name));
  if (!checkHeader(file, table.header, known, REQUIRED_PROCEDURE_COLUMNS, problems)) return [];
  const out: ProcedureRow[] = [];
  table.rows.forEach((values, index) => {
    const row = rowNumber(index);
    const before = problems.length;
    const report = (column: string, message: string) => problems.push({ file, row, column, message });
    if (values.length !== table.header.length) {
      report("", `This row has ${values.length} cells; the header has ${table.header.length}. Check for a missing or extra comma.`);
      return;
    }
    const cells = cellsOf(table.header, values);
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
    for (const [column, value] of [
      ["procedure_ref", refs.procedureRef],
      ["patient_ref", refs.patientRef],
    ] as const) {
      if (value.length > 100) report(column, "A reference is at most 100 characters");
    }

    const risks = Object.fromEntries(RISK_FACTORS.map((r: RiskFactor) => [r, flag(cells, RISK_FACTOR_COLUMNS[r], report)]));
    const patient = patientSchema.safeParse({
      siteId: 1, // resolved from the site code against the database
      mrn: cells.get("patient_mrn"),
      name: cells.get("patient_name"),
      dateOfBirth: cells.get("date_of_birth"),
      sex: cells.get("sex"),
      diagnosis: cells.get("diagnosis"),
      ...risks,
    });
    if (!patient.success) reportIssues(patient.error, (f) => PATIENT_COLUMN[f] ?? null, report);

    const acknowledged = flag(cells, "prior_treatment_acknowledged", report);
    const procedure = procedureSchema.safeParse({
      patientId: 1, // resolved against the database
      siteId: 1,
      procedureDate: cells.get("procedure_date"),
      levels: cells.get("levels"),
      side: cells.get("side"),
      anaesthesia: cells.get("anaesthesia"),
      deviceLot: cells.get("device_lot"),
      priorTreatmentType: cells.get("prior_treatment_type"),
      priorTreatmentDate: cells.get("prior_treatment_date"),
      priorTreatmentAcknowledged: acknowledged,
      notes: cells.get("notes"),
    });
    if (!procedure.success) reportIssues(procedure.error, (f) => PROCEDURE_COLUMN[f] ?? null, report);
    const procedureDate = procedure.success ? procedure.data.procedureDate : null;
    if (procedureDate && procedureDate > today) report("procedure_date", "The procedure date cannot be in the future");
    if (patient.success && procedureDate && patient.data.dateOfBirth >= procedureDate)
      report("date_of_birth", "The date of birth is on or after the procedure date");

    const assessments = CSV_TIMEPOINTS.map((tp) => parseAssessment(cells, tp, procedureDate, today, report)).filter((a): a is ParsedAssessment => a !== null);
    if (problems.length > before || !patient.success || !procedure.success) return;
    const { siteId: _s, ...patientData } = patient.data;
    const { patientId: _p, siteId: _s2, ...procedureData } = procedure.data;
    void _s;
    void _p;
    void _s2;
    out.push({ row, ...refs, patient: patientData, procedure: procedureData, assessments });
  });
  checkWithinFile(out, problems);
  return out;
}

const PATIENT_FIELDS = Object.keys(PATIENT_COLUMN) as (keyof ParsedPatient)[];

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
          problems.push({ file, row: r.row, column: PATIENT_COLUMN[f]!, message: `Patient ${r.patientRef} is described differently on row ${first.row}` });
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

// ---------- complications.csv ----------

const COMPLICATION_COLUMN: Record<string, string> = {
  type: "type",
  typeOther: "type_other",
  onsetDate: "onset_date",
  serious: "serious",
  grade: "grade",
  relatedness: "relatedness",
  treatment: "treatment",
  outcome: "outcome",
};

const finalGradeField = optionalNumber({ label: "Final grade", min: 1, max: 5, integer: true });
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

function parseAdjudication(cells: Cells, report: (column: string, message: string) => void): ParsedAdjudication {
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
  if (note && note.length > 2000) report("adjudication_note", "The adjudication note is limited to 2000 characters");
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

function validateComplicationRows(table: CsvTable, readAdjudication: boolean, problems: ImportProblem[], notices: string[]): ComplicationRow[] {
  const file = COMPLICATIONS_FILE;
  const known = new Set(COMPLICATION_COLUMNS.map((c) => c.name));
  if (!checkHeader(file, table.header, known, REQUIRED_COMPLICATION_COLUMNS, problems)) return [];
  const out: ComplicationRow[] = [];
  const refs = new Map<string, number>();
  let ignoredAdjudications = 0;
  table.rows.forEach((values, index) => {
    const row = rowNumber(index);
    const before = problems.length;
    const report = (column: string, message: string) => problems.push({ file, row, column, message });
    if (values.length !== table.header.length) {
      report("", `This row has ${values.length} cells; the header has ${table.header.length}. Check for a missing or extra comma.`);
      return;
    }
    const cells = cellsOf(table.header, values);
    const complicationRef = cells.get("complication_ref");
    const procedureRef = cells.get("procedure_ref");
    if (!complicationRef) report("complication_ref", "Enter the complication's reference (its external id): re-importing the file matches on it");
    if (!procedureRef) report("procedure_ref", "Enter the reference of the procedure this complication followed");
    if (complicationRef.length > 100) report("complication_ref", "A reference is at most 100 characters");
    const earlier = refs.get(complicationRef);
    if (complicationRef && earlier !== undefined) report("complication_ref", `Duplicate complication_ref: row ${earlier} has the same reference`);
    else if (complicationRef) refs.set(complicationRef, row);

    const serious = flag(cells, "serious", report);
    const parsed = complicationSchema.safeParse({
      procedureId: 1, // resolved against procedures.csv and the database
      type: cells.get("type"),
      typeOther: cells.get("type_other"),
      onsetDate: cells.get("onset_date"),
      serious,
      grade: cells.get("grade"),
      relatedness: cells.get("relatedness"),
      treatment: cells.get("treatment"),
      outcome: cells.get("outcome"),
    });
    if (!parsed.success) reportIssues(parsed.error, (f) => COMPLICATION_COLUMN[f] ?? null, report);
    let adjudication: ParsedAdjudication | null = null;
    if (readAdjudication) adjudication = parseAdjudication(cells, report);
    else if (ADJUDICATION_COLUMNS.some((c) => cells.get(c) !== "" && !(c === "adjudication_status" && cells.get(c) === "pending"))) ignoredAdjudications++;
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

/**
 * Validates whichever files were given. `readAdjudication`: an administrator's import (a registry migration)
 * keeps the adjudication recorded in the file; a physician's import never does — physicians do not adjudicate.
 */
export function validateImportFiles(
  tables: { procedures?: CsvTable; complications?: CsvTable },
  opts: { today: string; readAdjudication: boolean },
): ValidatedFiles {
  const problems: ImportProblem[] = [];
  const notices: string[] = [];
  const procedures = tables.procedures ? validateProcedureRows(tables.procedures, opts.today, problems) : [];
  const complications = tables.complications ? validateComplicationRows(tables.complications, opts.readAdjudication, problems, notices) : [];
  return { procedures, complications, problems, notices };
}

/** Columns the import accepts but derives itself, for the README and the import page. */
export const IGNORED_COLUMNS = { procedures: [...DERIVED_PROCEDURE_COLUMNS], complications: [...DERIVED_COMPLICATION_COLUMNS] };
