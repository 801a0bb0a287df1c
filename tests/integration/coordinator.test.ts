/**
 * The coordinator role (issue 14, item 5): a coordinator enters records at their sites on behalf of a physician
 * of those sites, the audit row naming both; sees and works those sites' follow-up; and is refused the outcomes,
 * the quality view, adjudication, administration, the audit log, import and export — in the data layer.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { count, desc, eq } from "drizzle-orm";
import { assessments, auditLog, complications, patients, procedures, userSites } from "@/db/schema";
import { createUser, listUsers, updateUser } from "@/lib/dal/admin/admin";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { listAuditEntries, verifyAuditChain } from "@/lib/dal/audit/auditLog";
import { openProcedureExport } from "@/lib/dal/csv/exportCohort";
import { dryRunImport } from "@/lib/dal/csv/importRecords";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import { listActingPhysicians } from "@/lib/dal/onBehalfOf";
import { outcomeSummaryFor } from "@/lib/dal/outcomes/api";
import { outcomeCohort } from "@/lib/dal/outcomes/cohort";
import { getHomeSummary } from "@/lib/dal/outcomes/home";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import type { Principal } from "@/lib/dal/principal";
import { adjudicateComplication, answerInformationRequest } from "@/lib/dal/records/adjudication";
import { createAssessment } from "@/lib/dal/records/assessments";
import { reportComplication } from "@/lib/dal/records/complications";
import { createPatient, updatePatient } from "@/lib/dal/records/patients";
import { listProcedures } from "@/lib/dal/records/procedureList";
import { createProcedure, getProcedureDetail, updateProcedure } from "@/lib/dal/records/procedures";
import { getWorklist } from "@/lib/dal/records/worklist";
import { DEFAULT_VIEW, parseOutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { procedureListQuerySchema } from "@/lib/validation/procedureList";
import { insertComplication, insertCoordinator, insertPatient, insertProcedure, insertSite, insertUser, principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";
import { fieldErrorsOf } from "../support/refusals";

const { db } = await tempDatabaseForFile("coordinator");

const TODAY = "2026-06-01";
let siteA = 0;
let siteB = 0;
let physicianA: Principal; // works at site A
let physicianB: Principal; // works at site B
let coordinator: Principal; // site A only
let qualityOfficer: Principal;
let admin: Principal;

beforeAll(async () => {
  siteA = (await insertSite(db)).id;
  siteB = (await insertSite(db)).id;
  physicianA = principalOf(await insertUser(db, "physician", { siteId: siteA }));
  physicianB = principalOf(await insertUser(db, "physician", { siteId: siteB }));
  coordinator = principalOf(await insertCoordinator(db, [siteA]));
  qualityOfficer = principalOf(await insertUser(db, "quality_officer"));
  admin = principalOf(await insertUser(db, "admin"));
});

let mrn = 0;
const patientInput = (siteId: number, physicianId: number | string | undefined) => ({
  siteId: String(siteId),
  mrn: `CO-${++mrn}`,
  name: "Coordinated Patient",
  dateOfBirth: "1951-02-03",
  sex: "female",
  diagnosis: "stenosis",
  physicianId: physicianId === undefined ? undefined : String(physicianId),
});
const procedureInput = (patientId: number, siteId: number, physicianId: number | undefined) => ({
  patientId,
  siteId,
  procedureDate: "2026-03-02",
  levels: ["L4-L5"],
  side: "bilateral",
  anaesthesia: "local",
  physicianId: physicianId === undefined ? undefined : String(physicianId),
});
const lastAudit = async () => (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;
const rowCounts = async () => [
  (await db.select({ n: count() }).from(patients))[0]!.n,
  (await db.select({ n: count() }).from(procedures))[0]!.n,
  (await db.select({ n: count() }).from(assessments))[0]!.n,
  (await db.select({ n: count() }).from(complications))[0]!.n,
  (await db.select({ n: count() }).from(auditLog))[0]!.n,
];
describe("a coordinator enters records on behalf of a physician of their sites", () => {
  it("creates patient → procedure → assessment → complication for physician A, each audit row naming both", async () => {
    const patient = await createPatient(coordinator, patientInput(siteA, physicianA.id));
    expect(patient.primaryPhysicianId).toBe(physicianA.id);
    expect(await lastAudit()).toMatchObject({
      userId: coordinator.id,
      onBehalfOfId: physicianA.id,
      onBehalfOfEmail: physicianA.email,
      action: "patient.create",
    });

    const procedure = await createProcedure(coordinator, procedureInput(patient.id, siteA, physicianA.id));
    expect(procedure).toMatchObject({ physicianId: physicianA.id, createdBy: coordinator.id });
    expect(await lastAudit()).toMatchObject({ userId: coordinator.id, userEmail: coordinator.email, onBehalfOfId: physicianA.id, action: "procedure.create" });

    await createAssessment(coordinator, { procedureId: procedure.id, timepoint: "week_2", assessedOn: "2026-03-16", nprsBack: "4", odi: "30" });
    expect(await lastAudit()).toMatchObject({ userId: coordinator.id, onBehalfOfId: physicianA.id, action: "assessment.create" });

    await reportComplication(coordinator, {
      procedureId: procedure.id,
      type: "hematoma",
      onsetDate: "2026-03-03",
      grade: "1",
      relatedness: "procedure",
      outcome: "resolved",
    });
    expect(await lastAudit()).toMatchObject({ userId: coordinator.id, onBehalfOfId: physicianA.id, action: "complication.report" });

    // Physician A sees the procedure as their own; the audit log shows both people; the chain still verifies.
    const mine = await listProcedures(physicianA, procedureListQuerySchema.parse({}));
    expect(mine.rows.map((r) => r.id)).toContain(procedure.id);
    const log = await listAuditEntries(qualityOfficer, { page: 1, size: 10, dir: "desc" } as Parameters<typeof listAuditEntries>[1]);
    expect(log.rows[0]).toMatchObject({ userEmail: coordinator.email, onBehalfOfEmail: physicianA.email });
    expect(await verifyAuditChain(qualityOfficer)).toMatchObject({ status: "intact" });
  });

  it("refuses a physician of another site on the form, writing nothing", async () => {
    const before = await rowCounts();
    expect(await fieldErrorsOf(createPatient(coordinator, patientInput(siteA, physicianB.id)))).toHaveProperty("physicianId");
    const patient = await insertPatient(db, siteA, { primaryPhysicianId: physicianA.id });
    const afterFixture = await rowCounts();
    expect(await fieldErrorsOf(createProcedure(coordinator, procedureInput(patient.id, siteA, physicianB.id)))).toEqual({
      physicianId: ["Choose a physician of your sites"],
    });
    expect(await rowCounts()).toEqual(afterFixture);
    expect(afterFixture[0]).toBe(before[0]! + 1);
  });

  it("refuses a missing physician, a non-physician and an unparseable id the same way", async () => {
    const patient = await insertPatient(db, siteA);
    for (const id of [undefined, qualityOfficer.id, coordinator.id, 987654]) {
      expect(await fieldErrorsOf(createProcedure(coordinator, procedureInput(patient.id, siteA, id as number | undefined)))).toHaveProperty("physicianId");
    }
    expect(await fieldErrorsOf(createProcedure(coordinator, { ...procedureInput(patient.id, siteA, physicianA.id), physicianId: "1 OR 1=1" }))).toHaveProperty(
      "physicianId",
    );
  });

  it("refuses a disabled physician of their site", async () => {
    const disabled = await insertUser(db, "physician", { siteId: siteA, disabled: true });
    expect(await fieldErrorsOf(createPatient(coordinator, patientInput(siteA, disabled.id)))).toHaveProperty("physicianId");
  });

  it("records only at their own sites: another site on the form is refused on the site field", async () => {
    expect(await fieldErrorsOf(createPatient(coordinator, patientInput(siteB, physicianA.id)))).toEqual({ siteId: ["Choose one of your sites"] });
    expect((await listSiteOptions(coordinator)).map((s) => s.id)).toEqual([siteA]);
    expect((await listActingPhysicians(coordinator)).map((p) => p.id)).toContain(physicianA.id);
    expect((await listActingPhysicians(coordinator)).map((p) => p.id)).not.toContain(physicianB.id);
    expect(await listActingPhysicians(physicianA)).toEqual([]);
  });

  it("cannot see or change another site's records: they are not found", async () => {
    const patientB = await insertPatient(db, siteB, { primaryPhysicianId: physicianB.id });
    const procedureB = await insertProcedure(db, { patientId: patientB.id, physicianId: physicianB.id, siteId: siteB, procedureDate: "2026-01-05" });
    await expect(getProcedureDetail(coordinator, procedureB.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateProcedure(coordinator, procedureB.id, procedureInput(patientB.id, siteB, physicianB.id))).rejects.toBeInstanceOf(NotFoundError);
    await expect(updatePatient(coordinator, patientB.id, patientInput(siteB, physicianB.id))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("may reassign a procedure to another physician of the site, the audit row naming the new one", async () => {
    const other = principalOf(await insertUser(db, "physician", { siteId: siteA }));
    const patient = await insertPatient(db, siteA);
    const procedure = await insertProcedure(db, { patientId: patient.id, physicianId: physicianA.id, siteId: siteA, procedureDate: "2026-02-01" });
    const after = await updateProcedure(coordinator, procedure.id, procedureInput(patient.id, siteA, other.id));
    expect(after.physicianId).toBe(other.id);
    expect(await lastAudit()).toMatchObject({ action: "procedure.update", userId: coordinator.id, onBehalfOfId: other.id });
  });

  it("a physician's own writes carry no on-behalf-of, and a physician named in their input is ignored", async () => {
    const patient = await createPatient(physicianA, patientInput(siteA, physicianB.id));
    expect(patient.primaryPhysicianId).toBe(physicianA.id);
    expect(await lastAudit()).toMatchObject({ userId: physicianA.id, onBehalfOfId: null, onBehalfOfEmail: null });
  });
});

describe("a coordinator works the follow-up of their sites", () => {
  it("sees every physician's open follow-ups at their sites and none of another site's", async () => {
    const pa = await insertPatient(db, siteA);
    const pb = await insertPatient(db, siteB);
    const atA = await insertProcedure(db, { patientId: pa.id, physicianId: physicianA.id, siteId: siteA, procedureDate: "2026-05-01" });
    const atB = await insertProcedure(db, { patientId: pb.id, physicianId: physicianB.id, siteId: siteB, procedureDate: "2026-05-01" });
    const list = await getWorklist(coordinator, {}, TODAY);
    const ids = new Set(list.rows.map((i) => i.procedureId));
    expect(ids.has(atA.id)).toBe(true);
    expect(ids.has(atB.id)).toBe(false);
  });

  it("gets a home of their sites' follow-up only: no complication figures", async () => {
    const home = await getHomeSummary(coordinator, TODAY);
    expect(home.scope).toBe("sites");
    expect(home.proceduresWithComplication).toBeNull();
    expect(home.complicationReports).toBeNull();
    expect(home.pendingReview).toBeNull();
    expect(home.physicians).toBeNull();
    const [atSites] = await db.select({ n: count() }).from(procedures).where(eq(procedures.siteId, siteA));
    expect(home.procedures).toBe(atSites!.n);
  });
});

describe("a coordinator is refused everything beyond data entry and follow-up, in the data layer", () => {
  const filters = () => {
    const parsed = parseOutcomeFilters(new URLSearchParams(""));
    if (!parsed.success) throw new Error("filters");
    return parsed.filters;
  };

  it("no outcomes: the cohort, the summary API and the quality view are not found", async () => {
    await expect(outcomeCohort(coordinator, filters(), TODAY)).rejects.toBeInstanceOf(NotFoundError);
    expect((await outcomeSummaryFor(coordinator, {}, TODAY)).status).toBe(404);
    await expect(
      qualityOverview(coordinator, filters(), { limits: DEFAULT_VIEW.limits, cusum: undefined, oddsRatio: 2, threshold: 3 } as Parameters<
        typeof qualityOverview
      >[2]),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("cannot adjudicate, administer, read the audit log, import or export", async () => {
    const patient = await insertPatient(db, siteA);
    const procedure = await insertProcedure(db, { patientId: patient.id, physicianId: physicianA.id, siteId: siteA, procedureDate: "2026-02-01" });
    const complication = await insertComplication(db, { procedureId: procedure.id, onsetDate: "2026-02-02" });
    const before = await rowCounts();
    await expect(adjudicateComplication(coordinator, complication.id, { decision: "confirmed", reason: "ok" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listUsers(coordinator)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createUser(coordinator, { email: "x@y.org", name: "X", role: "admin", password: "long enough 1" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAuditEntries(coordinator, { page: 1, size: 10 } as Parameters<typeof listAuditEntries>[1])).rejects.toBeInstanceOf(ForbiddenError);
    await expect(verifyAuditChain(coordinator)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dryRunImport(coordinator, {}, TODAY)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(openProcedureExport(coordinator, { filters: filters(), identified: false }, TODAY)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(openProcedureExport(coordinator, { filters: filters(), identified: true, reason: "audit" }, TODAY)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rowCounts()).toEqual(before);
  });

  it("answers a quality officer's question for the physician, audited on their behalf", async () => {
    const patient = await insertPatient(db, siteA);
    const procedure = await insertProcedure(db, { patientId: patient.id, physicianId: physicianA.id, siteId: siteA, procedureDate: "2026-02-01" });
    const complication = await insertComplication(db, { procedureId: procedure.id, onsetDate: "2026-02-02", adjudicationStatus: "needs_info" });
    await answerInformationRequest(coordinator, complication.id, { answer: "Discharge letter attached to the chart." });
    expect(await lastAudit()).toMatchObject({ action: "complication.answer_information_request", userId: coordinator.id, onBehalfOfId: physicianA.id });
  });
});

describe("administrators assign a coordinator's sites", () => {
  it("requires at least one site for a coordinator, and stores and changes them with an audit row", async () => {
    await expect(createUser(admin, { email: "nosite@co.example", name: "No Site", role: "coordinator", password: "long enough 1" })).rejects.toThrow(
      /at least one site/,
    );
    const created = await createUser(admin, {
      email: "two@co.example",
      name: "Two Sites",
      role: "coordinator",
      password: "long enough 1",
      siteId: "",
      coordinatorSiteIds: [String(siteA), String(siteB)],
    });
    expect(created.coordinatorSiteIds).toEqual([siteA, siteB].sort((a, b) => a - b));
    const updated = await updateUser(admin, created.id, { name: "Two Sites", role: "coordinator", siteId: "", coordinatorSiteIds: [String(siteB)] });
    expect(updated.coordinatorSiteIds).toEqual([siteB]);
    expect(await lastAudit()).toMatchObject({ action: "user.update" });
    expect(JSON.parse((await lastAudit()).after!)).toMatchObject({ coordinatorSiteIds: [siteB] });
    // A physician's account keeps no coordinator sites, whatever the form sent.
    const physician = await createUser(admin, {
      email: "doc@co.example",
      name: "Doc",
      role: "physician",
      password: "long enough 1",
      siteId: String(siteA),
      coordinatorSiteIds: [String(siteB)],
    });
    expect(physician.coordinatorSiteIds).toEqual([]);
    expect(await db.select().from(userSites).where(eq(userSites.userId, physician.id))).toEqual([]);
  });
});
