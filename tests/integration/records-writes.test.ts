import { beforeAll, describe, expect, it } from "vitest";
import { asc, count, desc, sql } from "drizzle-orm";
import { assessments, auditLog, procedures } from "@/db/schema";
import { verifyChain } from "@/lib/audit/hashChain";
import { createAssessment, updateAssessment } from "@/lib/dal/records/assessments";
import { reportComplication, updateComplication } from "@/lib/dal/records/complications";
import { ForbiddenError } from "@/lib/dal/errors";
import { createPatient } from "@/lib/dal/records/patients";
import type { Principal } from "@/lib/dal/principal";
import { createProcedure, getProcedureDetail, updateProcedure } from "@/lib/dal/records/procedures";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertSite, insertUser, principalOf } from "../support/fixtures";
import { fieldErrorsOf } from "../support/refusals";

const t = await tempDatabaseForFile("records-writes");
const db = t.db;

let doc: Principal;
let siteId = 0;
let patientId = 0;
beforeAll(async () => {
  siteId = (await insertSite(db)).id;
  doc = principalOf(await insertUser(db, "physician", { siteId }));
  patientId = (await createPatient(doc, { siteId, mrn: "W-1", name: "Ada Writer", dateOfBirth: "1950-01-01", sex: "female", diagnosis: "stenosis" })).id;
});

const lastAudit = async () => (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];
const auditCount = async () => (await db.select({ n: count() }).from(auditLog))[0].n;
const procedureCount = async () => (await db.select({ n: count() }).from(procedures))[0].n;
const assessmentCount = async () => (await db.select({ n: count() }).from(assessments))[0].n;

const procedure = (over: Record<string, unknown> = {}) => ({
  patientId,
  siteId,
  procedureDate: "2026-03-10",
  levels: ["L3-L4", "L4-L5"],
  side: "bilateral",
  anaesthesia: "local",
  ...over,
});

describe("eligibility: prior lumbar treatment within 12 months", () => {
  it("refuses to save without the acknowledgement, naming the field, and writes nothing", async () => {
    const before = [await procedureCount(), await auditCount()];
    const errors = await fieldErrorsOf(createProcedure(doc, procedure({ priorTreatmentType: "laminectomy", priorTreatmentDate: "2025-06-01" })));
    expect(errors.priorTreatmentAcknowledged?.[0]).toMatch(/within 12 months/);
    expect([await procedureCount(), await auditCount()]).toEqual(before);
  });

  it("saves an acknowledged case with the flag set, and the audit row in the same write", async () => {
    const created = await createProcedure(doc, procedure({ priorTreatmentType: "mild", priorTreatmentDate: "2025-06-01", priorTreatmentAcknowledged: "on" }));
    expect(created).toMatchObject({ priorTreatmentFlag: true, priorTreatmentType: "mild", levels: "L3-L4,L4-L5", physicianId: doc.id });
    expect(await lastAudit()).toMatchObject({ action: "procedure.create", entity: "procedure", entityId: String(created.id) });
  });

  it("does not flag a prior treatment more than 12 months before", async () => {
    const created = await createProcedure(doc, procedure({ priorTreatmentType: "fusion", priorTreatmentDate: "2025-03-09" }));
    expect(created.priorTreatmentFlag).toBe(false);
  });

  it("records before and after values when a procedure is edited", async () => {
    const created = await createProcedure(doc, procedure());
    await updateProcedure(doc, created.id, procedure({ side: "left", notes: "Corrected side" }));
    const row = await lastAudit();
    expect(row.action).toBe("procedure.update");
    expect(JSON.parse(row.before!)).toMatchObject({ side: "bilateral", notes: null });
    expect(JSON.parse(row.after!)).toMatchObject({ side: "left", notes: "Corrected side" });
  });
});

describe("assessments", () => {
  let procId = 0;
  beforeAll(async () => {
    procId = (await createProcedure(doc, procedure({ procedureDate: "2026-01-05" }))).id;
  });

  it("scores ODI from its ten sections with one missing", async () => {
    const sections = { odiS1: "3", odiS2: "2", odiS3: "4", odiS4: "3", odiS5: "2", odiS6: "3", odiS7: "1", odiS8: "", odiS9: "2", odiS10: "3" };
    const a = await createAssessment(doc, {
      procedureId: procId,
      timepoint: "baseline",
      assessedOn: "2026-01-02",
      nprsBack: "7",
      odiMode: "sections",
      ...sections,
    });
    // 23 / (5 × 9) × 100 = 51.1
    expect(a.odi).toBe(51.1);
    expect(JSON.parse(a.odiSections!)).toEqual([3, 2, 4, 3, 2, 3, 1, null, 2, 3]);
  });

  it("refuses two missing ODI sections with a message on the sections", async () => {
    const errors = await fieldErrorsOf(
      createAssessment(doc, {
        procedureId: procId,
        timepoint: "week_2",
        assessedOn: "2026-01-19",
        odiMode: "sections",
        odiS1: "3",
        odiS2: "2",
        odiS3: "4",
        odiS4: "3",
        odiS5: "2",
        odiS6: "3",
        odiS7: "1",
        odiS8: "2",
      }),
    );
    expect(errors.odiSections?.[0]).toMatch(/at least 9 of the 10/);
  });

  it.each([
    ["NPRS above 10", { nprsBack: "11" }, "nprsBack", /0 to 10/],
    ["a decimal NPRS", { nprsLeg: "4.5" }, "nprsLeg", /whole number/],
    ["ODI above 100", { odi: "120" }, "odi", /0 to 100/],
    ["negative walking minutes", { walkingMinutes: "-3" }, "walkingMinutes", /0 to 1440 minutes/],
    ["an impossible date", { assessedOn: "2026-02-30" }, "assessedOn", /not a real calendar date/],
    ["no score at all", { nprsBack: "", nprsLeg: "", odi: "" }, "nprsBack", /at least one score/],
    ["a follow-up dated before the procedure", { timepoint: "week_6", assessedOn: "2026-01-01" }, "assessedOn", /after the procedure/],
    ["a baseline dated after the procedure", { timepoint: "baseline", assessedOn: "2026-01-06" }, "assessedOn", /on or before/],
  ])("refuses %s with a message on that field", async (_label, over, field, message) => {
    const before = await assessmentCount();
    const errors = await fieldErrorsOf(createAssessment(doc, { procedureId: procId, timepoint: "week_6", assessedOn: "2026-02-16", nprsBack: "4", ...over }));
    expect(errors[field]?.[0]).toMatch(message);
    expect(await assessmentCount()).toBe(before);
  });

  it("allows one assessment per scheduled timepoint and says which to edit", async () => {
    const first = await createAssessment(doc, { procedureId: procId, timepoint: "week_6", assessedOn: "2026-02-16", nprsBack: "4" });
    const errors = await fieldErrorsOf(createAssessment(doc, { procedureId: procId, timepoint: "week_6", assessedOn: "2026-02-17", nprsBack: "3" }));
    expect(errors.timepoint?.[0]).toMatch(/already has a 6 weeks assessment/);
    const updated = await updateAssessment(doc, first.id, { procedureId: procId, timepoint: "week_6", assessedOn: "2026-02-16", nprsBack: "2" });
    expect(updated.nprsBack).toBe(2);
  });

  it("shows the follow-up schedule on the procedure page", async () => {
    const detail = await getProcedureDetail(doc, procId, "2026-03-01");
    const state = Object.fromEntries(detail.schedule.map((s) => [s.timepoint, s.state]));
    expect(state).toMatchObject({ baseline: "done", day_1_3: "missed", week_2: "missed", week_6: "done", month_3: "not_yet_due" });
    expect(detail.history.map((h) => h.action)).toEqual(expect.arrayContaining(["procedure.create", "assessment.create", "assessment.update"]));
  });
});

describe("complications", () => {
  it("are reported pending, can be corrected until adjudicated, then are locked", async () => {
    const procId = (await createProcedure(doc, procedure({ procedureDate: "2026-04-01" }))).id;
    const c = await reportComplication(doc, {
      procedureId: procId,
      type: "infection",
      onsetDate: "2026-04-05",
      grade: "2",
      relatedness: "procedure",
      outcome: "ongoing",
    });
    expect(c).toMatchObject({ adjudicationStatus: "pending", reportedBy: doc.id });
    await updateComplication(doc, c.id, {
      procedureId: procId,
      type: "infection",
      onsetDate: "2026-04-05",
      grade: "3",
      relatedness: "procedure",
      outcome: "resolved",
    });
    await t.exec(sql`update complications set adjudication_status = 'confirmed' where id = ${c.id}`);
    await expect(
      updateComplication(doc, c.id, {
        procedureId: procId,
        type: "infection",
        onsetDate: "2026-04-05",
        grade: "1",
        relatedness: "procedure",
        outcome: "resolved",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.each([
    ["other without a description", { type: "other" }, "typeOther", /Describe/],
    ["a death not graded V", { type: "death", grade: "4", outcome: "fatal" }, "grade", /grade V/],
    ["an onset before the procedure", { onsetDate: "2026-03-01" }, "onsetDate", /on or after the procedure/],
    ["grade 6", { grade: "6" }, "grade", /1 to 5/],
  ])("refuse %s", async (_l, over, field, message) => {
    const procId = (await createProcedure(doc, procedure({ procedureDate: "2026-04-02" }))).id;
    const errors = await fieldErrorsOf(
      reportComplication(doc, {
        procedureId: procId,
        type: "bleeding",
        onsetDate: "2026-04-03",
        grade: "1",
        relatedness: "procedure",
        outcome: "resolved",
        ...over,
      }),
    );
    expect(errors[field]?.[0]).toMatch(message);
  });
});

it("leaves the audit chain intact after all these writes", async () => {
  expect(verifyChain(await db.select().from(auditLog).orderBy(asc(auditLog.id))).ok).toBe(true);
});
