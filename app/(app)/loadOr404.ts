import "server-only";
import { notFound } from "next/navigation";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import { getPatient } from "@/lib/dal/records/patients";
import type { Principal } from "@/lib/dal/principal";
import { canEditProcedure, getProcedure } from "@/lib/dal/records/procedures";
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

/**
 * A procedure its own physician is about to change (or add to), with its patient. Anyone else gets the same
 * 404 as for a missing record.
 */
export async function loadEditableProcedure(me: Principal, procedureId: number) {
  const procedure = await orNotFound(getProcedure(me, procedureId));
  if (!canEditProcedure(me, procedure)) notFound();
  const { patient } = await orNotFound(getPatient(me, procedure.patientId));
  return { procedure, patient };
}
