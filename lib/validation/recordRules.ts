/**
 * The one set of record rules: each record's schema (records.ts) and its date rules against its context
 * (recordDateRules.ts: the procedure, the patient's birth, the site's today), checked together so one save
 * reports every problem at once. The DAL's writes (behind the forms' server actions) and the CSV import both
 * call these, so a form and the import's dry run cannot disagree about the same values.
 */
import type { z } from "zod";
import { TIMEPOINTS, type Timepoint } from "@/db/enums";
import { isCalendarDate } from "@/lib/outcomes/dates";
import {
  assessmentDateProblems,
  complicationDateProblems,
  isOutsideWindow,
  patientDateProblems,
  problemsByField,
  procedureDateProblems,
  type FieldProblem,
} from "./recordDateRules";
import { assessmentSchema, complicationSchema, patientSchema, procedureSchema, type AssessmentInput, type ComplicationInput } from "./records";

export type RecordVerdict<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[]; errors: Record<string, string[]> };

/** A field of the raw input (forms and files deliver objects of strings). */
export function rawField(input: unknown, key: string): unknown {
  return typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>)[key] : undefined;
}

/** A raw value that is a real calendar date, else null: the date rules run on what the user typed, even when other fields are refused. */
const rawDate = (input: unknown, key: string): string | null => {
  const v = rawField(input, key);
  return typeof v === "string" && isCalendarDate(v.trim()) ? v.trim() : null;
};

const rawTimepoint = (input: unknown): Timepoint | null => {
  const v = rawField(input, "timepoint");
  return typeof v === "string" && (TIMEPOINTS as readonly string[]).includes(v) ? (v as Timepoint) : null;
};

const rawChecked = (v: unknown) => v === true || v === "on" || v === "true" || v === "1" || v === 1 || v === "yes";

function issueProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.length ? String(issue.path[0]) : "_form", message: issue.message }));
}

function verdict<S extends z.ZodType>(schema: S, input: unknown, dateProblems: FieldProblem[]): RecordVerdict<z.output<S>> {
  const parsed = schema.safeParse(input);
  const problems = [...(parsed.success ? [] : issueProblems(parsed.error)), ...dateProblems];
  if (parsed.success && problems.length === 0) return { ok: true, data: parsed.data };
  return { ok: false, problems, errors: problemsByField(problems) };
}

export function checkPatient(input: unknown, ctx: { today: string }) {
  const dateOfBirth = rawDate(input, "dateOfBirth");
  return verdict(patientSchema, input, dateOfBirth ? patientDateProblems(dateOfBirth, ctx.today) : []);
}

/** `dateOfBirth`: the patient's, when known (null when the patient could not be read). */
export function checkProcedure(input: unknown, ctx: { dateOfBirth: string | null; today: string }) {
  const procedureDate = rawDate(input, "procedureDate");
  return verdict(procedureSchema, input, procedureDate ? procedureDateProblems(procedureDate, ctx.dateOfBirth, ctx.today) : []);
}

/**
 * `procedureDate`: null when the procedure is not known (its id or its date refused). A date inside its window
 * is stored without the "keep it outside" mark, whatever was ticked: the mark means the date really is outside.
 */
export function checkAssessment(input: unknown, ctx: { procedureDate: string | null; today: string }): RecordVerdict<AssessmentInput> {
  const assessedOn = rawDate(input, "assessedOn");
  const dated = assessedOn && {
    timepoint: rawTimepoint(input),
    assessedOn,
    reliefOnsetDate: rawDate(input, "reliefOnsetDate"),
    outOfWindow: rawChecked(rawField(input, "outOfWindow")),
    outOfWindowReason: typeof rawField(input, "outOfWindowReason") === "string" ? (rawField(input, "outOfWindowReason") as string) : null,
  };
  const result = verdict(assessmentSchema, input, dated ? assessmentDateProblems(dated, ctx.procedureDate, ctx.today) : []);
  if (!result.ok || !ctx.procedureDate || isOutsideWindow(result.data, ctx.procedureDate)) return result;
  return { ok: true, data: { ...result.data, outOfWindow: false, outOfWindowReason: null } };
}

export function checkComplication(input: unknown, ctx: { procedureDate: string | null; today: string }): RecordVerdict<ComplicationInput> {
  const onsetDate = rawDate(input, "onsetDate");
  return verdict(complicationSchema, input, onsetDate && ctx.procedureDate ? complicationDateProblems({ onsetDate }, ctx.procedureDate, ctx.today) : []);
}
