import "server-only";
import type { Assessment, Complication, Patient, Procedure } from "@/db/schema";
import {
  assessedOnColumn,
  COMPLICATION_FIELD_COLUMNS,
  fieldColumnPairs,
  PATIENT_CONTACT_COLUMNS,
  PATIENT_FIELD_COLUMNS,
  PROCEDURE_FIELD_COLUMNS,
  outOfWindowReasonColumn,
  reliefOnsetColumn,
  scoreColumn,
  SCORE_COLUMNS,
} from "@/lib/csv/columns";
import type {
  ImportFileKind,
  ImportProblem,
  ParsedAdjudication,
  ParsedAssessment,
  ParsedComplication,
  ParsedPatient,
  ParsedProcedure,
} from "@/lib/csv/import/validateRows";

/**
 * What an import would write, record by record, as resolveImport (./importResolve.ts) plans it against the
 * database, and how a file's record is compared with the stored one it matches.
 */

export type Action = "create" | "link" | "unchanged";

export type PatientPlan = {
  ref: string;
  row: number;
  action: Action;
  id: number | null;
  siteId: number;
  primaryPhysicianId: number;
  data: ParsedPatient;
  before: Patient | null;
};
export type ProcedurePlan = {
  ref: string;
  row: number;
  action: Action;
  id: number | null;
  patientRef: string;
  physicianId: number;
  siteId: number;
  data: ParsedProcedure;
  before: Procedure | null;
};
export type AssessmentPlan = { procedureRef: string; row: number; data: ParsedAssessment };
export type ResolvedAdjudication = Omit<ParsedAdjudication, "adjudicatedBy"> & { adjudicatedBy: number | null };
export type ComplicationPlan = {
  ref: string;
  row: number;
  action: Action;
  id: number | null;
  procedureRef: string;
  /** set when the procedure is already stored */
  procedureId: number | null;
  reportedBy: number;
  data: ParsedComplication;
  adjudication: ResolvedAdjudication | null;
  before: Complication | null;
};

export type ImportPlan = {
  patients: PatientPlan[];
  procedures: ProcedurePlan[];
  assessments: AssessmentPlan[];
  /** stored assessments the file repeats exactly */
  assessmentsUnchanged: number;
  complications: ComplicationPlan[];
};

const CHUNK = 500;
export async function inChunks<T, R>(values: T[], load: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await load(values.slice(i, i + CHUNK))));
  return out;
}
export const unique = <T>(xs: T[]) => [...new Set(xs)];
/**
 * A physician's file naming a reference stored for a record they cannot see: the database would refuse the row
 * (references are unique), so the import says so, and nothing else: not whose record it is, nor what it holds.
 */
export const referenceInUse = (column: string) => `This ${column} is already in use: choose another reference`;
const shown = (v: unknown) => (v === null || v === undefined || v === "" ? "empty" : typeof v === "boolean" ? (v ? "1" : "0") : `"${String(v)}"`);

/** Each field where the file contradicts the stored record becomes a problem under its column; true when there were any. */
export function reportDifferences(problems: ImportProblem[], file: ImportFileKind, row: number, record: string, differences: [string, unknown][]): boolean {
  for (const [column, value] of differences)
    problems.push({ file, row, column, message: `Differs from the stored ${record} (stored: ${shown(value)}); correct it in the app or make the file match` });
  return differences.length > 0;
}

// ---------- comparisons: [column, stored value] for each field that differs ----------

export function patientDifferences(stored: Patient, file: ParsedPatient): [string, unknown][] {
  const contact = (["email", "mobile"] as const)
    .filter((f) => file[f] !== null && stored[f] !== file[f])
    .map((f): [string, unknown] => [PATIENT_CONTACT_COLUMNS[f], stored[f]]);
  return [
    ...fieldColumnPairs(PATIENT_FIELD_COLUMNS)
      .filter(([f]) => stored[f] !== file[f])
      .map(([f, column]): [string, unknown] => [column, stored[f]]),
    ...contact,
  ];
}

export function procedureDifferences(stored: Procedure, file: ParsedProcedure, physicianId: number, siteId: number): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (stored.physicianId !== physicianId) out.push(["physician_ref", `physician ${stored.physicianId}`]);
  if (stored.siteId !== siteId) out.push(["site", `site ${stored.siteId}`]);
  for (const [f, column] of fieldColumnPairs(PROCEDURE_FIELD_COLUMNS)) if ((stored[f] ?? null) !== (file[f] ?? null)) out.push([column, stored[f]]);
  return out;
}

export function assessmentDifferences(stored: Assessment, file: ParsedAssessment): [string, unknown][] {
  const s = file.suffix;
  const out: [string, unknown][] = [];
  if (stored.assessedOn !== file.assessedOn) out.push([assessedOnColumn(s), stored.assessedOn]);
  for (const { field, prefix } of SCORE_COLUMNS) if ((stored[field] ?? null) !== (file[field] ?? null)) out.push([scoreColumn(prefix, s), stored[field]]);
  if ((stored.reliefOnsetDate ?? null) !== (file.reliefOnsetDate ?? null)) out.push([reliefOnsetColumn(s), stored.reliefOnsetDate]);
  if ((stored.outOfWindowReason ?? null) !== (file.outOfWindowReason ?? null)) out.push([outOfWindowReasonColumn(s), stored.outOfWindowReason]);
  return out;
}

export function complicationDifferences(stored: Complication, file: ParsedComplication, adjudication: ResolvedAdjudication | null): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [f, column] of fieldColumnPairs(COMPLICATION_FIELD_COLUMNS)) if ((stored[f] ?? null) !== (file[f] ?? null)) out.push([column, stored[f]]);
  if (adjudication) {
    const adjudicated: [unknown, unknown, string][] = [
      [stored.adjudicationStatus, adjudication.status, "adjudication_status"],
      [stored.finalGrade, adjudication.finalGrade, "final_grade"],
      [stored.finalRelatedness, adjudication.finalRelatedness, "final_relatedness"],
      [stored.adjudicatedBy, adjudication.adjudicatedBy, "adjudicated_by"],
      [stored.adjudicatedAt, adjudication.adjudicatedAt, "adjudicated_at"],
      [stored.adjudicationNote, adjudication.note, "adjudication_note"],
    ];
    for (const [a, b, column] of adjudicated) if ((a ?? null) !== (b ?? null)) out.push([column, a]);
    if (adjudication.reportedAt && stored.reportedAt !== adjudication.reportedAt) out.push(["reported_at", stored.reportedAt]);
  }
  return out;
}

/** Used by the tests and the page: how many rows of each kind the plan would write or leave as they are. */
export function planCounts(plan: ImportPlan) {
  const count = (items: { action: Action }[]) => ({
    new: items.filter((i) => i.action === "create").length,
    linked: items.filter((i) => i.action === "link").length,
    unchanged: items.filter((i) => i.action === "unchanged").length,
  });
  return {
    patients: count(plan.patients),
    procedures: count(plan.procedures),
    assessments: { new: plan.assessments.length, linked: 0, unchanged: plan.assessmentsUnchanged },
    complications: count(plan.complications),
  };
}
