/**
 * Checks every row of an import on its own, with the same zod schemas the forms and the DAL use
 * (lib/validation/records.ts), and reports every problem by file, row and column. Pure: no database. What needs
 * the database (physicians, sites, records already stored) is checked afterwards in lib/dal/csv/importResolve.ts.
 */
import type { ADJUDICATION_STATUSES, RELATEDNESS_KINDS } from "@/db/enums";
import type { AssessmentInput, ComplicationInput, PatientInput, ProcedureInput } from "@/lib/validation/records";
import { validateComplicationRows } from "./complicationRows";
import { validateProcedureRows } from "./procedureRows";
import type { CsvTable } from "./readCsv";

import type { ImportProblem } from "./importProblem";

export { COMPLICATIONS_FILE, PROCEDURES_FILE, type ImportFileKind, type ImportProblem } from "./importProblem";

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

/**
 * Validates whichever files were given. `readAdjudication`: an administrator's import (a registry migration)
 * keeps the adjudication recorded in the file; a physician's import never does — physicians do not adjudicate.
 */
export function validateImportFiles(
  tables: { procedures?: CsvTable; complications?: CsvTable },
  opts: { todayAt: (siteCode: string) => string; readAdjudication: boolean },
): ValidatedFiles {
  const problems: ImportProblem[] = [];
  const notices: string[] = [];
  const procedures = tables.procedures ? validateProcedureRows(tables.procedures, opts.todayAt, problems) : [];
  const complications = tables.complications ? validateComplicationRows(tables.complications, opts.readAdjudication, problems, notices) : [];
  return { procedures, complications, problems, notices };
}
