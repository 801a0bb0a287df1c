import "server-only";
import { notFound } from "next/navigation";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import { parseRecordId } from "@/lib/validation/recordId";

/**
 * Record ids come from the URL. Anything but a positive whole number cannot be a record; a record that does not
 * exist, belongs to another physician, or may not be changed by this user all give the same 404 page, so a URL
 * cannot be used to learn whether someone else's record exists.
 */
export function recordIdFrom(raw: string): number {
  return parseRecordId(raw) ?? notFound();
}

export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) notFound();
    throw error;
  }
}
