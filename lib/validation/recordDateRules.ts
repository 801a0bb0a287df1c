/**
 * The date rules a record must meet against its procedure and today, which no single-record schema can check.
 * One source for the forms' DAL writes (lib/dal/records/assessments.ts, lib/dal/records/complications.ts) and the CSV import
 * (lib/csv/import/validateRows.ts, lib/dal/csv/importResolve.ts). Pure: each returns every problem it finds.
 */
import type { Timepoint } from "@/db/enums";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { displayDate } from "@/lib/outcomes/dates";
import { timepointWindowDates } from "@/lib/outcomes/timepoints";

/** One refusal, named by the record field it belongs to (the form's field name; the import maps it to a column). */
export type FieldProblem = { field: string; message: string };

/** `timepoint` is null when the timepoint itself was refused: the rules that need it are skipped then. */
type DatedAssessment = {
  timepoint: Timepoint | null;
  assessedOn: string;
  reliefOnsetDate: string | null;
  outOfWindow?: boolean;
  outOfWindowReason?: string | null;
};

/** "12 months is 1 Oct 2027 – 30 Jan 2028 for this procedure": the window in words, on the procedure's own dates. */
export function windowMessage(timepoint: Exclude<Timepoint, "unscheduled">, procedureDate: string): string {
  const w = timepointWindowDates(timepoint, procedureDate);
  return `${TIMEPOINT_LABELS[timepoint]} is ${displayDate(w.from)} – ${displayDate(w.to)} for this procedure`;
}

/** Whether a scheduled assessment's date lies outside its timepoint's window (an unscheduled one never does). */
export function isOutsideWindow(a: { timepoint: Timepoint; assessedOn: string }, procedureDate: string): boolean {
  if (a.timepoint === "unscheduled") return false;
  const w = timepointWindowDates(a.timepoint, procedureDate);
  return a.assessedOn < w.from || a.assessedOn > w.to;
}

/**
 * An assessment's date: not in the future; a baseline on or before the procedure, a scheduled follow-up after
 * it (an unscheduled visit may be either), and within its timepoint's window unless kept outside it on purpose
 * (`outOfWindow`, with a reason the schema requires); relief onset not before the procedure. `procedureDate` is
 * null when the procedure's own date was refused: only the rule against today applies then.
 */
export function assessmentDateProblems(a: DatedAssessment, procedureDate: string | null, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const tp = a.timepoint;
  const followUp = tp !== null && tp !== "baseline" && tp !== "unscheduled";
  if (a.assessedOn > today) problems.push({ field: "assessedOn", message: `Enter a date no later than today (${displayDate(today)})` });
  else if (procedureDate && tp === "baseline" && a.assessedOn > procedureDate)
    problems.push({ field: "assessedOn", message: `Enter a date on or before the procedure (${displayDate(procedureDate)}), or choose a follow-up timepoint` });
  else if (procedureDate && followUp && a.assessedOn <= procedureDate)
    problems.push({
      field: "assessedOn",
      message: `Enter a date after the procedure (${displayDate(procedureDate)}), or choose “Baseline” for an assessment before it`,
    });
  else if (procedureDate && tp !== null && tp !== "unscheduled" && isOutsideWindow({ timepoint: tp, assessedOn: a.assessedOn }, procedureDate)) {
    if (!a.outOfWindow)
      problems.push({
        field: "assessedOn",
        message: `${windowMessage(tp, procedureDate)}: change the date or the timepoint, or tick “outside the window, keep it” and give the reason`,
      });
    else if (!a.outOfWindowReason?.trim())
      problems.push({ field: "outOfWindowReason", message: "Give the reason for keeping this assessment outside its window" });
  }
  if (procedureDate && a.reliefOnsetDate && a.reliefOnsetDate < procedureDate)
    problems.push({ field: "reliefOnsetDate", message: `Enter a relief onset on or after the procedure date (${displayDate(procedureDate)})` });
  return problems;
}

/** A complication's onset: on or after the procedure, and not in the future. */
export function complicationDateProblems(c: { onsetDate: string }, procedureDate: string, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (c.onsetDate < procedureDate)
    problems.push({ field: "onsetDate", message: `Enter an onset on or after the procedure date (${displayDate(procedureDate)})` });
  if (c.onsetDate > today) problems.push({ field: "onsetDate", message: `Enter an onset no later than today (${displayDate(today)})` });
  return problems;
}

/**
 * A procedure's date: not in the future, and after the patient's birth. Both are named on the procedure date,
 * the field the procedure form has (the patient's birth date is the patient's, entered elsewhere).
 */
export function procedureDateProblems(procedureDate: string, dateOfBirth: string | null, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (procedureDate > today) problems.push({ field: "procedureDate", message: `Enter a procedure date no later than today (${displayDate(today)})` });
  if (dateOfBirth && dateOfBirth >= procedureDate)
    problems.push({ field: "procedureDate", message: `Enter a procedure date after the patient's date of birth (${displayDate(dateOfBirth)})` });
  return problems;
}

/** A patient's date of birth: not in the future (the patient's site's today). */
export function patientDateProblems(dateOfBirth: string, today: string): FieldProblem[] {
  return dateOfBirth > today ? [{ field: "dateOfBirth", message: `Enter a date of birth no later than today (${displayDate(today)})` }] : [];
}

/** Problems by field, the shape a form's state carries. */
export function problemsByField(problems: FieldProblem[]): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const p of problems) (byField[p.field] ??= []).push(p.message);
  return byField;
}
