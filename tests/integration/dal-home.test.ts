import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { getHomeSummary } from "@/lib/dal/outcomes/home";
import { principalFromClaims } from "@/lib/dal/auth/currentPrincipal";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertAssessment, insertComplication, insertPatient, insertProcedure, insertSite, insertUser, principalOf } from "../support/fixtures";
import { followedRow } from "../support/followUpRow";

const { db } = await tempDatabaseForFile("dal-home");

const TODAY = "2026-11-25";
type User = Awaited<ReturnType<typeof insertUser>>;
let docA: User;
let docB: User;
let qo: User;
let admin: User;

beforeAll(async () => {
  const site = await insertSite(db);
  docA = await insertUser(db, "physician", { siteId: site.id });
  docB = await insertUser(db, "physician", { siteId: site.id });
  qo = await insertUser(db, "quality_officer");
  admin = await insertUser(db, "admin");
  const patientId = async () => (await insertPatient(db, site.id)).id;
  // Physician A: 3 procedures, two old enough for their 12-month window (ends day 455) to have closed.
  const a1 = await insertProcedure(db, { patientId: await patientId(), physicianId: docA.id, siteId: site.id, procedureDate: "2024-01-10" });
  const a2 = await insertProcedure(db, { patientId: await patientId(), physicianId: docA.id, siteId: site.id, procedureDate: "2024-06-10" });
  await insertProcedure(db, { patientId: await patientId(), physicianId: docA.id, siteId: site.id, procedureDate: "2026-11-03" });
  await insertAssessment(db, { procedureId: a1.id, timepoint: "month_12", assessedOn: "2025-01-12" });
  await insertComplication(db, { procedureId: a1.id, onsetDate: "2024-01-11", adjudicationStatus: "confirmed" });
  await insertComplication(db, { procedureId: a1.id, onsetDate: "2024-01-12", type: "hematoma", grade: 2, adjudicationStatus: "confirmed" });
  await insertComplication(db, { procedureId: a2.id, onsetDate: "2024-06-11", adjudicationStatus: "rejected" });
  // Physician B: 1 procedure with 1 pending complication.
  const b1 = await insertProcedure(db, { patientId: await patientId(), physicianId: docB.id, siteId: site.id, procedureDate: "2025-01-10" });
  await insertComplication(db, { procedureId: b1.id, onsetDate: "2025-01-11", adjudicationStatus: "pending" });
  // Serious (grade III, procedure-related, day 5): the only one under the like-for-like default.
  await insertComplication(db, { procedureId: b1.id, onsetDate: "2025-01-15", type: "infection", grade: 3, adjudicationStatus: "confirmed" });
});

describe("home summary scope (enforced in the DAL)", () => {
  it("gives a physician only their own procedures, complications and follow-up", async () => {
    const s = await getHomeSummary(principalOf(docA), TODAY);
    expect(s.scope).toBe("own");
    expect(s.procedures).toBe(3);
    expect(s.patients).toBe(3);
    expect(s.proceduresThisMonth).toBe(1);
    // none of A's reports is serious; at every grade the two reports on a1 count as one procedure and the
    // rejected report on a2 does not count
    expect(s.proceduresWithComplication).toBe(0);
    expect(s.proceduresWithAnyGradeComplication).toBe(1);
    expect(s.complicationReports).toBe(3);
    expect(s.definition).toMatch(/^serious events/);
    expect(s.allGradeDefinition).toMatch(/^events of any Clavien–Dindo grade/);
    expect(s.pendingReview).toBe(0);
    expect(s.followUp.find((f) => f.timepoint === "month_12")).toEqual(followedRow("month_12", 2, 1));
    expect(s.physicians).toBeNull();
  });

  it("never shows a physician another physician's records", async () => {
    const s = await getHomeSummary(principalOf(docB), TODAY);
    expect(s.procedures).toBe(1);
    expect(s.proceduresWithComplication).toBe(1);
    expect(s.proceduresWithAnyGradeComplication).toBe(1);
    expect(s.pendingReview).toBe(1);
    expect(s.physicians).toBeNull();
  });

  it.each(["quality_officer", "admin"] as const)("gives a %s every physician", async (role) => {
    const s = await getHomeSummary(principalOf(role === "admin" ? admin : qo), TODAY);
    expect(s.scope).toBe("all");
    expect(s.procedures).toBe(4);
    expect(s.proceduresWithComplication).toBe(1);
    expect(s.proceduresWithAnyGradeComplication).toBe(2);
    expect(s.physicians?.map((p) => [p.id, p.procedures, p.proceduresWithComplication, p.proceduresWithAnyGradeComplication, p.pendingReview])).toEqual(
      expect.arrayContaining([
        [docA.id, 3, 0, 1, 0],
        [docB.id, 1, 1, 1, 1],
      ]),
    );
  });

  it("counts open follow-ups: a procedure 22 days ago is overdue for 2 weeks, due for 6 weeks not yet", async () => {
    const s = await getHomeSummary(principalOf(docA), TODAY);
    // 2026-11-03 is day 22: the 2-week window (7–21) has closed, the 6-week window opens at day 28.
    expect(s.openFollowUps).toEqual({ due: 0, overdue: 0 });
    const s2 = await getHomeSummary(principalOf(docA), "2026-11-20");
    // day 17: inside the 2-week window after the nominal day 14 -> overdue
    expect(s2.openFollowUps).toEqual({ due: 0, overdue: 1 });
  });
});

describe("session re-check on every request", () => {
  const claims = () => ({ id: docA.id, sv: 1, signedInAt: Date.now() });

  it("accepts a current session", async () => {
    expect(await principalFromClaims(claims())).toMatchObject({ id: docA.id, role: "physician" });
  });

  it("ends the session after the absolute lifetime", async () => {
    expect(await principalFromClaims({ ...claims(), signedInAt: Date.now() - 13 * 3600 * 1000 })).toBeNull();
  });

  it("ends the session when the session version was bumped (revocation)", async () => {
    await db.update(users).set({ sessionVersion: 2 }).where(eq(users.id, docA.id));
    expect(await principalFromClaims(claims())).toBeNull();
    expect(await principalFromClaims({ ...claims(), sv: 2 })).not.toBeNull();
    await db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, docA.id));
  });

  it("ends the session of a disabled user", async () => {
    await db.update(users).set({ disabled: true }).where(eq(users.id, docB.id));
    expect(await principalFromClaims({ id: docB.id, sv: 1, signedInAt: Date.now() })).toBeNull();
  });

  it("refuses an unknown user id", async () => {
    expect(await principalFromClaims({ id: 424242, sv: 1, signedInAt: Date.now() })).toBeNull();
  });
});
