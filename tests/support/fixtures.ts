/** Small, hand-countable records for integration tests, inserted straight into the temp database. */
import type { AppDatabase } from "@/db/client";
import { assessments, complications, patients, procedures, sites, users, userSites } from "@/db/schema";
import type { Principal } from "@/lib/dal/principal";

let counter = 0;
const next = () => ++counter;

export async function insertSite(db: AppDatabase, code = `S${next()}`) {
  const [row] = await db
    .insert(sites)
    .values({ code, name: `Site ${code}` })
    .returning();
  return row;
}

export async function insertUser(db: AppDatabase, role: Principal["role"], overrides: Partial<typeof users.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(users)
    .values({ email: `${role}${n}@test.example`, name: `${role} ${n}`, role, passwordHash: "not-a-real-hash", ...overrides })
    .returning();
  return row;
}

/** A coordinator working for these sites (user_sites rows), as the admin screens create one. */
export async function insertCoordinator(db: AppDatabase, siteIds: number[], overrides: Partial<typeof users.$inferInsert> = {}) {
  const user = await insertUser(db, "coordinator", { siteId: siteIds[0] ?? null, ...overrides });
  if (siteIds.length) await db.insert(userSites).values(siteIds.map((siteId) => ({ userId: user.id, siteId })));
  return user;
}

export function principalOf(user: typeof users.$inferSelect): Principal {
  return { id: user.id, email: user.email, name: user.name, role: user.role, siteId: user.siteId };
}

export async function insertPatient(db: AppDatabase, siteId: number, overrides: Partial<typeof patients.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(patients)
    .values({ siteId, mrn: `MRN-${n}`, name: `Patient ${n}`, dateOfBirth: "1950-03-04", sex: "female", diagnosis: "stenosis", ...overrides })
    .returning();
  return row;
}

export async function insertProcedure(
  db: AppDatabase,
  v: { patientId: number; physicianId: number; siteId: number; procedureDate: string } & Partial<typeof procedures.$inferInsert>,
) {
  const [row] = await db
    .insert(procedures)
    .values({ levels: "L4-L5", side: "bilateral", anaesthesia: "local", ...v })
    .returning();
  return row;
}

export async function insertAssessment(
  db: AppDatabase,
  v: { procedureId: number; timepoint: (typeof assessments.$inferInsert)["timepoint"]; assessedOn: string } & Partial<typeof assessments.$inferInsert>,
) {
  const [row] = await db
    .insert(assessments)
    .values({ nprsBack: 7, nprsLeg: 6, odi: 44, ...v })
    .returning();
  return row;
}

export async function insertComplication(db: AppDatabase, v: { procedureId: number; onsetDate: string } & Partial<typeof complications.$inferInsert>) {
  const [row] = await db
    .insert(complications)
    .values({ type: "bleeding", grade: 1, relatedness: "procedure", outcome: "resolved", ...v })
    .returning();
  return row;
}

/** A procedure of a new patient of this physician (their primary physician too) at the site: what most tests need. */
export async function insertPatientProcedure(db: AppDatabase, siteId: number, physician: { id: number }, procedureDate: string) {
  const patient = await insertPatient(db, siteId, { primaryPhysicianId: physician.id });
  return insertProcedure(db, { patientId: patient.id, physicianId: physician.id, siteId, procedureDate });
}

/** A site with a physician and a coordinator who works for it, as the follow-up tests start. */
export async function insertClinic(db: AppDatabase): Promise<{ siteId: number; physician: Principal; coordinator: Principal }> {
  const siteId = (await insertSite(db)).id;
  const physician = principalOf(await insertUser(db, "physician", { siteId }));
  const coordinator = principalOf(await insertCoordinator(db, [siteId]));
  return { siteId, physician, coordinator };
}

/**
 * One of each record a physician may write, fresh for one run of a write matrix: a patient of theirs and the
 * procedure, an unscheduled assessment, a report awaiting more information (still correctable by its physician,
 * answerable, open to adjudication), a colleague at the site and another site.
 */
export async function insertWriteTargets(
  db: AppDatabase,
  doc: { id: number },
  siteId: number,
  dates: { procedureDate: string; assessedOn: string; onsetDate: string },
  patientOverrides: Partial<typeof patients.$inferInsert> = {},
) {
  const patient = await insertPatient(db, siteId, { primaryPhysicianId: doc.id, ...patientOverrides });
  const procedure = await insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId, procedureDate: dates.procedureDate });
  const assessment = await insertAssessment(db, { procedureId: procedure.id, timepoint: "unscheduled", assessedOn: dates.assessedOn });
  const complication = await insertComplication(db, {
    procedureId: procedure.id,
    onsetDate: dates.onsetDate,
    reportedBy: doc.id,
    adjudicationStatus: "needs_info",
  });
  const user = await insertUser(db, "physician", { siteId });
  const site = await insertSite(db);
  return { patient, procedure, assessment, complication, user, site };
}
