/**
 * Patients' links against the real database: a wrong, truncated, altered, expired or stopped token opens
 * nothing and writes nothing (only the throttle's row); guessing from one address meets the rate limit; a
 * diary day and a follow-up questionnaire are written as the patient's (diary entry; assessment with source
 * "patient"), audited with the actor "patient (link)", once; a refused submit keeps the answers and writes
 * nothing; the one-click opt-out stops everything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, desc, eq } from "drizzle-orm";
import { assessments, auditLog, diaryEntries, invitations, patients, sites } from "@/db/schema";
import { newInvitationToken } from "@/lib/auth/invitationToken";
import { invitationLinks } from "@/lib/messaging/invitationLinks";
import { openInvitationLink, optOutByLink, submitInvitationAnswers } from "@/lib/dal/invitations/patientLink";
import { runInvitationScheduler } from "@/lib/dal/invitations/scheduler";
import { insertPatient, insertProcedure, insertSite, insertUser } from "../support/fixtures";
import { createTempDatabase } from "../support/tempDb";

const t = await createTempDatabase("patient-link");
const db = t.db;
afterAll(async () => {
  await t.cleanup();
});

const DAY2_EVENING = new Date("2026-03-04T18:30:00Z");
const WEEK2_OPEN = new Date("2026-03-10T09:00:00Z");
let procedureId = 0;
let otherProcedureId = 0;
let patientId = 0;
const tokenOf = async (procedure: number, key: string) => {
  const [row] = await db.select().from(invitations).where(eq(invitations.procedureId, procedure));
  const all = await db.select().from(invitations).where(eq(invitations.procedureId, procedure));
  return invitationLinks((all.find((r) => r.key === key) ?? row)!.id).token;
};
const counts = async () => ({
  assessments: (await db.select({ n: count() }).from(assessments))[0]!.n,
  diary: (await db.select({ n: count() }).from(diaryEntries))[0]!.n,
  audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
  invitations: JSON.stringify(await db.select().from(invitations).orderBy(invitations.id)),
});
let address = 0;
/** A fresh client address per test, so the address limit is met only where a test means to meet it. */
const freshAddress = () => `192.0.2.${++address}`;

beforeAll(async () => {
  const site = await insertSite(db);
  // The clinic's own zone decides the invitations' days and quiet hours.
  await db.update(sites).set({ timeZone: "Europe/London" }).where(eq(sites.id, site.id));
  const doc = await insertUser(db, "physician");
  const consent = { contactConsentAt: "2026-02-20T10:00:00.000Z", contactConsentBy: doc.id, contactConsentVersion: "2026-12-v1" };
  const patient = await insertPatient(db, site.id, { name: "Grace Hopper", email: "grace@example.org", ...consent });
  patientId = patient.id;
  procedureId = (await insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId: site.id, procedureDate: "2026-03-02" })).id;
  const other = await insertPatient(db, site.id, { name: "Alan Turing", email: "alan@example.org", ...consent });
  otherProcedureId = (await insertProcedure(db, { patientId: other.id, physicianId: doc.id, siteId: site.id, procedureDate: "2026-03-02" })).id;
  await runInvitationScheduler(new Date("2026-03-03T18:30:00Z"));
  await runInvitationScheduler(DAY2_EVENING);
});

describe("a link that opens nothing", () => {
  it("random, truncated, altered by one character, empty or absurdly long: the same answer, nothing written", async () => {
    const real = await tokenOf(procedureId, "diary:2");
    const altered = real.slice(0, 10) + (real[10] === "A" ? "B" : "A") + real.slice(11);
    const before = await counts();
    for (const token of [newInvitationToken().token, real.slice(0, 42), real.slice(0, 20), altered, "", "x".repeat(5000), undefined]) {
      expect(await openInvitationLink(token, freshAddress(), DAY2_EVENING)).toEqual({ state: "unavailable" });
      expect(await submitInvitationAnswers(token, { nprsBack: "3", nprsLeg: "2", pgic: "2" }, freshAddress(), DAY2_EVENING)).toEqual({ state: "unavailable" });
      expect(await optOutByLink(token, freshAddress(), DAY2_EVENING)).toEqual({ state: "unavailable" });
    }
    expect(await counts()).toEqual(before);
  });

  it("an expired link answers the same as a random one, and writes nothing", async () => {
    const day1 = await tokenOf(procedureId, "diary:1");
    const before = await counts();
    // Day 1's link works to the end of day 2 (midnight 4–5 March, London).
    expect(await openInvitationLink(day1, freshAddress(), new Date("2026-03-05T00:00:01Z"))).toEqual({ state: "unavailable" });
    expect(await submitInvitationAnswers(day1, { nprsBack: "3", nprsLeg: "2", pgic: "2" }, freshAddress(), new Date("2026-03-05T00:00:01Z"))).toEqual({
      state: "unavailable",
    });
    expect(await counts()).toEqual(before);
  });

  it("guessing from one address meets the rate limit, even with a real token afterwards", async () => {
    const guesser = freshAddress();
    for (let i = 0; i < 11; i++) await openInvitationLink(newInvitationToken().token, guesser, DAY2_EVENING);
    const real = await tokenOf(procedureId, "diary:2");
    const answer = await openInvitationLink(real, guesser, DAY2_EVENING);
    expect(answer.state).toBe("throttled");
    // Another address is not affected.
    expect((await openInvitationLink(real, freshAddress(), DAY2_EVENING)).state).toBe("open");
  });
});

describe("answering", () => {
  it("opens with the first name and the clinic's name only, marks the invitation opened and audits the patient as actor", async () => {
    const answer = await openInvitationLink(await tokenOf(procedureId, "diary:2"), freshAddress(), DAY2_EVENING);
    expect(answer).toMatchObject({ state: "open", view: { kind: "diary", firstName: "Grace", diaryDate: "2026-03-04" } });
    expect(JSON.stringify(answer)).not.toMatch(/Hopper|grace@|MRN/);
    const row = (await db.select().from(invitations).where(eq(invitations.procedureId, procedureId))).find((r) => r.key === "diary:2");
    expect(row!.status).toBe("opened");
    const [audit] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "invitation.open", userId: null, userEmail: "patient (link)" });
  });

  it("a refused diary day keeps the answers, says what is wrong per question, and writes nothing", async () => {
    const before = await counts();
    const answer = await submitInvitationAnswers(await tokenOf(procedureId, "diary:2"), { nprsBack: "11", nprsLeg: "4" }, freshAddress(), DAY2_EVENING);
    expect(answer).toMatchObject({ state: "refused", values: { nprsBack: "11", nprsLeg: "4", pgic: "" } });
    if (answer.state !== "refused") throw new Error("refused");
    expect(Object.keys(answer.errors).sort()).toEqual(["nprsBack", "pgic"]);
    expect(await counts()).toEqual(before);
  });

  it("hostile answers (wrong types, control characters, out of range, huge) get a message on their question and write nothing", async () => {
    const token = await tokenOf(procedureId, "diary:2");
    const hostile: unknown[] = [null, ["4"], { value: 4 }, "\u00004", "-1", "4.5", "11", "1e309", "NaN", "x".repeat(100_000), 4.5, true];
    for (const field of ["nprsBack", "nprsLeg", "pgic"] as const) {
      for (const value of hostile) {
        const before = await counts();
        const answer = await submitInvitationAnswers(token, { nprsBack: "4", nprsLeg: "3", pgic: "2", [field]: value }, freshAddress(), DAY2_EVENING);
        const context = `${field} = ${JSON.stringify(value)?.slice(0, 40)}`;
        expect(answer.state, context).toBe("refused");
        if (answer.state === "refused") expect(answer.errors[field]?.length, context).toBeGreaterThan(0);
        // Only the link's own audit row of the attempt may be added; no diary entry, no assessment.
        const after = await counts();
        expect([after.assessments, after.diary, after.invitations], context).toEqual([before.assessments, before.diary, before.invitations]);
      }
    }
  });

  it("a diary day is written once as a diary entry; the link then says it was received", async () => {
    const token = await tokenOf(procedureId, "diary:2");
    expect((await submitInvitationAnswers(token, { nprsBack: "4", nprsLeg: "3", pgic: "2" }, freshAddress(), DAY2_EVENING)).state).toBe("saved");
    expect((await submitInvitationAnswers(token, { nprsBack: "9", nprsLeg: "9", pgic: "7" }, freshAddress(), DAY2_EVENING)).state).toBe("done");
    expect((await openInvitationLink(token, freshAddress(), DAY2_EVENING)).state).toBe("done");
    const entries = await db.select().from(diaryEntries);
    expect(entries).toMatchObject([{ procedureId, day: 2, nprsBack: 4, nprsLeg: 3, pgic: 2 }]);
    const actions = (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(5)).map((a) => [a.action, a.userEmail]).reverse();
    // The write and its audit rows, then the later open that said "received" (each open is audited too).
    expect(actions.slice(-3)).toEqual([
      ["diary_entry.create", "patient (link)"],
      ["invitation.submit", "patient (link)"],
      ["invitation.open", "patient (link)"],
    ]);
  });

  it("a follow-up questionnaire becomes an assessment marked as the patient's, with its ODI scored, for its own procedure only", async () => {
    await runInvitationScheduler(WEEK2_OPEN);
    const token = await tokenOf(procedureId, "follow_up:week_2");
    const form: Record<string, string> = { nprsBack: "2", nprsLeg: "1", walkingMinutes: "30", standingMinutes: "", pgic: "1" };
    for (let i = 1; i <= 10; i++) form[`odi${i}`] = i === 8 ? "" : "1";
    expect((await submitInvitationAnswers(token, form, freshAddress(), WEEK2_OPEN)).state).toBe("saved");
    const rows = await db.select().from(assessments);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      procedureId,
      timepoint: "week_2",
      source: "patient",
      nprsBack: 2,
      nprsLeg: 1,
      walkingMinutes: 30,
      pgic: 1,
      assessedOn: "2026-03-10",
    });
    // 9 answered sections of 1: 9 / 45 = 20 %.
    expect(rows[0]!.odi).toBe(20);
    expect(rows.some((r) => r.procedureId === otherProcedureId)).toBe(false);
  });

  it("the one-click opt-out records it on the patient, ends every open invitation, and the links then open nothing", async () => {
    const day2Token = await tokenOf(procedureId, "diary:2");
    await runInvitationScheduler(new Date("2026-03-05T18:30:00Z"));
    const open = await tokenOf(procedureId, "diary:3");
    expect((await optOutByLink(open, freshAddress(), new Date("2026-03-05T19:00:00Z"))).state).toBe("opted_out");
    const [p] = await db.select().from(patients).where(eq(patients.id, patientId));
    expect(p).toMatchObject({ optOutMethod: "link" });
    expect(p!.optedOutAt).toBe("2026-03-05T19:00:00.000Z");
    const rows = await db.select().from(invitations).where(eq(invitations.procedureId, procedureId));
    expect(rows.filter((r) => ["sent", "opened", "planned"].includes(r.status))).toHaveLength(0);
    expect(await openInvitationLink(open, freshAddress(), new Date("2026-03-05T19:01:00Z"))).toEqual({ state: "unavailable" });
    // An answered day still says it was received.
    expect((await openInvitationLink(day2Token, freshAddress(), new Date("2026-03-05T19:01:00Z"))).state).toBe("done");
  });
});
