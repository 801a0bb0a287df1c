/**
 * The records DAL's authorization matrix: every function × every principal × own / other / missing record.
 * A refusal must write nothing (row counts and the audit log unchanged); a "not found" must look exactly like
 * a record that does not exist.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { assessments, auditLog, complications, patients, procedures } from "@/db/schema";
import { createAssessment, getAssessment, updateAssessment } from "@/lib/dal/records/assessments";
import { getComplication, reportComplication, updateComplication } from "@/lib/dal/records/complications";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import { createPatient, getPatient, listPatients, updatePatient } from "@/lib/dal/records/patients";
import type { Principal } from "@/lib/dal/principal";
import { listProcedures } from "@/lib/dal/records/procedureList";
import { createProcedure, getProcedureDetail, updateProcedure } from "@/lib/dal/records/procedures";
import { getWorklist } from "@/lib/dal/records/worklist";
import { getFollowUpRecord, recordContactAttempt, setFollowUpStatus } from "@/lib/dal/records/followUp";
import { listSubsequentSurgeries, recordSubsequentSurgery } from "@/lib/dal/records/subsequentSurgeries";
import { procedureListQuerySchema } from "@/lib/validation/procedureList";
import { tempDatabaseForFile } from "../support/tempDb";
import {
  insertAssessment,
  insertComplication,
  insertCoordinator,
  insertPatient,
  insertProcedure,
  insertSite,
  insertUser,
  principalOf,
} from "../support/fixtures";

const { db } = await tempDatabaseForFile("records-authz");

/** coordinator: works for the owner's site; outsideCoordinator: for another site only. */
type Who = "owner" | "otherPhysician" | "qualityOfficer" | "admin" | "coordinator" | "outsideCoordinator";
const WHO: Who[] = ["owner", "otherPhysician", "qualityOfficer", "admin", "coordinator", "outsideCoordinator"];
const principals = {} as Record<Who, Principal>;
const ids = { site: 0, patient: 0, procedure: 0, assessment: 0, complication: 0 };

beforeAll(async () => {
  const site = await insertSite(db);
  ids.site = site.id;
  principals.owner = principalOf(await insertUser(db, "physician", { siteId: site.id }));
  principals.otherPhysician = principalOf(await insertUser(db, "physician", { siteId: site.id }));
  principals.qualityOfficer = principalOf(await insertUser(db, "quality_officer"));
  principals.admin = principalOf(await insertUser(db, "admin"));
  principals.coordinator = principalOf(await insertCoordinator(db, [site.id]));
  principals.outsideCoordinator = principalOf(await insertCoordinator(db, [(await insertSite(db)).id]));
  ids.patient = (await insertPatient(db, site.id, { primaryPhysicianId: principals.owner.id })).id;
  ids.procedure = (await insertProcedure(db, { patientId: ids.patient, physicianId: principals.owner.id, siteId: site.id, procedureDate: "2026-01-10" })).id;
  ids.assessment = (await insertAssessment(db, { procedureId: ids.procedure, timepoint: "baseline", assessedOn: "2026-01-05" })).id;
  ids.complication = (await insertComplication(db, { procedureId: ids.procedure, onsetDate: "2026-01-11" })).id;
});

const MISSING = 987654;
const patientInput = (mrn: string) => ({
  siteId: String(ids.site),
  mrn,
  name: "New Patient",
  dateOfBirth: "1948-05-06",
  sex: "male",
  diagnosis: "stenosis",
  diabetes: "on",
  // Read only from a coordinator (on whose behalf); a physician's records are always their own.
  physicianId: String(principals.owner.id),
});
const procedureInput = (patientId: number) => ({
  patientId,
  siteId: ids.site,
  procedureDate: "2026-02-01",
  levels: ["L4-L5"],
  side: "bilateral",
  anaesthesia: "local",
  physicianId: String(principals.owner.id),
});
const assessmentInput = (procedureId: number, timepoint = "week_6") => ({
  procedureId,
  timepoint,
  assessedOn: "2026-02-21",
  nprsBack: "3",
  nprsLeg: "2",
  odi: "22",
});
const complicationInput = (procedureId: number) => ({
  procedureId,
  type: "hematoma",
  onsetDate: "2026-02-02",
  grade: "2",
  relatedness: "procedure",
  outcome: "resolved",
});

async function snapshot() {
  const n = async (table: typeof patients | typeof procedures | typeof assessments | typeof complications | typeof auditLog) =>
    (await db.select({ n: count() }).from(table))[0].n;
  return [await n(patients), await n(procedures), await n(assessments), await n(complications), await n(auditLog)];
}

type Outcome = "ok" | "forbidden" | "notFound";
type Case = {
  name: string;
  run: (p: Principal, target: "own" | "missing") => Promise<unknown>;
  expect: Record<Who, Outcome>;
  missing: Outcome | Record<Who, Outcome>;
};

// Reads: owner, the coordinator of the owner's site and those who see everyone may read; another physician or
// another site's coordinator gets "not found".
const READ: Record<Who, Outcome> = {
  owner: "ok",
  otherPhysician: "notFound",
  qualityOfficer: "ok",
  admin: "ok",
  coordinator: "ok",
  outsideCoordinator: "notFound",
};
// Writes to an existing record: the owner and the coordinator of its site; other physicians and other sites'
// coordinators "not found"; quality officers and admins are refused.
const WRITE: Record<Who, Outcome> = {
  owner: "ok",
  otherPhysician: "notFound",
  qualityOfficer: "forbidden",
  admin: "forbidden",
  coordinator: "ok",
  outsideCoordinator: "notFound",
};
const WRITE_MISSING: Record<Who, Outcome> = {
  owner: "notFound",
  otherPhysician: "notFound",
  qualityOfficer: "forbidden",
  admin: "forbidden",
  coordinator: "notFound",
  outsideCoordinator: "notFound",
};
const pick = (target: "own" | "missing", id: number) => (target === "own" ? id : MISSING);

let mrnCounter = 0;
const cases: Case[] = [
  { name: "getPatient", run: (p, tg) => getPatient(p, pick(tg, ids.patient)), expect: READ, missing: "notFound" },
  {
    name: "updatePatient",
    run: (p, tg) => updatePatient(p, pick(tg, ids.patient), patientInput(`UPD-${++mrnCounter}`)),
    expect: WRITE,
    missing: WRITE_MISSING,
  },
  { name: "getProcedureDetail", run: (p, tg) => getProcedureDetail(p, pick(tg, ids.procedure)), expect: READ, missing: "notFound" },
  { name: "updateProcedure", run: (p, tg) => updateProcedure(p, pick(tg, ids.procedure), procedureInput(ids.patient)), expect: WRITE, missing: WRITE_MISSING },
  { name: "getAssessment", run: (p, tg) => getAssessment(p, pick(tg, ids.assessment)), expect: READ, missing: "notFound" },
  {
    name: "updateAssessment",
    run: (p, tg) => updateAssessment(p, pick(tg, ids.assessment), { ...assessmentInput(ids.procedure, "baseline"), assessedOn: "2026-01-06" }),
    expect: WRITE,
    missing: "notFound",
  },
  { name: "getComplication", run: (p, tg) => getComplication(p, pick(tg, ids.complication)), expect: READ, missing: "notFound" },
  {
    name: "updateComplication",
    run: (p, tg) => updateComplication(p, pick(tg, ids.complication), complicationInput(ids.procedure)),
    expect: WRITE,
    missing: "notFound",
  },
  {
    name: "createProcedure (for a patient)",
    run: (p, tg) => createProcedure(p, procedureInput(pick(tg, ids.patient))),
    // another physician cannot attach a procedure to a patient they cannot see: the field says so
    expect: WRITE,
    missing: WRITE_MISSING,
  },
  {
    name: "createAssessment (on a procedure)",
    run: (p, tg) => createAssessment(p, assessmentInput(pick(tg, ids.procedure), tg === "own" ? "unscheduled" : "week_6")),
    expect: WRITE,
    missing: WRITE_MISSING,
  },
  { name: "getFollowUpRecord", run: (p, tg) => getFollowUpRecord(p, pick(tg, ids.procedure)), expect: READ, missing: "notFound" },
  {
    name: "recordContactAttempt (on a procedure)",
    run: (p, tg) => recordContactAttempt(p, { procedureId: pick(tg, ids.procedure), attemptedOn: "2026-02-10", channel: "phone", outcome: "no_answer" }),
    expect: WRITE,
    missing: WRITE_MISSING,
  },
  {
    name: "setFollowUpStatus (on a procedure)",
    run: (p, tg) => setFollowUpStatus(p, { procedureId: pick(tg, ids.procedure), status: "withdrawn", statusDate: "2026-02-11" }),
    expect: WRITE,
    missing: WRITE_MISSING,
  },
  { name: "listSubsequentSurgeries", run: (p, tg) => listSubsequentSurgeries(p, pick(tg, ids.procedure)), expect: READ, missing: "notFound" },
  {
    name: "recordSubsequentSurgery (on a procedure)",
    run: (p, tg) => recordSubsequentSurgery(p, { procedureId: pick(tg, ids.procedure), surgeryDate: "2026-03-01", type: "fusion", levels: ["L4-L5"] }),
    expect: WRITE,
    missing: WRITE_MISSING,
  },
  {
    name: "reportComplication (on a procedure)",
    run: (p, tg) => reportComplication(p, complicationInput(pick(tg, ids.procedure))),
    expect: WRITE,
    missing: WRITE_MISSING,
  },
];

async function outcomeOf(promise: Promise<unknown>): Promise<Outcome | string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof ForbiddenError) return "forbidden";
    if (error instanceof NotFoundError) return "notFound";
    // a ValidationError naming the patient field is how createProcedure refuses an invisible patient
    if ((error as { fieldErrors?: Record<string, string[]> }).fieldErrors?.patientId) return "notFound";
    return `unexpected ${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe.each(cases)("$name", (c) => {
  it.each(WHO)("as %s on an existing record", async (who) => {
    const before = await snapshot();
    const outcome = await outcomeOf(c.run(principals[who], "own"));
    expect(outcome).toBe(c.expect[who]);
    if (outcome !== "ok") expect(await snapshot()).toEqual(before);
  });

  it.each(WHO)("as %s on a missing record", async (who) => {
    const before = await snapshot();
    const expected = typeof c.missing === "string" ? c.missing : c.missing[who];
    expect(await outcomeOf(c.run(principals[who], "missing"))).toBe(expected);
    expect(await snapshot()).toEqual(before);
  });
});

describe("creating patients", () => {
  it("is allowed to physicians and audited", async () => {
    const before = await snapshot();
    const created = await createPatient(principals.owner, patientInput("NEW-1"));
    expect(created).toMatchObject({ mrn: "NEW-1", diabetes: true, primaryPhysicianId: principals.owner.id });
    const after = await snapshot();
    expect(after[0]).toBe(before[0]! + 1);
    expect(after[4]).toBe(before[4]! + 1);
  });

  it.each(["qualityOfficer", "admin"] as Who[])("is refused to a %s, writing nothing", async (who) => {
    const before = await snapshot();
    await expect(createPatient(principals[who], patientInput("NEW-2"))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await snapshot()).toEqual(before);
  });
});

describe("lists are scoped in the DAL", () => {
  const q = procedureListQuerySchema.parse({});
  it("gives another physician none of the owner's procedures, patients or worklist", async () => {
    expect((await listProcedures(principals.otherPhysician, q)).total).toBe(0);
    expect((await listPatients(principals.otherPhysician, { page: 1, size: 25 })).total).toBe(0);
    expect((await getWorklist(principals.otherPhysician, {}, "2026-02-01")).rows).toHaveLength(0);
  });

  it("ignores a physician filter set by a physician to see someone else's list", async () => {
    const asOther = await listProcedures(principals.otherPhysician, { ...q, physician: principals.owner.id });
    expect(asOther.total).toBe(0);
  });

  it("gives the owner and the quality officer the owner's procedures", async () => {
    expect((await listProcedures(principals.owner, q)).total).toBeGreaterThan(0);
    const qo = await listProcedures(principals.qualityOfficer, { ...q, physician: principals.owner.id });
    expect(qo.total).toBe((await listProcedures(principals.owner, q)).total);
  });

  it("counts in the patient list only the procedures the viewer may open, and dates the last one from those", async () => {
    const shared = (await insertPatient(db, ids.site, { primaryPhysicianId: principals.owner.id, mrn: "SHARED-1" })).id;
    await insertProcedure(db, { patientId: shared, physicianId: principals.owner.id, siteId: ids.site, procedureDate: "2025-03-01" });
    await insertProcedure(db, { patientId: shared, physicianId: principals.otherPhysician.id, siteId: ids.site, procedureDate: "2025-09-15" });
    await insertProcedure(db, { patientId: shared, physicianId: principals.otherPhysician.id, siteId: ids.site, procedureDate: "2025-10-20" });
    const row = async (who: Who) => (await listPatients(principals[who], { page: 1, size: 100 })).rows.find((r) => r.id === shared);
    expect(await row("owner")).toMatchObject({ procedures: 1, lastProcedure: "2025-03-01" });
    expect(await row("otherPhysician")).toMatchObject({ procedures: 2, lastProcedure: "2025-10-20" });
    expect(await row("qualityOfficer")).toMatchObject({ procedures: 3, lastProcedure: "2025-10-20" });
  });
});
