/**
 * Staff and patients' invitations, against the real database: who may list, send by hand and print a link
 * letter (the procedure's physician acts; quality officers and administrators only read; another physician
 * sees nothing), what a hand-sent invitation puts in the outbox, when sending is refused, and how a
 * patient-reported assessment is corrected (a reason, the patient's original kept).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { assessments, auditLog, invitations, outboxMessages } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import { invitationLetter, listProcedureInvitations, sendInvitationNow } from "@/lib/dal/invitations/staffInvitations";
import { submitInvitationAnswers } from "@/lib/dal/invitations/patientLink";
import { invitationLinks } from "@/lib/messaging/invitationLinks";
import { updateAssessment } from "@/lib/dal/records/assessments";
import type { Principal } from "@/lib/dal/principal";
import { daysAgo } from "../matrix/actionForms";
import { insertPatient, insertProcedure, insertSite, insertUser, principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const { db } = await tempDatabaseForFile("invitations-staff");

let owner: Principal;
let other: Principal;
let qo: Principal;
let admin: Principal;
let procedureId = 0;
let letterProcedureId = 0;
const counts = async () => ({
  invitations: (await db.select({ n: count() }).from(invitations))[0]!.n,
  outbox: (await db.select({ n: count() }).from(outboxMessages))[0]!.n,
  audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
});

beforeAll(async () => {
  const site = await insertSite(db);
  owner = principalOf(await insertUser(db, "physician", { siteId: site.id }));
  other = principalOf(await insertUser(db, "physician", { siteId: site.id }));
  qo = principalOf(await insertUser(db, "quality_officer"));
  admin = principalOf(await insertUser(db, "admin"));
  const consent = { contactConsentAt: new Date(Date.now() - 86_400_000).toISOString(), contactConsentBy: owner.id, contactConsentVersion: "2026-12-v1" };
  const patient = await insertPatient(db, site.id, { name: "Mary Somerville", email: "mary@example.org", primaryPhysicianId: owner.id, ...consent });
  procedureId = (await insertProcedure(db, { patientId: patient.id, physicianId: owner.id, siteId: site.id, procedureDate: daysAgo(45) })).id;
  const byLetter = await insertPatient(db, site.id, { name: "Emmy Noether", preferredChannel: "letter", primaryPhysicianId: owner.id, ...consent });
  letterProcedureId = (await insertProcedure(db, { patientId: byLetter.id, physicianId: owner.id, siteId: site.id, procedureDate: daysAgo(45) })).id;
});

describe("who may do what with a procedure's invitations (sendInvitationNow, invitationLetter, listProcedureInvitations)", () => {
  it("the procedure's physician sends the open 6-week questionnaire: an invitation, a message in the outbox, an audit row", async () => {
    const before = await counts();
    const { invitationId, messageId } = await sendInvitationNow(owner, procedureId, "follow_up:week_6");
    expect(await counts()).toEqual({ invitations: before.invitations + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
    const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, messageId));
    expect(message).toMatchObject({ recipient: "mary@example.org", kind: "invitation", entity: "invitation", entityId: String(invitationId) });
    expect(message!.bodyText).toContain(invitationLinks(invitationId).link);
    const listed = await listProcedureInvitations(owner, procedureId);
    expect(listed.invitations).toMatchObject([{ key: "follow_up:week_6", status: "sent", messages: [{ kind: "invitation", status: "queued" }] }]);
  });

  it("quality officers and administrators read the list but may not send or print; another physician sees nothing; nothing is written", async () => {
    for (const reader of [qo, admin]) expect((await listProcedureInvitations(reader, procedureId)).invitations).toHaveLength(1);
    await expect(listProcedureInvitations(other, procedureId)).rejects.toBeInstanceOf(NotFoundError);
    const before = await counts();
    for (const who of [qo, admin]) {
      await expect(sendInvitationNow(who, procedureId, "follow_up:week_6")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(invitationLetter(who, letterProcedureId, "follow_up:week_6")).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(sendInvitationNow(other, procedureId, "follow_up:week_6")).rejects.toBeInstanceOf(NotFoundError);
    await expect(invitationLetter(other, letterProcedureId, "follow_up:week_6")).rejects.toBeInstanceOf(NotFoundError);
    expect(await counts()).toEqual(before);
  });

  it("refuses a window not open, a key that is not a questionnaire, a letter-only patient by email, and a patient who opted out", async () => {
    const before = await counts();
    await expect(sendInvitationNow(owner, procedureId, "follow_up:month_12")).rejects.toBeInstanceOf(ValidationError);
    await expect(sendInvitationNow(owner, procedureId, "diary:1")).rejects.toBeInstanceOf(ValidationError);
    await expect(sendInvitationNow(owner, procedureId, "follow_up:baseline")).rejects.toBeInstanceOf(ValidationError);
    await expect(sendInvitationNow(owner, letterProcedureId, "follow_up:week_6")).rejects.toBeInstanceOf(ValidationError);
    expect(await counts()).toEqual(before);
  });

  it("prints the link letter for a patient without email: the invitation is made and marked sent, and the printing audited", async () => {
    const letter = await invitationLetter(owner, letterProcedureId, "follow_up:week_6");
    expect(letter).toMatchObject({ patientName: "Emmy Noether", key: "follow_up:week_6" });
    expect(letter.link).toMatch(/\/q\/[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(invitations).where(eq(invitations.procedureId, letterProcedureId));
    expect(row!.status).toBe("sent");
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "invitation.letter"));
    expect(audit).toMatchObject({ userId: owner.id, entity: "invitation", entityId: String(row!.id) });
  });
});

describe("correcting what the patient sent", () => {
  it("needs a reason, keeps the patient's original values, and stays the patient's assessment", async () => {
    const [inv] = await db.select().from(invitations).where(eq(invitations.procedureId, procedureId));
    const form: Record<string, string> = { nprsBack: "7", nprsLeg: "6", walkingMinutes: "10", pgic: "4" };
    for (let i = 1; i <= 10; i++) form[`odi${i}`] = "2";
    expect((await submitInvitationAnswers(invitationLinks(inv!.id).token, form, "198.51.100.7")).state).toBe("saved");
    const [reported] = await db.select().from(assessments).where(eq(assessments.procedureId, procedureId));
    expect(reported).toMatchObject({ source: "patient", nprsBack: 7, odi: 40, pgic: 4 });
    const edit = {
      procedureId: String(procedureId),
      timepoint: "week_6",
      assessedOn: reported!.assessedOn,
      nprsBack: "2",
      nprsLeg: "6",
      odiMode: "total",
      odi: "40",
      walkingMinutes: "10",
      pgic: "4",
    };
    await expect(updateAssessment(owner, reported!.id, edit)).rejects.toBeInstanceOf(ValidationError);
    const corrected = await updateAssessment(owner, reported!.id, { ...edit, correctionReason: "Patient phoned: pressed 7 for 2 by mistake" });
    expect(corrected).toMatchObject({ source: "patient", nprsBack: 2, correctionReason: "Patient phoned: pressed 7 for 2 by mistake" });
    expect(JSON.parse(corrected.patientOriginal!)).toMatchObject({ nprsBack: 7, nprsLeg: 6, odi: 40, pgic: 4 });
    // A second correction keeps the first original.
    const again = await updateAssessment(owner, reported!.id, { ...edit, nprsBack: "3", correctionReason: "Second call" });
    expect(JSON.parse(again.patientOriginal!)).toMatchObject({ nprsBack: 7 });
  });
});
