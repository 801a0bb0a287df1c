import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { assessments, patients, procedures, sites, users, type Assessment, type Patient, type Procedure } from "@/db/schema";
import { PROCEDURES_FILE, type ImportProblem, type ProcedureRow } from "@/lib/csv/import/validateRows";
import type { Principal } from "@/lib/dal/principal";
import {
  assessmentDifferences,
  inChunks,
  patientDifferences,
  procedureDifferences,
  referenceInUse,
  reportDifferences,
  unique,
  type Action,
  type ImportPlan,
  type PatientPlan,
  type ProcedurePlan,
} from "@/lib/dal/csv/importPlan";

/**
 * procedures.csv against the database, in three steps, each with a fixed number of queries whatever the number
 * of rows: who and where (physicians by email, sites by code), the patients, then the procedures with their
 * assessments. A stored record is matched by its reference, or (entered in the app without one) by its
 * natural key, and must agree with the file.
 */

const P = PROCEDURES_FILE;

export type References = { physicianByEmail: Map<string, number>; siteByCode: Map<string, number> };

/** The rows whose physician and site exist (and, for a physician's import, whose physician is them). */
export async function resolveReferences(tx: AppDatabase, principal: Principal, rows: ProcedureRow[], problems: ImportProblem[]) {
  const physicianByEmail = new Map(
    (
      await inChunks(unique(rows.map((r) => r.physicianEmail)), (chunk) =>
        tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(and(inArray(users.email, chunk), eq(users.role, "physician"))),
      )
    ).map((u) => [u.email, u.id]),
  );
  const siteRows = await tx.select({ id: sites.id, code: sites.code }).from(sites).orderBy(sites.id);
  const siteByCode = new Map(siteRows.map((s) => [s.code.toUpperCase(), s.id]));
  const siteCodes = siteRows.map((s) => s.code).join(", ");
  const report = (r: ProcedureRow, column: string, message: string) => problems.push({ file: P, row: r.row, column, message });

  const accepted = rows.filter((r) => {
    let ok = true;
    if (principal.role === "physician" && r.physicianEmail !== principal.email) {
      report(r, "physician_ref", `You can import only your own procedures: this row names ${r.physicianEmail}, you are ${principal.email}`);
      ok = false;
    } else if (!physicianByEmail.has(r.physicianEmail)) {
      report(r, "physician_ref", `Unknown physician: no physician account has the email ${r.physicianEmail}`);
      ok = false;
    }
    if (!siteByCode.has(r.siteCode)) {
      report(r, "site", `Unknown site code ${r.siteCode}; the sites are ${siteCodes}`);
      ok = false;
    }
    return ok;
  });
  return { rows: accepted, references: { physicianByEmail, siteByCode } satisfies References };
}

/** Which of these patients a physician may see: those they are responsible for or have treated (lib/dal/access.ts). */
async function patientsVisibleTo(tx: AppDatabase, principal: Principal, stored: Patient[]): Promise<Set<number>> {
  const visible = new Set(stored.filter((p) => p.primaryPhysicianId === principal.id).map((p) => p.id));
  const others = stored.filter((p) => !visible.has(p.id)).map((p) => p.id);
  const treated = await inChunks(unique(others), (chunk) =>
    tx
      .selectDistinct({ patientId: procedures.patientId })
      .from(procedures)
      .where(and(inArray(procedures.patientId, chunk), eq(procedures.physicianId, principal.id))),
  );
  for (const t of treated) visible.add(t.patientId);
  return visible;
}

export async function resolvePatients(
  tx: AppDatabase,
  principal: Principal,
  rows: ProcedureRow[],
  { physicianByEmail, siteByCode }: References,
  problems: ImportProblem[],
): Promise<Map<string, PatientPlan>> {
  const firstRowOfPatient = new Map<string, ProcedureRow>();
  for (const r of rows) if (!firstRowOfPatient.has(r.patientRef)) firstRowOfPatient.set(r.patientRef, r);
  const storedByRef = new Map(
    (await inChunks([...firstRowOfPatient.keys()], (chunk) => tx.select().from(patients).where(inArray(patients.externalId, chunk)))).map((p) => [
      p.externalId!,
      p,
    ]),
  );
  const mrnsWanted = unique([...firstRowOfPatient.values()].filter((r) => !storedByRef.has(r.patientRef)).map((r) => r.patient.mrn));
  const storedByMrn = new Map(
    (await inChunks(mrnsWanted, (chunk) => tx.select().from(patients).where(inArray(patients.mrn, chunk)))).map((p) => [`${p.siteId}\u0000${p.mrn}`, p]),
  );

  // Every stored patient the file may match, so a physician's sight of them all is read in one query.
  const candidates = [...firstRowOfPatient].flatMap(([ref, r]) => {
    const found = storedByRef.get(ref) ?? storedByMrn.get(`${siteByCode.get(r.siteCode)}\u0000${r.patient.mrn}`);
    return found ? [found] : [];
  });
  const visible = principal.role === "physician" ? await patientsVisibleTo(tx, principal, candidates) : null;
  const hidden = (p: Patient) => visible !== null && !visible.has(p.id);
  const report = (r: ProcedureRow, column: string, message: string) => problems.push({ file: P, row: r.row, column, message });

  const plans = new Map<string, PatientPlan>();
  for (const [ref, r] of firstRowOfPatient) {
    const siteId = siteByCode.get(r.siteCode)!;
    let stored = storedByRef.get(ref) ?? null;
    if (stored && hidden(stored)) {
      report(r, "patient_ref", referenceInUse("patient_ref"));
      continue;
    }
    let action: Action = stored ? "unchanged" : "create";
    if (!stored) {
      const byMrn = storedByMrn.get(`${siteId}\u0000${r.patient.mrn}`);
      // The site's MRNs are unique, so this row cannot be written; whose patient holds it is not this physician's business.
      if (byMrn && hidden(byMrn)) {
        report(r, "patient_mrn", `This MRN is already in use at site ${r.siteCode}`);
        continue;
      }
      if (byMrn && byMrn.externalId !== null) {
        report(
          r,
          "patient_mrn",
          `A patient with this MRN at site ${r.siteCode} is already stored under the reference ${byMrn.externalId}; use that patient_ref`,
        );
        continue;
      }
      if (byMrn) {
        stored = byMrn;
        action = "link";
      }
    }
    if (stored && reportDifferences(problems, P, r.row, "patient", patientDifferences(stored, r.patient))) continue;
    const primaryPhysicianId = physicianByEmail.get(r.physicianEmail)!;
    plans.set(ref, { ref, row: r.row, action, id: stored?.id ?? null, siteId, primaryPhysicianId, data: r.patient, before: stored });
  }
  return plans;
}

/** The stored procedures the file may match: by reference, and (for patients already stored) by patient and day. */
async function storedProcedures(tx: AppDatabase, rows: ProcedureRow[], patientPlans: Map<string, PatientPlan>) {
  const byRef = new Map(
    (
      await inChunks(
        rows.map((r) => r.procedureRef),
        (chunk) => tx.select().from(procedures).where(inArray(procedures.externalId, chunk)),
      )
    ).map((p) => [p.externalId!, p]),
  );
  const storedPatientIds = unique([...patientPlans.values()].flatMap((p) => (p.id === null ? [] : [p.id])));
  const byPatientDay = new Map<string, Procedure[]>();
  const sameDayRows = await inChunks(storedPatientIds, (chunk) =>
    tx.select().from(procedures).where(inArray(procedures.patientId, chunk)).orderBy(procedures.id),
  );
  for (const p of sameDayRows) {
    const key = `${p.patientId}\u0000${p.procedureDate}`;
    byPatientDay.set(key, [...(byPatientDay.get(key) ?? []), p]);
  }
  return { byRef, byPatientDay };
}

export async function resolveProcedures(
  tx: AppDatabase,
  principal: Principal,
  rows: ProcedureRow[],
  patientPlans: Map<string, PatientPlan>,
  { physicianByEmail, siteByCode }: References,
  plan: ImportPlan,
  problems: ImportProblem[],
): Promise<Map<string, ProcedurePlan>> {
  const { byRef, byPatientDay } = await storedProcedures(tx, rows, patientPlans);
  const report = (r: ProcedureRow, message: string) => problems.push({ file: P, row: r.row, column: "procedure_ref", message });
  const plans = new Map<string, ProcedurePlan>();
  for (const r of rows) {
    const patient = patientPlans.get(r.patientRef);
    if (!patient) continue; // its patient row was refused
    const physicianId = physicianByEmail.get(r.physicianEmail)!;
    const siteId = siteByCode.get(r.siteCode)!;
    let stored = byRef.get(r.procedureRef) ?? null;
    if (stored && principal.role === "physician" && stored.physicianId !== principal.id) {
      report(r, referenceInUse("procedure_ref"));
      continue;
    }
    let action: Action = stored ? "unchanged" : "create";
    if (stored && patient.id !== stored.patientId) {
      report(r, "This procedure reference is already stored for another patient");
      continue;
    }
    if (!stored && patient.id !== null) {
      // Another physician's procedure on the same day is, to this physician, no procedure at all (two may treat one patient).
      const sameDay = (byPatientDay.get(`${patient.id}\u0000${r.procedure.procedureDate}`) ?? []).filter(
        (p) => principal.role !== "physician" || p.physicianId === principal.id,
      );
      const linkable = sameDay.find((p) => p.externalId === null);
      if (sameDay.length && !linkable) {
        report(r, `This patient already has a procedure on ${r.procedure.procedureDate}, stored under the reference ${sameDay[0]!.externalId}`);
        continue;
      }
      if (linkable) {
        stored = linkable;
        action = "link";
      }
    }
    if (stored && reportDifferences(problems, P, r.row, "procedure", procedureDifferences(stored, r.procedure, physicianId, siteId))) continue;
    const data = r.procedure;
    plans.set(r.procedureRef, {
      ref: r.procedureRef,
      row: r.row,
      action,
      id: stored?.id ?? null,
      patientRef: r.patientRef,
      physicianId,
      siteId,
      data,
      before: stored,
    });
  }
  await planAssessments(tx, rows, plans, plan, problems);
  return plans;
}

/** Each planned procedure's assessments: new ones to write, or stored ones (one per timepoint) the file must repeat exactly. */
async function planAssessments(tx: AppDatabase, rows: ProcedureRow[], plans: Map<string, ProcedurePlan>, plan: ImportPlan, problems: ImportProblem[]) {
  const storedIds = [...plans.values()].flatMap((p) => (p.id === null ? [] : [p.id]));
  const stored = new Map<number, Assessment[]>();
  for (const a of await inChunks(storedIds, (chunk) => tx.select().from(assessments).where(inArray(assessments.procedureId, chunk))))
    stored.set(a.procedureId, [...(stored.get(a.procedureId) ?? []), a]);
  for (const r of rows) {
    const procedure = plans.get(r.procedureRef);
    if (!procedure || procedure.row !== r.row) continue;
    const existingOf = procedure.id === null ? [] : (stored.get(procedure.id) ?? []);
    for (const a of r.assessments) {
      const existing = existingOf.find((s) => s.timepoint === a.timepoint);
      if (!existing) plan.assessments.push({ procedureRef: r.procedureRef, row: r.row, data: a });
      else if (!reportDifferences(problems, P, r.row, "assessment", assessmentDifferences(existing, a))) plan.assessmentsUnchanged++;
    }
  }
}
