import "server-only";
import { z } from "zod";
import { NotFoundError, ValidationError } from "./errors";

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

/**
 * A record id as the DAL accepts it: a positive whole number. Anything else (a crafted server-action argument:
 * a boolean, object, array, huge bigint…) is "not found", like an id that does not exist, instead of reaching
 * the database driver.
 */
export function recordId(id: unknown, what = "Record"): number {
  if (typeof id === "number" && Number.isSafeInteger(id) && id > 0) return id;
  throw new NotFoundError(what);
}
