/**
 * The bridge between an HTML form and the record schemas: FormData in, a plain object out (what zod and the
 * DAL expect), and, when the DAL refuses, the state a form needs to show the refusal beside each field while
 * keeping everything the user typed.
 */
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";

export type FormValues = Record<string, string | string[]>;

/** What a server action hands back to `useActionState`; `null` before the first submission. */
export type FormState = {
  ok: false;
  /** One message list per field name; `_form` and names without an input are shown in the summary only. */
  fieldErrors: Record<string, string[]>;
  /** A refusal that concerns the whole form (no access, record gone, already adjudicated). */
  formError?: string;
  /** The submitted values, so the form re-renders with what was typed. */
  values: FormValues;
  /** Counts submissions: the form remounts on each, so its inputs take the returned values as defaults. */
  attempt: number;
} | null;

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
 * Turns a DAL refusal into form state; anything else is a fault, not a refusal, and is rethrown so the error
 * boundary shows it instead of a form that pretends nothing happened.
 */
export function formStateFromError(error: unknown, values: FormValues, previous: FormState): NonNullable<FormState> {
  const attempt = (previous?.attempt ?? 0) + 1;
  if (error instanceof ValidationError) return { ok: false, fieldErrors: error.fieldErrors, values, attempt };
  if (error instanceof NotFoundError) {
    return { ok: false, fieldErrors: {}, formError: "This record no longer exists or you do not have access to it.", values, attempt };
  }
  if (error instanceof ForbiddenError) return { ok: false, fieldErrors: {}, formError: error.message, values, attempt };
  throw error;
}
