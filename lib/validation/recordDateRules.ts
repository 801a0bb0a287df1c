/**
 * The date rules a record must meet against its procedure and today, which no single-record schema can check.
 * One source for the forms' DAL writes (lib/dal/records/assessments.ts, lib/dal/records/complications.ts) and the CSV import
 * (lib/csv/import/validateRows.ts, lib/dal/csv/importResolve.ts). Pure: each returns every problem it finds.
 */
import type { Timepoint } from "@/db/enums";

/** One refusal, named by the record field it belongs to (the form's field name; the import maps it to a column). */
export type FieldProblem = { field: string; message: string };

type DatedAssessment = { timepoint: Timepoint; assessedOn: string; reliefOnsetDate: string | null };

/**
 * An assessment's date: not in the future; a baseline on or before the procedure, a scheduled follow-up after
 * it (an unscheduled visit may be either); relief onset not before the procedure. `procedureDate` is null when
 * the procedure's own date was refused: only the rule against today applies then.
 */
export function assessmentDateProblems(a: DatedAssessment, procedureDate: string | null, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const followUp = a.timepoint !== "baseline" && a.timepoint !== "unscheduled";
  if (a.assessedOn > today) problems.push({ field: "assessedOn", message: "The assessment date cannot be in the future" });
  else if (procedureDate && a.timepoint === "baseline" && a.assessedOn > procedureDate)
    problems.push({ field: "assessedOn", message: "A baseline assessment is on or before the procedure date" });
  else if (procedureDate && followUp && a.assessedOn <= procedureDate)
    problems.push({ field: "assessedOn", message: "A follow-up assessment is after the procedure date" });
  if (procedureDate && a.reliefOnsetDate && a.reliefOnsetDate < procedureDate)
    problems.push({ field: "reliefOnsetDate", message: "Relief onset is on or after the procedure date" });
  return problems;
}

/** A complication's onset: on or after the procedure, and not in the future. */
export function complicationDateProblems(c: { onsetDate: string }, procedureDate: string, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (c.onsetDate < procedureDate) problems.push({ field: "onsetDate", message: `The onset is on or after the procedure date (${procedureDate})` });
  if (c.onsetDate > today) problems.push({ field: "onsetDate", message: "The onset date cannot be in the future" });
  return problems;
}

/** A procedure's date: not in the future, and after the patient's birth. */
export function procedureDateProblems(procedureDate: string, dateOfBirth: string | null, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (procedureDate > today) problems.push({ field: "procedureDate", message: "The procedure date cannot be in the future" });
  if (dateOfBirth && dateOfBirth >= procedureDate) problems.push({ field: "dateOfBirth", message: "The date of birth is on or after the procedure date" });
  return problems;
}

/** Problems by field, the shape a form's state carries. */
export function problemsByField(problems: FieldProblem[]): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const p of problems) (byField[p.field] ??= []).push(p.message);
  return byField;
}
