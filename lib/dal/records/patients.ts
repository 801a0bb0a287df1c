import "server-only";
import { and, asc, count, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { assessments, complications, patients, procedures, sites, users } from "@/db/schema";
import type { PATIENT_SORTS } from "@/lib/validation/patientList";
import type { Clock } from "@/lib/outcomes/dates";
import { checkPatient, rawField } from "@/lib/validation/recordRules";
import { contactConsentSchema, type PatientInput } from "@/lib/validation/records";
import { CURRENT_CONSENT_VERSION, hasActiveConsent, type ContactConsentState } from "@/lib/outcomes/contactConsent";
import { loadVisiblePatient, nowIso, patientScope, requireClinicalWriter } from "@/lib/dal/access";
import { ValidationError } from "@/lib/dal/errors";
import { containsText } from "@/lib/dal/filters";
import { recordHistory } from "@/lib/dal/audit/history";
import { acceptedOrThrow, isRecordId, parseInput } from "@/lib/dal/parse";
import { siteToday } from "@/lib/dal/siteClock";
import { insertAudited, updateAudited } from "@/lib/dal/records/auditedWrite";
import type { Principal } from "@/lib/dal/principal";
import { actingFor, assertCoordinatorSite } from "@/lib/dal/onBehalfOf";
import { complicationCount } from "@/lib/dal/records/procedureList";
import { procedureScope } from "@/lib/dal/scope";

async function assertSiteExists(siteId: number) {
  const [site] = isRecordId(siteId) ? await getDb().select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).limit(1) : [];
  if (!site) throw new ValidationError({ siteId: ["Choose one of the clinic's sites"] });
}

async function duplicateMrn(siteId: number, mrn: string, exceptId?: number) {
  const [row] = await getDb()
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.siteId, siteId), eq(patients.mrn, mrn)))
    .limit(1);
  return row && row.id !== exceptId;
}

const DUPLICATE_MRN = { mrn: ["A patient with this medical record number already exists at this site"] };

/**
 * The consent box's effect: ticked while no consent is active records one (now, by the principal, under the
 * current wording); unticked while one is active records an opt-out by staff. Otherwise nothing changes, so
 * saving the form again keeps the date and wording the patient first agreed to.
 */
function consentChange(principal: Principal, stored: ContactConsentState, input: unknown, data: PatientInput) {
  const { contactConsent } = parseInput(contactConsentSchema, input);
  const active = hasActiveConsent(stored);
  if (contactConsent && !active) {
    if (data.preferredChannel === "email" && !data.email)
      throw new ValidationError({ email: ["Enter the patient's email address, or choose a printed letter, to contact them"] });
    return { contactConsentAt: nowIso(), contactConsentBy: principal.id, contactConsentVersion: CURRENT_CONSENT_VERSION };
  }
  if (!contactConsent && active) return { optedOutAt: nowIso(), optOutMethod: "staff" as const };
  return {};
}

export async function createPatient(principal: Principal, input: unknown, clock: Clock = new Date()) {
  requireClinicalWriter(principal);
  const data = acceptedOrThrow(checkPatient(input, { today: await siteToday(rawField(input, "siteId"), clock) }));
  // The checks run inside the write: holding the writers' turn, no other request can add the same MRN in between.
  return transaction(async (tx) => {
    await assertSiteExists(data.siteId);
    await assertCoordinatorSite(principal, data.siteId);
    const acting = await actingFor(principal, input);
    if (await duplicateMrn(data.siteId, data.mrn)) throw new ValidationError(DUPLICATE_MRN);
    const consent = consentChange(principal, { contactConsentAt: null, optedOutAt: null }, input, data);
    return insertAudited(tx, principal, "patient", { ...data, ...consent, primaryPhysicianId: acting.physicianId }, { onBehalfOf: acting.onBehalfOf });
  });
}

export async function updatePatient(principal: Principal, id: number, input: unknown, clock: Clock = new Date()) {
  requireClinicalWriter(principal);
  return transaction(async (tx) => {
    // Read inside the write, so the audit row's before image is exactly what this update replaced.
    const before = await loadVisiblePatient(principal, id);
    const data = acceptedOrThrow(checkPatient(input, { today: await siteToday(rawField(input, "siteId"), clock) }));
    await assertSiteExists(data.siteId);
    await assertCoordinatorSite(principal, data.siteId);
    if (await duplicateMrn(data.siteId, data.mrn, id)) throw new ValidationError(DUPLICATE_MRN);
    const consent = consentChange(principal, before, input, data);
    // A coordinator names the responsible physician (a physician of their sites); a physician's edit leaves it as it is.
    if (principal.role !== "coordinator") return updateAudited(tx, principal, "patient", before, { ...data, ...consent });
    const acting = await actingFor(principal, input);
    return updateAudited(tx, principal, "patient", before, { ...data, ...consent, primaryPhysicianId: acting.physicianId }, { onBehalfOf: acting.onBehalfOf });
  });
}

export async function getPatient(principal: Principal, id: number) {
  const patient = await loadVisiblePatient(principal, id);
  const db = getDb();
  const [site] = await db.select({ name: sites.name }).from(sites).where(eq(sites.id, patient.siteId)).limit(1);
  const [responsible] = patient.primaryPhysicianId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, patient.primaryPhysicianId)).limit(1)
    : [];
  // A physician sees the patient's procedures they performed; a quality officer or admin sees all of them.
  const procedureRows = await db
    .select({
      id: procedures.id,
      procedureDate: procedures.procedureDate,
      levels: procedures.levels,
      physicianId: procedures.physicianId,
      physicianName: users.name,
      priorTreatmentFlag: procedures.priorTreatmentFlag,
      complicationCount,
    })
    .from(procedures)
    .innerJoin(users, eq(users.id, procedures.physicianId))
    .where(and(eq(procedures.patientId, id), procedureScope(principal)))
    .orderBy(asc(procedures.procedureDate), asc(procedures.id));
  return { patient, siteName: site?.name ?? "", physicianName: responsible?.name ?? null, procedures: procedureRows };
}

type PatientSort = (typeof PATIENT_SORTS)[number];

/** The list's query; the sort defaults to the most recently updated first (what a picker wants too). */
export type PatientListQuery = { q?: string; page: number; size: number; sort?: PatientSort; dir?: "asc" | "desc" };

export async function listPatients(principal: Principal, query: PatientListQuery) {
  const db = getDb();
  const text = query.q?.trim();
  const where = and(patientScope(principal), text ? containsText([patients.mrn, patients.name], text) : undefined);
  // Only the procedures the viewer may open: a patient another physician also treated shows each of them their own.
  const ofPatient = and(eq(procedures.patientId, patients.id), procedureScope(principal));
  const [counted] = await db.select({ n: count() }).from(patients).where(where);
  const procedureCount = sql<number>`(select count(*) from ${procedures} where ${ofPatient})`.mapWith(Number);
  const lastProcedure = sql<string | null>`(select max(${procedures.procedureDate}) from ${procedures} where ${ofPatient})`;
  const sortBy = {
    updated: patients.updatedAt,
    name: patients.name,
    mrn: patients.mrn,
    dob: patients.dateOfBirth,
    site: sites.name,
    diagnosis: patients.diagnosis,
    procedures: procedureCount,
    last: lastProcedure,
  }[query.sort ?? "updated"];
  const order = (query.dir ?? "desc") === "asc" ? [asc(sortBy), asc(patients.id)] : [desc(sortBy), desc(patients.id)];
  const rows = await db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      name: patients.name,
      dateOfBirth: patients.dateOfBirth,
      sex: patients.sex,
      diagnosis: patients.diagnosis,
      siteName: sites.name,
      procedures: procedureCount,
      lastProcedure,
    })
    .from(patients)
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .where(where)
    .orderBy(...order)
    .limit(query.size)
    .offset((query.page - 1) * query.size);
  return { total: counted?.n ?? 0, rows };
}

/**
 * The patient's assessments and complications, each with its procedure's date (charts count days from it),
 * limited to the procedures the principal may see: a physician sees only what followed their own procedures.
 */
export async function getPatientFollowUp(principal: Principal, id: number) {
  await loadVisiblePatient(principal, id);
  const db = getDb();
  const visible = and(eq(procedures.patientId, id), procedureScope(principal));
  const assessmentRows = await db
    .select({ ...getTableColumns(assessments), procedureDate: procedures.procedureDate })
    .from(assessments)
    .innerJoin(procedures, eq(procedures.id, assessments.procedureId))
    .where(visible)
    .orderBy(asc(procedures.procedureDate), asc(assessments.assessedOn), asc(assessments.id));
  const complicationRows = await db
    .select({ ...getTableColumns(complications), procedureDate: procedures.procedureDate })
    .from(complications)
    .innerJoin(procedures, eq(procedures.id, complications.procedureId))
    .where(visible)
    .orderBy(asc(complications.onsetDate), asc(complications.id));
  return { assessments: assessmentRows, complications: complicationRows };
}

/** The audit history of the patient record and of everything recorded on the procedures the principal may see. */
export async function getPatientHistory(principal: Principal, id: number) {
  await loadVisiblePatient(principal, id);
  const db = getDb();
  const visible = and(eq(procedures.patientId, id), procedureScope(principal));
  const procedureIds = (await db.select({ id: procedures.id }).from(procedures).where(visible)).map((r) => r.id);
  const assessmentIds = (
    await db.select({ id: assessments.id }).from(assessments).innerJoin(procedures, eq(procedures.id, assessments.procedureId)).where(visible)
  ).map((r) => r.id);
  const complicationIds = (
    await db.select({ id: complications.id }).from(complications).innerJoin(procedures, eq(procedures.id, complications.procedureId)).where(visible)
  ).map((r) => r.id);
  return recordHistory(principal, { patientIds: [id], procedureIds, assessmentIds, complicationIds });
}
