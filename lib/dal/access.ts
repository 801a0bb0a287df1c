import "server-only";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessments, complications, patients, procedures } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import { recordId } from "@/lib/dal/parse";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { coordinatorSiteIds, procedureScope } from "@/lib/dal/scope";

/**
 * Clinical records are written by physicians, and by coordinators on behalf of a physician of their sites:
 * quality officers audit and adjudicate but never change scores, and administrators manage accounts, not patients.
 */
export const isClinicalWriter = (principal: Principal) => principal.role === "physician" || principal.role === "coordinator";

export function requireClinicalWriter(principal: Principal): void {
  if (!isClinicalWriter(principal)) throw new ForbiddenError("Only physicians and coordinators enter or change clinical records");
}

/**
 * Patients a physician may see: those they are responsible for or have treated. A coordinator: the patients of
 * their sites, and those treated there. Quality officers and admins see all.
 */
export function patientScope(principal: Principal): SQL | undefined {
  if (canSeeAllPhysicians(principal)) return undefined;
  if (principal.role === "coordinator") {
    return or(
      sql`${patients.siteId} in ${coordinatorSiteIds(principal)}`,
      sql`exists (select 1 from ${procedures} pr where pr.patient_id = ${patients.id} and pr.site_id in ${coordinatorSiteIds(principal)})`,
    );
  }
  if (principal.role !== "physician") return eq(patients.id, -1);
  return or(
    eq(patients.primaryPhysicianId, principal.id),
    sql`exists (select 1 from ${procedures} pr where pr.patient_id = ${patients.id} and pr.physician_id = ${principal.id})`,
  );
}

/**
 * The row of `table` with this id, if `scope` lets the principal see it; otherwise "not found", exactly as if
 * it did not exist, so an id cannot be used to learn that someone else's record exists.
 */
async function loadVisible<T extends typeof procedures | typeof patients>(
  table: T,
  what: string,
  id: unknown,
  scope: SQL | undefined,
): Promise<T["$inferSelect"]> {
  // Both tables have an integer id: one query shape serves either.
  const t = table as unknown as typeof procedures;
  const [row] = await getDb()
    .select()
    .from(t)
    .where(and(eq(t.id, recordId(id, what)), scope))
    .limit(1);
  if (!row) throw new NotFoundError(what);
  return row as T["$inferSelect"];
}

export const loadVisibleProcedure = (principal: Principal, id: number) => loadVisible(procedures, "Procedure", id, procedureScope(principal));
export const loadVisiblePatient = (principal: Principal, id: number) => loadVisible(patients, "Patient", id, patientScope(principal));

/**
 * A record of a procedure (an assessment, a complication report) with this id: visibility follows the procedure,
 * so it is "not found" for anyone who may not see that procedure.
 */
async function loadVisibleOfProcedure<T extends typeof assessments | typeof complications>(principal: Principal, table: T, what: string, id: unknown) {
  // Both tables have an integer id and a procedure id: one query shape serves either.
  const t = table as unknown as typeof assessments;
  const [row] = await getDb()
    .select()
    .from(t)
    .where(eq(t.id, recordId(id, what)))
    .limit(1);
  if (!row) throw new NotFoundError(what);
  await loadVisibleProcedure(principal, row.procedureId);
  return row as T["$inferSelect"];
}

export const loadVisibleAssessment = (principal: Principal, id: number) => loadVisibleOfProcedure(principal, assessments, "Assessment", id);
export const loadVisibleComplication = (principal: Principal, id: number) => loadVisibleOfProcedure(principal, complications, "Complication", id);

/** For writes: a physician changes only procedures they performed; a coordinator those of their sites. */
export async function loadOwnProcedure(principal: Principal, id: number) {
  requireClinicalWriter(principal);
  return loadVisibleProcedure(principal, id);
}

export const actorOf = (p: Principal) => ({ id: p.id, email: p.email });
export const nowIso = () => new Date().toISOString();
