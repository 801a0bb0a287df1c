import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { assessments, complications, sites, users } from "@/db/schema";
import { daysBetween, type Clock } from "@/lib/outcomes/dates";
import { followUpState, SCHEDULE } from "@/lib/outcomes/timepoints";
import { checkProcedure, rawField } from "@/lib/validation/recordRules";
import { parseRecordId } from "@/lib/validation/recordId";
import { loadOwnProcedure, loadVisiblePatient, loadVisibleProcedure, requireClinicalWriter } from "@/lib/dal/access";
import { NotFoundError, ValidationError } from "@/lib/dal/errors";
import { recordHistory } from "@/lib/dal/audit/history";
import { acceptedOrThrow, isRecordId } from "@/lib/dal/parse";
import { siteToday } from "@/lib/dal/siteClock";
import { insertAudited, updateAudited } from "@/lib/dal/records/auditedWrite";
import type { Principal } from "@/lib/dal/principal";
import { actingFor, assertCoordinatorSite } from "@/lib/dal/onBehalfOf";

async function checkReferences(principal: Principal, patientId: number, siteId: number) {
  try {
    await loadVisiblePatient(principal, patientId);
  } catch (error) {
    if (error instanceof NotFoundError) throw new ValidationError({ patientId: ["Choose one of your patients"] });
    throw error;
  }
  await assertCoordinatorSite(principal, siteId);
  const [site] = isRecordId(siteId) ? await getDb().select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).limit(1) : [];
  if (!site) throw new ValidationError({ siteId: ["Choose one of the clinic's sites"] });
}

/**
/**
 * The procedure's values against the one rule set, with its context: the patient's birth (a patient the
 * principal may not see gives none: the reference check refuses it) and the site's today.
 */
async function checkedProcedure(principal: Principal, input: unknown, clock: Clock) {
  const patientId = parseRecordId(rawField(input, "patientId"));
  const patient =
    patientId === null ? null : await loadVisiblePatient(principal, patientId).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e)));
  return acceptedOrThrow(checkProcedure(input, { dateOfBirth: patient?.dateOfBirth ?? null, today: await siteToday(rawField(input, "siteId"), clock) }));
}

/**
 * Records a procedure performed by the signed-in physician, or by the physician a coordinator names; a prior
 * treatment within 12 months is flagged.
 */
export async function createProcedure(principal: Principal, input: unknown, clock: Clock = new Date()) {
  requireClinicalWriter(principal);
  return transaction(async (tx) => {
    const data = await checkedProcedure(principal, input, clock);
    await checkReferences(principal, data.patientId, data.siteId);
    const acting = await actingFor(principal, input);
    return insertAudited(tx, principal, "procedure", { ...data, physicianId: acting.physicianId, createdBy: principal.id }, { onBehalfOf: acting.onBehalfOf });
  });
}

export async function updateProcedure(principal: Principal, id: number, input: unknown, clock: Clock = new Date()) {
  requireClinicalWriter(principal);
  return transaction(async (tx) => {
    // Read inside the write, so the audit row's before image is exactly what this update replaced.
    const before = await loadOwnProcedure(principal, id);
    const data = await checkedProcedure(principal, input, clock);
    if (data.patientId !== before.patientId) throw new ValidationError({ patientId: ["A procedure cannot be moved to another patient"] });
    await checkReferences(principal, data.patientId, data.siteId);
    // A physician's procedure stays theirs; a coordinator names the physician (who may be corrected within their sites).
    const acting = principal.role === "coordinator" ? await actingFor(principal, input) : { physicianId: before.physicianId, onBehalfOf: null };
    return updateAudited(tx, principal, "procedure", before, { ...data, physicianId: acting.physicianId }, { onBehalfOf: acting.onBehalfOf });
  });
}

/** The procedure without its children, for edit forms and for pages that only need the header. */
export async function getProcedure(principal: Principal, id: number) {
  return loadVisibleProcedure(principal, id);
}

export async function getProcedureDetail(principal: Principal, id: number, clock: Clock = new Date()) {
  const procedure = await loadVisibleProcedure(principal, id);
  const today = await siteToday(procedure.siteId, clock);
  const db = getDb();
  const patient = await loadVisiblePatient(principal, procedure.patientId);
  const [site] = await db.select({ name: sites.name }).from(sites).where(eq(sites.id, procedure.siteId)).limit(1);
  const [physician] = await db.select({ name: users.name }).from(users).where(eq(users.id, procedure.physicianId)).limit(1);
  const assessmentRows = await db.select().from(assessments).where(eq(assessments.procedureId, id)).orderBy(asc(assessments.assessedOn), asc(assessments.id));
  const complicationRows = await db
    .select()
    .from(complications)
    .where(eq(complications.procedureId, id))
    .orderBy(asc(complications.onsetDate), asc(complications.id));
  const daysSince = daysBetween(procedure.procedureDate, today);
  const done = new Set(assessmentRows.map((a) => a.timepoint));
  const schedule = SCHEDULE.map((w) => ({ ...w, state: followUpState(w.timepoint, daysSince, done.has(w.timepoint)) }));
  const history = await recordHistory(principal, {
    procedureIds: [id],
    assessmentIds: assessmentRows.map((a) => a.id),
    complicationIds: complicationRows.map((c) => c.id),
  });
  return {
    procedure,
    patient,
    siteName: site?.name ?? "",
    physicianName: physician?.name ?? "",
    assessments: assessmentRows,
    complications: complicationRows,
    schedule,
    daysSince,
    history,
  };
}

/**
 * Whether the signed-in principal may change this procedure (the UI hides what the DAL would refuse): its
 * physician, or a coordinator who can see it (visibility already means one of their sites).
 */
export function canEditProcedure(principal: Principal, procedure: { physicianId: number }): boolean {
  return (principal.role === "physician" && procedure.physicianId === principal.id) || principal.role === "coordinator";
}
