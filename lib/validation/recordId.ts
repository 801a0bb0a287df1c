/**
 * The one reading of a record id, wherever it arrives: a URL segment, a search parameter, a form field, a
 * server-action argument. An id is a whole number from 1 to the largest a PostgreSQL integer column holds
 * (which refuses a larger one outright), written with digits only; anything else is not an id.
 */
import { z } from "zod";

export const MAX_RECORD_ID = 2_147_483_647;

export function isRecordId(id: unknown): id is number {
  return typeof id === "number" && Number.isInteger(id) && id > 0 && id <= MAX_RECORD_ID;
}

/** The id a value names, or null: a number that is an id, or its digits as text (surrounding blanks ignored). */
export function parseRecordId(raw: unknown): number | null {
  if (typeof raw === "number") return isRecordId(raw) ? raw : null;
  if (typeof raw !== "string") return null;
  const digits = raw.trim();
  if (!/^\d{1,10}$/.test(digits)) return null;
  const id = Number(digits);
  return isRecordId(id) ? id : null;
}

/** A zod field for a record id, refused with `message`. */
export function recordIdField(message: string) {
  return z.unknown().transform((value, ctx) => {
    const id = parseRecordId(value);
    if (id === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });
}
