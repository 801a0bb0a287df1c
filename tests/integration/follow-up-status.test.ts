/**
 * Follow-up status per procedure (issue 14, item 6): lost to follow-up only after N failed contact attempts in a
 * row, withdrawn and deceased with a date; completeness on the home page and on the dashboard / JSON API counts
 * only procedures still expected at each timepoint and counts the others apart (the same figures both ways); the
 * worklist drops them and shows the attempts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { desc } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { outcomeSummaryFor } from "@/lib/dal/outcomes/api";
import { getHomeSummary } from "@/lib/dal/outcomes/home";
import type { Principal } from "@/lib/dal/principal";
import { getFollowUpRecord, recordContactAttempt, setFollowUpStatus } from "@/lib/dal/records/followUp";
import { getWorklist } from "@/lib/dal/records/worklist";
import { listProcedures } from "@/lib/dal/records/procedureList";
import { parseProcedureListQuery } from "@/lib/validation/procedureList";
import { addDaysIso, todayIso } from "@/lib/outcomes/dates";
import { insertAssessment, insertClinic, insertComplication, insertPatientProcedure, insertUser, principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";
import { fieldErrorsOf } from "../support/refusals";

const { db } = await tempDatabaseForFile("follow-up-status");

// The status rules check dates against the real today; the completeness figures are computed as of TODAY.
const TODAY = "2026-12-01";
const { siteId, physician, coordinator } = await insertClinic(db);
const newProcedure = (procedureDate: string, doctor: Principal = physician) => insertPatientProcedure(db, siteId, doctor, procedureDate);
const attempt = (procedureId: number, attemptedOn: string, outcome = "no_answer") =>
  recordContactAttempt(coordinator, { procedureId, attemptedOn, channel: "phone", outcome });
describe("lost to follow-up needs the documented failed attempts", () => {
  it("is refused before 3 failed attempts in a row, naming how many there are; a reached patient starts the count again", async () => {
    const p = await newProcedure("2025-03-01");
    await attempt(p.id, "2025-04-10");
    await attempt(p.id, "2025-04-12");
    const refused = await fieldErrorsOf(setFollowUpStatus(coordinator, { procedureId: p.id, status: "lost", statusDate: "2025-05-01" }));
    expect(refused.status?.[0]).toMatch(/needs 3 in a row, and 2 are recorded \(the 3rd would be next\)/);
    await attempt(p.id, "2025-04-14", "reached");
    await attempt(p.id, "2025-04-20");
    await attempt(p.id, "2025-04-21");
    expect((await getFollowUpRecord(physician, p.id)).failedInARow).toBe(2);
    await attempt(p.id, "2025-04-22", "left_message");
    const record = await getFollowUpRecord(physician, p.id);
    expect(record).toMatchObject({ failedInARow: 3, lostAfter: 3, canMarkLost: true });
    const marked = await setFollowUpStatus(coordinator, { procedureId: p.id, status: "lost", statusDate: "2025-05-01" });
    expect(marked).toMatchObject({ status: "lost", statusDate: "2025-05-01" });
    const [audit] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "followUpStatus.create", userId: coordinator.id, onBehalfOfId: physician.id });
  });

  it("follows FOLLOW_UP_LOST_AFTER_ATTEMPTS", async () => {
    const p = await newProcedure("2025-03-01");
    await attempt(p.id, "2025-04-10");
    process.env.FOLLOW_UP_LOST_AFTER_ATTEMPTS = "1";
    try {
      expect(await setFollowUpStatus(physician, { procedureId: p.id, status: "lost", statusDate: "2025-05-01" })).toMatchObject({ status: "lost" });
    } finally {
      delete process.env.FOLLOW_UP_LOST_AFTER_ATTEMPTS;
    }
  });

  it("refuses dates before the procedure or in the future, and a status without a date, every problem at once", async () => {
    const p = await newProcedure("2025-03-01");
    expect(await fieldErrorsOf(setFollowUpStatus(physician, { procedureId: p.id, status: "withdrawn", statusDate: "2025-02-01" }))).toEqual({
      statusDate: ["Enter a date on or after the procedure (1 Mar 2025)"],
    });
    expect(await fieldErrorsOf(setFollowUpStatus(physician, { procedureId: p.id, status: "withdrawn", statusDate: addDaysIso(todayIso(), 1) }))).toEqual({
      statusDate: ["Enter a date that is not in the future"],
    });
    expect(await fieldErrorsOf(setFollowUpStatus(physician, { procedureId: p.id, status: "deceased", statusDate: "" }))).toHaveProperty("statusDate");
    expect(await fieldErrorsOf(attempt(p.id, "2025-01-01"))).toHaveProperty("attemptedOn");
    const both = await fieldErrorsOf(setFollowUpStatus(physician, { procedureId: p.id, status: "lost", statusDate: "2025-02-01" }));
    expect(Object.keys(both).sort()).toEqual(["status", "statusDate"]);
  });

  it("returns to active by removing the mark, the audit row keeping what it was", async () => {
    const p = await newProcedure("2025-03-01");
    await setFollowUpStatus(physician, { procedureId: p.id, status: "withdrawn", statusDate: "2025-06-01", note: "Moved abroad" });
    expect(await setFollowUpStatus(physician, { procedureId: p.id, status: "active" })).toBeNull();
    expect((await getFollowUpRecord(physician, p.id)).status).toBeNull();
    const [audit] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "followUpStatus.delete", userId: physician.id, after: null });
    expect(JSON.parse(audit!.before!)).toMatchObject({ status: "withdrawn", note: "Moved abroad" });
  });

  it("links a deceased status to the death recorded as a complication", async () => {
    const p = await newProcedure("2025-03-01");
    const death = await insertComplication(db, { procedureId: p.id, type: "death", grade: 5, onsetDate: "2025-03-20", outcome: "fatal", serious: true });
    await setFollowUpStatus(physician, { procedureId: p.id, status: "deceased", statusDate: "2025-03-20" });
    expect((await getFollowUpRecord(physician, p.id)).deathComplication).toEqual({ id: death.id, onsetDate: "2025-03-20" });
  });
});

describe("completeness counts only procedures still expected, and counts the others apart", () => {
  let doctor: Principal;
  beforeAll(async () => {
    doctor = principalOf(await insertUser(db, "physician", { siteId }));
    // Four procedures on one day; as of TODAY every window but 24 months has closed.
    const p1 = await newProcedure("2025-01-01", doctor); // followed throughout: assessed at 6 weeks only
    await insertAssessment(db, { procedureId: p1.id, timepoint: "week_6", assessedOn: "2025-02-12" });
    const p2 = await newProcedure("2025-01-01", doctor); // lost from day 40, assessed at 2 weeks
    await insertAssessment(db, { procedureId: p2.id, timepoint: "week_2", assessedOn: "2025-01-15" });
    for (const on of ["2025-02-01", "2025-02-05", "2025-02-09"])
      await recordContactAttempt(doctor, { procedureId: p2.id, attemptedOn: on, channel: "phone", outcome: "no_answer" });
    await setFollowUpStatus(doctor, { procedureId: p2.id, status: "lost", statusDate: "2025-02-10" });
    const p3 = await newProcedure("2025-01-01", doctor); // withdrew on the day, after the baseline
    await insertAssessment(db, { procedureId: p3.id, timepoint: "baseline", assessedOn: "2024-12-20" });
    await setFollowUpStatus(doctor, { procedureId: p3.id, status: "withdrawn", statusDate: "2025-01-01" });
    const p4 = await newProcedure("2025-01-01", doctor); // died on day 151: missed 3 months while still followed
    await setFollowUpStatus(doctor, { procedureId: p4.id, status: "deceased", statusDate: "2025-06-01" });
  });

  // Worked by hand from the four procedures above (lib/outcomes/followUpStatus.ts, notExpectedAt).
  const EXPECTED = {
    baseline: { eligible: 4, done: 1, notExpected: { lost: 0, withdrawn: 0, deceased: 0 } },
    day_1_3: { eligible: 3, done: 0, notExpected: { lost: 0, withdrawn: 1, deceased: 0 } },
    week_2: { eligible: 3, done: 1, notExpected: { lost: 0, withdrawn: 1, deceased: 0 } },
    week_6: { eligible: 2, done: 1, notExpected: { lost: 1, withdrawn: 1, deceased: 0 } },
    month_3: { eligible: 2, done: 0, notExpected: { lost: 1, withdrawn: 1, deceased: 0 } },
    month_6: { eligible: 1, done: 0, notExpected: { lost: 1, withdrawn: 1, deceased: 1 } },
    month_12: { eligible: 1, done: 0, notExpected: { lost: 1, withdrawn: 1, deceased: 1 } },
    month_24: { eligible: 0, done: 0, notExpected: { lost: 0, withdrawn: 0, deceased: 0 } },
  };

  it("on the home page", async () => {
    const home = await getHomeSummary(doctor, TODAY);
    expect(Object.fromEntries(home.followUp.map((f) => [f.timepoint, { eligible: f.eligible, done: f.done, notExpected: f.notExpected }]))).toEqual(EXPECTED);
  });

  it("on the dashboard's JSON API, the same figures", async () => {
    const api = await outcomeSummaryFor(doctor, {}, TODAY);
    if (api.status !== 200) throw new Error(JSON.stringify(api.body));
    expect(Object.fromEntries(api.body.followUp.map((f) => [f.timepoint, { eligible: f.eligible, done: f.done, notExpected: f.notExpected }]))).toEqual(
      EXPECTED,
    );
  });

  it("in the quality officer's per-physician 12-month figure", async () => {
    const qo = principalOf(await insertUser(db, "quality_officer"));
    const row = (await getHomeSummary(qo, TODAY)).physicians!.find((p) => p.id === doctor.id);
    expect(row?.followUp12m).toEqual({ eligible: 1, done: 0 });
  });
});

/** A new physician's two procedures 45 days ago, their 6-week assessment overdue; the patient of `withdrawn` withdrew two days ago. */
async function followedAndWithdrawn(today: string) {
  const doctor = principalOf(await insertUser(db, "physician", { siteId }));
  const followed = await newProcedure(addDaysIso(today, -45), doctor);
  const withdrawn = await newProcedure(addDaysIso(today, -45), doctor);
  await withdraw(doctor, withdrawn, today);
  return { doctor, followed, withdrawn };
}
const withdraw = (doctor: Principal, procedure: { id: number }, today: string) =>
  setFollowUpStatus(doctor, { procedureId: procedure.id, status: "withdrawn", statusDate: addDaysIso(today, -2) });

describe("the worklist", () => {
  it("drops procedures no longer followed and shows the contact attempts of the others", async () => {
    const today = todayIso();
    const { doctor, followed } = await followedAndWithdrawn(today);
    await recordContactAttempt(doctor, { procedureId: followed.id, attemptedOn: addDaysIso(today, -3), channel: "phone", outcome: "no_answer" });
    await recordContactAttempt(doctor, { procedureId: followed.id, attemptedOn: addDaysIso(today, -1), channel: "email", outcome: "left_message" });
    const items = (await getWorklist(doctor, {}, today)).rows;
    expect(items.map((i) => i.procedureId)).toEqual([followed.id]);
    expect(items[0]).toMatchObject({ timepoint: "week_6", attempts: 2, lastAttempt: { on: addDaysIso(today, -1), outcome: "left_message" } });
  });
});

describe("the procedure list's follow-up filters", () => {
  it("lists a withdrawn patient's open window neither as overdue nor as due: there is nothing to chase", async () => {
    const today = todayIso();
    const { doctor, followed } = await followedAndWithdrawn(today);
    const dueFollowed = await newProcedure(addDaysIso(today, -38), doctor); // 6 weeks due (day 38 < 42)
    const dueWithdrawn = await newProcedure(addDaysIso(today, -38), doctor);
    await withdraw(doctor, dueWithdrawn, today);
    const ids = async (followUp: "overdue" | "due") =>
      (await listProcedures(doctor, parseProcedureListQuery({ followUp, size: "100" }), today)).rows.map((r) => r.id).sort((a, b) => a - b);
    expect(await ids("overdue")).toEqual([followed.id]);
    expect(await ids("due")).toEqual([dueFollowed.id]);
  });
});
