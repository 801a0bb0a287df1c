/**
 * The invitation scheduler on a fixed clock, against the real database (SQLite, or PostgreSQL when the run has
 * one): the diary and follow-up invitations go out on their days with their messages in the outbox, a second
 * pass sends nothing twice, reminders follow an unanswered questionnaire and stop once it is answered, an
 * opt-out expires what is open and sends nothing more, and a patient without consent gets nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { invitations, outboxMessages, patients, sites, followUpStatuses } from "@/db/schema";
import { hashInvitationToken } from "@/lib/auth/invitationToken";
import { runInvitationScheduler } from "@/lib/dal/invitations/scheduler";
import { DEFAULT_SCHEDULE_SETTINGS } from "@/lib/outcomes/invitations/invitationTiming";
import { insertAssessment, insertPatient, insertProcedure, insertSite, insertUser } from "../support/fixtures";
import { createTempDatabase } from "../support/tempDb";

const t = await createTempDatabase("invitation-scheduler");
const db = t.db;
process.env.APP_URL = "https://outcomes.clinic.example";
afterAll(async () => {
  delete process.env.APP_URL;
  await t.cleanup();
});

const PROCEDURE_DATE = "2026-03-02";
/** A wall-clock time in Los Angeles (UTC−8 before the 8 March 2026 change, UTC−7 after). */
const la = (date: string, time: string) => {
  const offset = date < "2026-03-08" ? "-08:00" : "-07:00";
  return new Date(`${date}T${time}:00${offset}`);
};
let procedureId = 0;
let patientId = 0;
let quietProcedureId = 0;

const rowsOf = async (id: number) => db.select().from(invitations).where(eq(invitations.procedureId, id)).orderBy(invitations.id);
const messagesOf = async (id: number) => {
  const ids = (await rowsOf(id)).map((r) => String(r.id));
  return (await db.select().from(outboxMessages).orderBy(outboxMessages.id)).filter((m) => m.entity === "invitation" && ids.includes(m.entityId!));
};
/** A scheduler run at `at` leaves none of the procedure's invitations open, says `reason` on them, and sends no message. */
async function expectStoppedOn(id: number, at: Date, reason: string) {
  const before = (await messagesOf(id)).length;
  await runInvitationScheduler(at);
  const rows = await rowsOf(id);
  expect(rows.filter((r) => r.status === "sent" || r.status === "opened")).toHaveLength(0);
  expect(rows.some((r) => r.statusReason === reason)).toBe(true);
  expect((await messagesOf(id)).length).toBe(before);
}

beforeAll(async () => {
  const site = await insertSite(db);
  // The clinic's own zone decides the invitations' days and quiet hours.
  await db.update(sites).set({ timeZone: "America/Los_Angeles" }).where(eq(sites.id, site.id));
  const doc = await insertUser(db, "physician");
  const patient = await insertPatient(db, site.id, {
    name: "Ada Lovelace",
    email: "ada@example.org",
    contactConsentAt: "2026-02-20T10:00:00.000Z",
    contactConsentBy: doc.id,
    contactConsentVersion: "2026-12-v1",
  });
  patientId = patient.id;
  procedureId = (await insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId: site.id, procedureDate: PROCEDURE_DATE })).id;
  const quiet = await insertPatient(db, site.id, { email: "no.consent@example.org" });
  quietProcedureId = (await insertProcedure(db, { patientId: quiet.id, physicianId: doc.id, siteId: site.id, procedureDate: PROCEDURE_DATE })).id;
});

describe("the invitation scheduler on a fixed clock", () => {
  it("sends nothing before the first diary evening, and nothing at night", async () => {
    await runInvitationScheduler(la("2026-03-03", "17:59"));
    expect(await rowsOf(procedureId)).toHaveLength(0);
    await runInvitationScheduler(la("2026-03-03", "21:30"), { ...DEFAULT_SCHEDULE_SETTINGS, diaryTime: "21:00" });
    expect(await rowsOf(procedureId)).toHaveLength(0);
  });

  it("sends diary day 1 at the diary hour with its link in the outbox, once however often it runs", async () => {
    const report = await runInvitationScheduler(la("2026-03-03", "18:05"));
    expect(report.sent).toBe(1);
    await runInvitationScheduler(la("2026-03-03", "18:10"));
    const rows = await rowsOf(procedureId);
    expect(rows).toMatchObject([{ key: "diary:1", kind: "diary", day: 1, status: "sent", reminderCount: 0 }]);
    const messages = await messagesOf(procedureId);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ recipient: "ada@example.org", kind: "diary", status: "queued" });
    const link = /https:\/\/outcomes\.clinic\.example\/q\/([A-Za-z0-9_-]{43})/.exec(messages[0]!.bodyText)![1]!;
    // The database holds the link's hash, never the token itself.
    expect(rows[0]!.tokenHash).toBe(hashInvitationToken(link));
    expect(JSON.stringify(rows)).not.toContain(link);
    expect(messages[0]!.bodyText).toContain(`/q/${link}/opt-out`);
    expect(messages[0]!.bodyText).toContain("Dear Ada");
    // The patient without consent got nothing.
    expect(await rowsOf(quietProcedureId)).toHaveLength(0);
  });

  it("expires a diary day when its link runs out, across the daylight-saving change", async () => {
    // Day 1's link works to the end of day 2 (4 March); the clocks change on 8 March.
    await runInvitationScheduler(la("2026-03-09", "18:30"));
    const rows = await rowsOf(procedureId);
    expect(rows.find((r) => r.key === "diary:1")).toMatchObject({ status: "expired", statusReason: "window_closed" });
    const day7 = rows.find((r) => r.key === "diary:7")!;
    expect(day7.status).toBe("sent");
    // 18:00 on 9 March in Los Angeles is 01:00 UTC on 10 March after the change (UTC−7).
    expect(rows.find((r) => r.key === "diary:7")!.expiresAt).toBe(new Date("2026-03-11T07:00:00.000Z").toISOString());
  });

  it("invites to the 2-week questionnaire when its window opens, reminds after 3 and 7 days, and stops once answered", async () => {
    await runInvitationScheduler(la("2026-03-10", "09:00"));
    const invited = (await rowsOf(procedureId)).find((r) => r.key === "follow_up:week_2")!;
    expect(invited).toMatchObject({ kind: "follow_up", timepoint: "week_2", status: "sent" });
    await runInvitationScheduler(la("2026-03-13", "09:30"));
    expect((await rowsOf(procedureId)).find((r) => r.key === "follow_up:week_2")!.reminderCount).toBe(1);
    const reminders = (await messagesOf(procedureId)).filter((m) => m.kind === "reminder");
    expect(reminders).toHaveLength(1);
    // Answered at the clinic before the second reminder: nothing more.
    await insertAssessment(db, { procedureId, timepoint: "week_2", assessedOn: "2026-03-15", nprsBack: 3 });
    await runInvitationScheduler(la("2026-03-17", "10:00"));
    expect((await rowsOf(procedureId)).find((r) => r.key === "follow_up:week_2")!.reminderCount).toBe(1);
  });

  it("after an opt-out expires every open invitation and sends nothing more", async () => {
    await db.update(patients).set({ optedOutAt: "2026-03-11T12:00:00.000Z", optOutMethod: "link" }).where(eq(patients.id, patientId));
    await expectStoppedOn(procedureId, la("2026-03-12", "18:30"), "opted_out");
  });

  it("sends nothing to a patient whose follow-up has ended (withdrawn), and says why on the open invitations", async () => {
    const doc = await insertUser(db, "physician");
    const [site] = await db.select().from(sites).limit(1);
    const patient = await insertPatient(db, site!.id, {
      email: "withdrawn@example.org",
      contactConsentAt: "2026-02-20T10:00:00.000Z",
      contactConsentBy: doc.id,
      contactConsentVersion: "2026-12-v1",
    });
    const withdrawn = (await insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId: site!.id, procedureDate: PROCEDURE_DATE })).id;
    await runInvitationScheduler(la("2026-03-03", "18:30"));
    expect((await rowsOf(withdrawn)).some((r) => r.status === "sent")).toBe(true);
    await db.insert(followUpStatuses).values({ procedureId: withdrawn, status: "withdrawn", statusDate: "2026-03-04" });
    await expectStoppedOn(withdrawn, la("2026-03-05", "18:30"), "follow_up_withdrawn");
  });
});
