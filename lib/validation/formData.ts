/**
 * The one form contract, for record, admin and account forms alike: FormData in, a plain object out (what zod
 * and the DAL expect), and, when the DAL refuses, the state a form needs to show the refusal beside each field
 * while keeping everything the user typed.
 */
import { z } from "zod";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";

export type FormValues = Record<string, string | string[]>;

/**
 * The one state every form's server action hands back to `useActionState` (record, admin and account forms);
 * `null` before the first submission.
 */
export type FormState =
  | {
      ok: false;
      /** One message list per field name; `_form` and names without an input are shown in the summary only. */
      fieldErrors: Record<string, string[]>;
      /** A refusal that concerns the whole form (no access, record gone, already adjudicated). */
      formError?: string;
      /** The submitted values (never passwords), so the form re-renders with what was typed. */
      values: FormValues;
      /** Counts submissions: the form remounts on each, so its inputs take the returned values as defaults. */
      attempt: number;
    }
  | { ok: true; message: string; attempt: number }
  | null;

/** A refused answer: what the form shows beside its fields. */
export type FormRefused = Extract<NonNullable<FormState>, { ok: false }>;

export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;
export type FormRefusal = { formError?: string; fieldErrors?: Record<string, string[]> };

const nextAttempt = (previous: FormState) => (previous?.attempt ?? 0) + 1;

/** A save that went through and stays on the page (admin and account forms; record forms redirect instead). */
export function formSaved(previous: FormState, message: string): FormState {
  return { ok: true, message, attempt: nextAttempt(previous) };
}

export function formRefused(previous: FormState, values: FormValues, refusal: FormRefusal): FormRefused {
  return {
    ok: false,
    fieldErrors: refusal.fieldErrors ?? {},
    ...(refusal.formError ? { formError: refusal.formError } : {}),
    values,
    attempt: nextAttempt(previous),
  };
}

/** Fields whose values never travel back to the browser in a refused form's state. */
const SECRET_FIELDS = new Set(["password", "confirmPassword", "code"]);

/** What the person typed, to show again in a refused form: the submitted values without passwords or codes. */
export function typedValues(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !SECRET_FIELDS.has(name)));
}

/** React adds `$ACTION_…` fields for progressive enhancement; they are transport, not input. */
const isTransportField = (name: string) => name.startsWith("$ACTION");

/**
 * Flattens FormData: one string per field (the first, if a field repeats), except the `multi` fields, which
 * are always arrays (empty when nothing was ticked). Unticked checkboxes are absent, which the schemas read as
 * false. Files are ignored: no record form uploads any.
 */
export function formDataToObject(fd: FormData, options: { multi?: readonly string[] } = {}): FormValues {
  const multi = new Set(options.multi ?? []);
  const out: FormValues = {};
  for (const name of multi) out[name] = [];
  for (const [name, value] of fd.entries()) {
    if (typeof value !== "string" || isTransportField(name)) continue;
    if (multi.has(name)) (out[name] as string[]).push(value);
    else if (!(name in out)) out[name] = value;
  }
  return out;
}

/**
 * The one mapper from a refusal to form state: the data layer's refusals (and zod's, for schemas an action
 * checks itself) become messages beside fields or for the whole form. `refine` lets an action word its own
 * refusals first (a duplicate email, a throttled sign-in). Anything else is a fault, not a refusal, and is
 * rethrown so the error boundary shows it instead of a form that pretends nothing happened.
 */
export function formStateFromError(error: unknown, values: FormValues, previous: FormState, refine?: (error: unknown) => FormRefusal | undefined): FormRefused {
  const refusal = refine?.(error) ?? commonRefusal(error);
  if (!refusal) throw error;
  return formRefused(previous, values, refusal);
}

function commonRefusal(error: unknown): FormRefusal | undefined {
  if (error instanceof ValidationError) return { fieldErrors: error.fieldErrors };
  if (error instanceof z.ZodError) return { fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]> };
  if (error instanceof NotFoundError) return { formError: "This record no longer exists or you do not have access to it." };
  if (error instanceof ForbiddenError) return { formError: error.message };
  return undefined;
}
