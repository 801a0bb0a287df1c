import "server-only";
import { and, asc, count, desc, eq, getTableColumns, like, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessments, complications, patients, procedures, sites, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { patientSchema } from "@/lib/validation/records";
import { actorOf, loadVisiblePatient, nowIso, patientScope, requireClinicalWriter } from "./access";
import { ValidationError } from "./errors";
import { recordHistory } from "./history";
import { parseInput } from "./parse";
import type { Principal } from "./principal";
import { procedureScope } from "./scope";

function assertSiteExists(siteId: number) {
  if (!getDb().select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).get()) {
    throw new ValidationError({ siteId: ["Choose one of the clinic's sites"] });
  }
}

function duplicateMrn(siteId: number, mrn: string, exceptId?: number) {
  const row = getDb().select({ id: patients.id }).from(patients).where(and(eq(patients.siteId, siteId), eq(patients.mrn, mrn))).get();
  return row && row.id !== exceptId;
}

export async function createPatient(principal: Principal, input: unknown) {
  requireClinicalWriter(principal);
  const data = parseInput(patientSchema, input);
  assertSiteExists(data.siteId);
  if (duplicateMrn(data.siteId, data.mrn)) throw new ValidationError({ mrn: ["A patient with this medical record number already exists at this site"] });
  return getDb().transaction(
    (tx) => {
      const created = tx.insert(patients).values({ ...data, primaryPhysicianId: principal.id }).returning().get();
      appendAudit(tx, { actor: actorOf(principal), action: "patient.create", entity: "patient", entityId: created.id, after: created });
      return created;
    },
    { behavior: "immediate" },
  );
}

export async function updatePatient(principal: Principal, id: number, input: unknown) {
  requireClinicalWriter(principal);
  const before = loadVisiblePatient(principal, id);
  const data = parseInput(patientSchema, input);
  assertSiteExists(data.siteId);
  if (duplicateMrn(data.siteId, data.mrn, id)) throw new ValidationError({ mrn: ["A patient with this medical record number already exists at this site"] });
  return getDb().transaction(
    (tx) => {
      const after = tx.update(patients).set({ ...data, updatedAt: nowIso() }).where(eq(patients.id, id)).returning().get();
      appendAudit(tx, { actor: actorOf(principal), action: "patient.update", entity: "patient", entityId: id, before, after });
      return after;
    },
    { behavior: "immediate" },
  );
}

export async function getPatient(principal: Principal, id: number) {
  const patient = loadVisiblePatient(principal, id);
  const db = getDb();
  const site = db.select({ name: sites.name }).from(sites).where(eq(sites.id, patient.siteId)).get();
  // A physician sees the patient's procedures they performed; a quality officer or admin sees all of them.
  const procedureRows = db
    .select({
      id: procedures.id,
      procedureDate: procedures.procedureDate,
      levels: procedures.levels,
      physicianId: procedures.physicianId,
      physicianName: users.name,
      priorTreatmentFlag: procedures.priorTreatmentFlag,
      complicationCount: sql<number>`(select count(*) from ${complications} c where c.procedure_id = ${procedures.id})`,
    })
    .from(procedures)
    .innerJoin(users, eq(users.id, procedures.physicianId))
    .where(and(eq(procedures.patientId, id), procedureScope(principal)))
    .orderBy(asc(procedures.procedureDate))
    .all();
  return { patient, siteName: site?.name ?? "", procedures: procedureRows };
}

export type PatientListQuery = { q?: string; page: number; size: number };

export async function listPatients(principal: Principal, query: PatientListQuery) {
  const db = getDb();
  const text = query.q?.trim();
  const where = and(patientScope(principal), text ? or(like(patients.mrn, `%${text}%`), like(patients.name, `%${text}%`)) : undefined);
  const total = db.select({ n: count() }).from(patients).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      name: patients.name,
      dateOfBirth: patients.dateOfBirth,
      sex: patients.sex,
      diagnosis: patients.diagnosis,
      siteName: sites.name,
      procedures: sql<number>`(select count(*) from ${procedures} p where p.patient_id = ${patients.id})`,
      lastProcedure: sql<string | null>`(select max(p.procedure_date) from ${procedures} p where p.patient_id = ${patients.id})`,
    })
    .from(patients)
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .where(where)
    .orderBy(desc(patients.updatedAt), desc(patients.id))
    .limit(query.size)
    .offset((query.page - 1) * query.size)
    .all();
  return { total, rows };
}

/**
 * The patient's assessments and complications, each with its procedure's date (charts count days from it),
 * limited to the procedures the principal may see: a physician sees only what followed their own procedures.
 */
export async function getPatientFollowUp(principal: Principal, id: number) {
  loadVisiblePatient(principal, id);
  const db = getDb();
  const visible = and(eq(procedures.patientId, id), procedureScope(principal));
  const assessmentRows = db
    .select({ ...getTableColumns(assessments), procedureDate: procedures.procedureDate })
    .from(assessments)
    .innerJoin(procedures, eq(procedures.id, assessments.procedureId))
    .where(visible)
    .orderBy(asc(procedures.procedureDate), asc(assessments.assessedOn), asc(assessments.id))
    .all();
  const complicationRows = db
    .select({ ...getTableColumns(complications), procedureDate: procedures.procedureDate })
    .from(complications)
    .innerJoin(procedures, eq(procedures.id, complications.procedureId))
    .where(visible)
    .orderBy(asc(complications.onsetDate), asc(complications.id))
    .all();
  return { assessments: assessmentRows, complications: complicationRows };
}

/** The audit history of the patient record and of everything recorded on the procedures the principal may see. */
export async function getPatientHistory(principal: Principal, id: number) {
  loadVisiblePatient(principal, id);
  const db = getDb();
  const visible = and(eq(procedures.patientId, id), procedureScope(principal));
  const procedureIds = db.select({ id: procedures.id }).from(procedures).where(visible).all().map((r) => r.id);
  const assessmentIds = db
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(procedures, eq(procedures.id, assessments.procedureId))
    .where(visible)
    .all()
    .map((r) => r.id);
  const complicationIds = db
    .select({ id: complications.id })
    .from(complications)
    .innerJoin(procedures, eq(procedures.id, complications.procedureId))
    .where(visible)
    .all()
    .map((r) => r.id);
  return recordHistory(principal, { patientIds: [id], procedureIds, assessmentIds, complicationIds });
}
