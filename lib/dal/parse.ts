import "server-only";
import { z } from "zod";
import { isRecordId } from "@/lib/validation/recordId";
import type { RecordVerdict } from "@/lib/validation/recordRules";
import { NotFoundError, ValidationError } from "@/lib/dal/errors";

/** zod at the DAL boundary: the DAL never trusts that a caller validated. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new ValidationError(fieldErrors);
}

/** A record's verdict (lib/validation/recordRules.ts) at the DAL boundary: its values, or every problem at once. */
export function acceptedOrThrow<T>(verdict: RecordVerdict<T>): T {
  if (verdict.ok) return verdict.data;
  throw new ValidationError(verdict.errors);
}

export { isRecordId };

/**
 * A record id as the DAL accepts it: a positive whole number an id column can hold. Anything else (a crafted
 * server-action argument: a boolean, object, array, huge number or bigint…) is "not found", like an id that
 * does not exist, instead of reaching the database driver (PostgreSQL fails a statement on an out-of-range id).
 */
export function recordId(id: unknown, what = "Record"): number {
  if (isRecordId(id)) return id;
  throw new NotFoundError(what);
}
