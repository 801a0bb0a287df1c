import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { assessments, complications, patients, procedures, sites, users, type Assessment, type Complication, type Patient, type Procedure } from "@/db/schema";
import type { AppDatabase } from "@/db/client";
import {
  assessedOnColumn,
  COMPLICATION_FIELD_COLUMNS,
  fieldColumnPairs,
  PATIENT_FIELD_COLUMNS,
  PROCEDURE_FIELD_COLUMNS,
  reliefOnsetColumn,
  scoreColumn,
  SCORE_COLUMNS,
} from "@/lib/csv/columns";
import {
  COMPLICATIONS_FILE,
  PROCEDURES_FILE,
  type ComplicationRow,
  type ImportProblem,
  type ParsedAdjudication,
  type ParsedAssessment,
  type ParsedComplication,
  type ParsedPatient,
  type ParsedProcedure,
  type ProcedureRow,
  type ValidatedFiles,
} from "@/lib/csv/import/validateRows";
import { complicationDateProblems } from "@/lib/validation/recordDateRules";
import type { Principal } from "@/lib/dal/principal";

/**
 * The import's second pass, against the database: physicians and sites by their codes, and the records the file
 * refers to. Each record is matched by its reference (external id); one entered in the app without a
 * reference is matched by its natural key (patient: site + MRN; procedure: patient + date; complication:
 * procedure + type + onset) and takes the file's reference. A matched record must agree with the file: the
 * import adds what is new and never overwrites — corrections go through the app's audited edit forms.
 */

export type Action = "create" | "link" | "unchanged";

export type PatientPlan = {
  ref: string;
  row: number;
  action: Action;
  id: number | null;
  siteId: number;
  primaryPhysicianId: number;
  data: ParsedPatient;
  before: Patient | null;
};
export type ProcedurePlan = {
  ref: string;
  row: number;
  action: Action;
  id: number | null;
  patientRef: string;
  physicianId: number;
  siteId: number;
  data: ParsedProcedure;
  before: Procedure | null;
};
export type AssessmentPlan = { procedureRef: string; row: number; data: ParsedAssessment };
export type ResolvedAdjudication = Omit<ParsedAdjudication, "adjudicatedBy"> & { adjudicatedBy: number | null };
export type ComplicationPlan = {
  ref: string;
  row: number;
  action: Action;
  id: number | null;
  procedureRef: string;
  /** set when the procedure is already stored */
  procedureId: number | null;
  reportedBy: number;
  data: ParsedComplication;
  adjudication: ResolvedAdjudication | null;
  before: Complication | null;
};

export type ImportPlan = {
  patients: PatientPlan[];
  procedures: ProcedurePlan[];
  assessments: AssessmentPlan[];
  /** stored assessments the file repeats exactly */
  assessmentsUnchanged: number;
  complications: ComplicationPlan[];
};

const CHUNK = 500;
async function inChunks<T, R>(values: T[], load: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await load(values.slice(i, i + CHUNK))));
  return out;
}
const unique = <T>(xs: T[]) => [...new Set(xs)];
const shown = (v: unknown) => (v === null || v === undefined || v === "" ? "empty" : typeof v === "boolean" ? (v ? "1" : "0") : `"${String(v)}"`);

export async function resolveImport(
  tx: AppDatabase,
  principal: Principal,
  files: ValidatedFiles,
  today: string,
): Promise<{ plan: ImportPlan; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const plan: ImportPlan = { patients: [], procedures: [], assessments: [], assessmentsUnchanged: 0, complications: [] };
  const isPhysician = principal.role === "physician";
  const P = PROCEDURES_FILE;

  // ---- physicians and sites ----
  const emails = unique(files.procedures.map((r) => r.physicianEmail));
  const physicianByEmail = new Map(
    (
      await inChunks(emails, (chunk) =>
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

  const procedureRows: ProcedureRow[] = [];
  for (const r of files.procedures) {
    let ok = true;
    const physicianId = physicianByEmail.get(r.physicianEmail);
    if (isPhysician && r.physicianEmail !== principal.email) {
      problems.push({
        file: P,
        row: r.row,
        column: "physician_ref",
        message: `You can import only your own procedures: this row names ${r.physicianEmail}, you are ${principal.email}`,
      });
      ok = false;
    } else if (physicianId === undefined) {
      problems.push({ file: P, row: r.row, column: "physician_ref", message: `Unknown physician: no physician account has the email ${r.physicianEmail}` });
      ok = false;
    }
    if (!siteByCode.has(r.siteCode)) {
      problems.push({ file: P, row: r.row, column: "site", message: `Unknown site code ${r.siteCode}; the sites are ${siteCodes}` });
      ok = false;
    }
    if (ok) procedureRows.push(r);
  }

  // ---- patients ----
  const firstRowOfPatient = new Map<string, ProcedureRow>();
  for (const r of procedureRows) if (!firstRowOfPatient.has(r.patientRef)) firstRowOfPatient.set(r.patientRef, r);
  const patientRefs = [...firstRowOfPatient.keys()];
  const storedByRef = new Map(
    (await inChunks(patientRefs, (chunk) => tx.select().from(patients).where(inArray(patients.externalId, chunk)))).map((p) => [p.externalId!, p]),
  );
  const mrnsWanted = Array.from(firstRowOfPatient, ([, r]) => r)
    .filter((r) => !storedByRef.has(r.patientRef))
    .map((r) => r.patient.mrn);
  const storedByMrn = new Map(
    (await inChunks(unique(mrnsWanted), (chunk) => tx.select().from(patients).where(inArray(patients.mrn, chunk)))).map((p) => [
      `${p.siteId}\u0000${p.mrn}`,
      p,
    ]),
  );
  // Which stored patients a physician may see: those they are responsible for or have treated (lib/dal/access.ts).
  const visibleToPhysician = async (p: Patient) =>
    p.primaryPhysicianId === principal.id ||
    (
      await tx
        .select({ id: procedures.id })
        .from(procedures)
        .where(and(eq(procedures.patientId, p.id), eq(procedures.physicianId, principal.id)))
        .limit(1)
    ).length > 0;

  const patientPlans = new Map<string, PatientPlan>();
  for (const [ref, r] of firstRowOfPatient) {
    const siteId = siteByCode.get(r.siteCode)!;
    const physicianId = physicianByEmail.get(r.physicianEmail)!;
    let stored = storedByRef.get(ref) ?? null;
    let action: Action = "create";
    if (!stored) {
      const byMrn = storedByMrn.get(`${siteId}\u0000${r.patient.mrn}`);
      if (byMrn && byMrn.externalId !== null) {
        problems.push({
          file: P,
          row: r.row,
          column: "patient_mrn",
          message: `A patient with this MRN at site ${r.siteCode} is already stored under the reference ${byMrn.externalId}; use that patient_ref`,
        });
        continue;
      }
      if (byMrn) {
        stored = byMrn;
        action = "link";
      }
    } else action = "unchanged";
    if (stored && isPhysician && !(await visibleToPhysician(stored))) {
      problems.push({
        file: P,
        row: r.row,
        column: action === "link" ? "patient_mrn" : "patient_ref",
        message: "This patient is already stored, under another physician's care: ask them or an administrator to import it",
      });
      continue;
    }
    if (stored) {
      const differences = patientDifferences(stored, r.patient);
      for (const [column, value] of differences)
        problems.push({
          file: P,
          row: r.row,
          column,
          message: `Differs from the stored patient (stored: ${shown(value)}); correct it in the app or make the file match`,
        });
      if (differences.length) continue;
    }
    patientPlans.set(ref, { ref, row: r.row, action, id: stored?.id ?? null, siteId, primaryPhysicianId: physicianId, data: r.patient, before: stored });
  }
  plan.patients = Array.from(patientPlans, ([, p]) => p);

  // ---- procedures ----
  const procedureRefs = procedureRows.map((r) => r.procedureRef);
  const storedProcedures = new Map(
    (await inChunks(procedureRefs, (chunk) => tx.select().from(procedures).where(inArray(procedures.externalId, chunk)))).map((p) => [p.externalId!, p]),
  );
  const procedurePlans = new Map<string, ProcedurePlan>();
  for (const r of procedureRows) {
    const patient = patientPlans.get(r.patientRef);
    if (!patient) continue; // its patient row was refused above
    const physicianId = physicianByEmail.get(r.physicianEmail)!;
    const siteId = siteByCode.get(r.siteCode)!;
    let stored = storedProcedures.get(r.procedureRef) ?? null;
    let action: Action = stored ? "unchanged" : "create";
    if (stored && patient.id !== stored.patientId) {
      problems.push({ file: P, row: r.row, column: "procedure_ref", message: "This procedure reference is already stored for another patient" });
      continue;
    }
    if (!stored && patient.id !== null) {
      const sameDay = await tx
        .select()
        .from(procedures)
        .where(and(eq(procedures.patientId, patient.id), eq(procedures.procedureDate, r.procedure.procedureDate)))
        .orderBy(procedures.id);
      const linkable = sameDay.find((p) => p.externalId === null);
      if (sameDay.length && !linkable) {
        problems.push({
          file: P,
          row: r.row,
          column: "procedure_ref",
          message: `This patient already has a procedure on ${r.procedure.procedureDate}, stored under the reference ${sameDay[0]!.externalId}`,
        });
        continue;
      }
      if (linkable) {
        stored = linkable;
        action = "link";
      }
    }
    if (stored && isPhysician && stored.physicianId !== principal.id) {
      problems.push({
        file: P,
        row: r.row,
        column: "procedure_ref",
        message: "This procedure is stored as another physician's: you can import only your own procedures",
      });
      continue;
    }
    if (stored) {
      const differences = procedureDifferences(stored, r.procedure, physicianId, siteId);
      for (const [column, value] of differences)
        problems.push({
          file: P,
          row: r.row,
          column,
          message: `Differs from the stored procedure (stored: ${shown(value)}); correct it in the app or make the file match`,
        });
      if (differences.length) continue;
    }
    procedurePlans.set(r.procedureRef, {
      ref: r.procedureRef,
      row: r.row,
      action,
      id: stored?.id ?? null,
      patientRef: r.patientRef,
      physicianId,
      siteId,
      data: r.procedure,
      before: stored,
    });

    // ---- its assessments: one per scheduled timepoint ----
    const storedAssessments = stored ? await tx.select().from(assessments).where(eq(assessments.procedureId, stored.id)) : [];
    for (const a of r.assessments) {
      const existing = storedAssessments.find((s) => s.timepoint === a.timepoint);
      if (!existing) {
        plan.assessments.push({ procedureRef: r.procedureRef, row: r.row, data: a });
        continue;
      }
      const differences = assessmentDifferences(existing, a);
      for (const [column, value] of differences)
        problems.push({
          file: P,
          row: r.row,
          column,
          message: `Differs from the stored assessment (stored: ${shown(value)}); correct it in the app or make the file match`,
        });
      if (!differences.length) plan.assessmentsUnchanged++;
    }
  }
  plan.procedures = Array.from(procedurePlans, ([, p]) => p);

  // ---- complications ----
  await resolveComplications(tx, principal, files.complications, procedurePlans, plan, problems, today);
  return { plan, problems };
}

async function resolveComplications(
  tx: AppDatabase,
  principal: Principal,
  rows: ComplicationRow[],
  procedurePlans: Map<string, ProcedurePlan>,
  plan: ImportPlan,
  problems: ImportProblem[],
  today: string,
): Promise<void> {
  if (rows.length === 0) return;
  const C = COMPLICATIONS_FILE;
  const isPhysician = principal.role === "physician";
  // Procedures named only in complications.csv must already be stored.
  const missingRefs = unique(rows.map((r) => r.procedureRef).filter((ref) => !procedurePlans.has(ref)));
  const storedProcedures = new Map(
    (await inChunks(missingRefs, (chunk) => tx.select().from(procedures).where(inArray(procedures.externalId, chunk)))).map((p) => [p.externalId!, p]),
  );
  const storedByRef = new Map(
    (
      await inChunks(
        rows.map((r) => r.complicationRef),
        (chunk) => tx.select().from(complications).where(inArray(complications.externalId, chunk)),
      )
    ).map((c) => [c.externalId!, c]),
  );
  const officerEmails = unique(rows.map((r) => r.adjudication?.adjudicatedBy).filter((e): e is string => Boolean(e)));
  const officerByEmail = new Map(
    (
      await inChunks(officerEmails, (chunk) =>
        tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(and(inArray(users.email, chunk), eq(users.role, "quality_officer"))),
      )
    ).map((u) => [u.email, u.id]),
  );

  for (const r of rows) {
    const inFile = procedurePlans.get(r.procedureRef);
    const stored = inFile ? null : storedProcedures.get(r.procedureRef);
    if (!inFile && !stored) {
      problems.push({
        file: C,
        row: r.row,
        column: "procedure_ref",
        message: "Unknown procedure_ref: it is neither in procedures.csv (without problems) nor stored",
      });
      continue;
    }
    if (stored && isPhysician && stored.physicianId !== principal.id) {
      problems.push({
        file: C,
        row: r.row,
        column: "procedure_ref",
        message: "This procedure is another physician's: you can import complications of your own procedures only",
      });
      continue;
    }
    const procedureDate = inFile ? inFile.data.procedureDate : stored!.procedureDate;
    const procedureId = inFile ? inFile.id : stored!.id;
    const physicianId = inFile ? inFile.physicianId : stored!.physicianId;
    const dateProblems = complicationDateProblems(r.complication, procedureDate, today);
    for (const p of dateProblems)
      problems.push({ file: C, row: r.row, column: COMPLICATION_FIELD_COLUMNS[p.field as keyof typeof COMPLICATION_FIELD_COLUMNS], message: p.message });
    let ok = dateProblems.length === 0;
    let adjudication: ResolvedAdjudication | null = null;
    if (r.adjudication) {
      const email = r.adjudication.adjudicatedBy;
      const officer = email ? officerByEmail.get(email) : null;
      if (email && officer === undefined) {
        problems.push({ file: C, row: r.row, column: "adjudicated_by", message: `No quality officer account has the email ${email}` });
        ok = false;
      }
      adjudication = { ...r.adjudication, adjudicatedBy: officer ?? null };
    }
    if (!ok) continue;

    let existing = storedByRef.get(r.complicationRef) ?? null;
    let action: Action = existing ? "unchanged" : "create";
    if (existing && existing.procedureId !== procedureId) {
      problems.push({ file: C, row: r.row, column: "complication_ref", message: "This complication reference is already stored for another procedure" });
      continue;
    }
    if (!existing && procedureId !== null) {
      const [candidate] = await tx
        .select()
        .from(complications)
        .where(
          and(
            eq(complications.procedureId, procedureId),
            eq(complications.type, r.complication.type),
            eq(complications.onsetDate, r.complication.onsetDate),
            isNull(complications.externalId),
          ),
        )
        .orderBy(complications.id)
        .limit(1);
      if (candidate) {
        existing = candidate;
        action = "link";
      }
    }
    if (existing) {
      const differences = complicationDifferences(existing, r.complication, adjudication);
      for (const [column, value] of differences)
        problems.push({
          file: C,
          row: r.row,
          column,
          message: `Differs from the stored complication (stored: ${shown(value)}); correct it in the app or make the file match`,
        });
      if (differences.length) continue;
    }
    plan.complications.push({
      ref: r.complicationRef,
      row: r.row,
      action,
      id: existing?.id ?? null,
      procedureRef: r.procedureRef,
      procedureId,
      reportedBy: physicianId,
      data: r.complication,
      adjudication,
      before: existing,
    });
  }
}

// ---------- comparisons: [column, stored value] for each field that differs ----------

function patientDifferences(stored: Patient, file: ParsedPatient): [string, unknown][] {
  return fieldColumnPairs(PATIENT_FIELD_COLUMNS)
    .filter(([f]) => stored[f] !== file[f])
    .map(([f, column]) => [column, stored[f]]);
}

function procedureDifferences(stored: Procedure, file: ParsedProcedure, physicianId: number, siteId: number): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (stored.physicianId !== physicianId) out.push(["physician_ref", `physician ${stored.physicianId}`]);
  if (stored.siteId !== siteId) out.push(["site", `site ${stored.siteId}`]);
  for (const [f, column] of fieldColumnPairs(PROCEDURE_FIELD_COLUMNS)) if ((stored[f] ?? null) !== (file[f] ?? null)) out.push([column, stored[f]]);
  return out;
}

function assessmentDifferences(stored: Assessment, file: ParsedAssessment): [string, unknown][] {
  const s = file.suffix;
  const out: [string, unknown][] = [];
  if (stored.assessedOn !== file.assessedOn) out.push([assessedOnColumn(s), stored.assessedOn]);
  for (const { field, prefix } of SCORE_COLUMNS) if ((stored[field] ?? null) !== (file[field] ?? null)) out.push([scoreColumn(prefix, s), stored[field]]);
  if ((stored.reliefOnsetDate ?? null) !== (file.reliefOnsetDate ?? null)) out.push([reliefOnsetColumn(s), stored.reliefOnsetDate]);
  return out;
}

function complicationDifferences(stored: Complication, file: ParsedComplication, adjudication: ResolvedAdjudication | null): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [f, column] of fieldColumnPairs(COMPLICATION_FIELD_COLUMNS)) if ((stored[f] ?? null) !== (file[f] ?? null)) out.push([column, stored[f]]);
  if (adjudication) {
    const adjudicated: [unknown, unknown, string][] = [
      [stored.adjudicationStatus, adjudication.status, "adjudication_status"],
      [stored.finalGrade, adjudication.finalGrade, "final_grade"],
      [stored.finalRelatedness, adjudication.finalRelatedness, "final_relatedness"],
      [stored.adjudicatedBy, adjudication.adjudicatedBy, "adjudicated_by"],
      [stored.adjudicatedAt, adjudication.adjudicatedAt, "adjudicated_at"],
      [stored.adjudicationNote, adjudication.note, "adjudication_note"],
    ];
    for (const [a, b, column] of adjudicated) if ((a ?? null) !== (b ?? null)) out.push([column, a]);
    if (adjudication.reportedAt && stored.reportedAt !== adjudication.reportedAt) out.push(["reported_at", stored.reportedAt]);
  }
  return out;
}

/** Used by the tests and the page: how many rows of each kind the plan would write or leave as they are. */
export function planCounts(plan: ImportPlan) {
  const count = (items: { action: Action }[]) => ({
    new: items.filter((i) => i.action === "create").length,
    linked: items.filter((i) => i.action === "link").length,
    unchanged: items.filter((i) => i.action === "unchanged").length,
  });
  return {
    patients: count(plan.patients),
    procedures: count(plan.procedures),
    assessments: { new: plan.assessments.length, linked: 0, unchanged: plan.assessmentsUnchanged },
    complications: count(plan.complications),
  };
}
