import "server-only";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { patients, procedures } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "./errors";
import { recordId } from "./parse";
import { canSeeAllPhysicians, type Principal } from "./principal";
import { procedureScope } from "./scope";

/**
 * Clinical records are written by physicians only: quality officers audit and adjudicate but never change
 * scores, and administrators manage accounts, not patients.
 */
export function requireClinicalWriter(principal: Principal): void {
  if (principal.role !== "physician") throw new ForbiddenError("Only physicians enter or change clinical records");
}

/** Patients a physician may see: those they are responsible for or have treated. Others see all. */
export function patientScope(principal: Principal): SQL | undefined {
  if (canSeeAllPhysicians(principal)) return undefined;
  if (principal.role !== "physician") return eq(patients.id, -1);
  return or(
    eq(patients.primaryPhysicianId, principal.id),
    sql`exists (select 1 from ${procedures} pr where pr.patient_id = ${patients.id} and pr.physician_id = ${principal.id})`,
  );
}

/** The procedure if the principal may see it; otherwise "not found", exactly as if it did not exist. */
export async function loadVisibleProcedure(principal: Principal, id: number) {
  recordId(id, "Procedure");
  const [row] = await getDb()
    .select()
    .from(procedures)
    .where(and(eq(procedures.id, id), procedureScope(principal)))
    .limit(1);
  if (!row) throw new NotFoundError("Procedure");
  return row;
}

export async function loadVisiblePatient(principal: Principal, id: number) {
  recordId(id, "Patient");
  const [row] = await getDb()
    .select()
    .from(patients)
    .where(and(eq(patients.id, id), patientScope(principal)))
    .limit(1);
  if (!row) throw new NotFoundError("Patient");
  return row;
}

/** For writes: a physician changes only procedures they performed. */
export async function loadOwnProcedure(principal: Principal, id: number) {
  requireClinicalWriter(principal);
  return loadVisibleProcedure(principal, id);
}

export const actorOf = (p: Principal) => ({ id: p.id, email: p.email });
export const nowIso = () => new Date().toISOString();
