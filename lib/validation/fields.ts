/**
 * Field builders shared by every record schema. They accept what forms and CSV files deliver (strings, with
 * "" meaning "not given") as well as typed values, and every refusal names the rule in words a clinician reads.
 */
import { z } from "zod";
import { isCalendarDate } from "@/lib/outcomes/dates";
import { recordIdField } from "./recordId";

/** "" and whitespace mean "not given". */
export const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

const toNumber = (v: unknown) => {
  const b = blankToNull(v);
  if (typeof b === "string") return Number(b.trim().replace(",", "."));
  return b;
};

export function isoDate(label: string) {
  return z
    .string({ error: `Enter the ${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `Enter the ${label} as YYYY-MM-DD` })
    .refine(isCalendarDate, { error: `The ${label} is not a real calendar date` })
    .refine((s) => s >= "1900-01-01", { error: `The ${label} is before 1900` });
}

export function requiredDate(label: string) {
  return z.preprocess(blankToNull, isoDate(label));
}

export function optionalDate(label: string) {
  return z.preprocess(blankToNull, isoDate(label).nullable().default(null));
}

type NumberOptions = { label: string; min: number; max: number; integer?: boolean; unit?: string };

function numberMessage({ label, min, max, integer, unit }: NumberOptions) {
  return `${label} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max}${unit ? ` ${unit}` : ""}`;
}

function numberIn(opts: NumberOptions) {
  const message = numberMessage(opts);
  const n = z.number({ error: message }).min(opts.min, { error: message }).max(opts.max, { error: message });
  return opts.integer ? n.int({ error: message }) : n;
}

export function optionalNumber(opts: NumberOptions) {
  return z.preprocess(toNumber, numberIn(opts).nullable().default(null));
}

export function requiredNumber(opts: NumberOptions) {
  return z.preprocess(toNumber, numberIn(opts));
}

export function requiredId(label: string) {
  return recordIdField(`Choose the ${label}`);
}

export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1" || v === 1 || v === "yes", z.boolean());

/**
 * NUL and other control characters are refused in text: they are never typed on purpose, SQLite's length()
 * stops at a NUL (so a database CHECK would fail instead of the form), and they hide text in listings.
 * Line breaks and tabs stay allowed for multi-line notes.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const noControlCharacters = (label: string) => ({ error: `${label} contains a control character; retype it without pasting` });

/** The same rule for one-line text checked elsewhere (names of people and sites); PostgreSQL cannot store a NUL at all. */
export const hasNoControlCharacters = (v: string) => !CONTROL_CHARACTERS.test(v);
export { noControlCharacters };

export function optionalText(label: string, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null)),
    z
      .string({ error: `${label} must be text` })
      .max(max, { error: `${label} is limited to ${max} characters` })
      .refine((v) => !CONTROL_CHARACTERS.test(v), noControlCharacters(label))
      .nullable()
      .default(null),
  );
}

export function requiredText(label: string, max: number) {
  return z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, { error: `Enter the ${label}` })
    .max(max, { error: `The ${label} is limited to ${max} characters` })
    .refine((v) => !CONTROL_CHARACTERS.test(v), noControlCharacters(`The ${label}`));
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, label: string) {
  return z.preprocess(blankToNull, z.enum(values, { error: `Choose the ${label}` }));
}

export function optionalChoice<const T extends readonly [string, ...string[]]>(values: T, label: string) {
  return z.preprocess(
    blankToNull,
    z
      .enum(values, { error: `Choose a valid ${label}` })
      .nullable()
      .default(null),
  );
}
