import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { assessments, diaryEntries, invitations, outboxMessages, patients, procedures } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { actorOf, loadOwnProcedure, loadVisibleProcedure, nowIso } from "@/lib/dal/access";
import { NotFoundError, ValidationError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { hasActiveConsent } from "@/lib/outcomes/contactConsent";
import { allInvitationKeys, keyText, parseKeyText } from "@/lib/outcomes/invitations/invitationKeys";
import { invitationTiming } from "@/lib/outcomes/invitations/invitationTiming";
import { queueInvitationMessage, sendsEmail, type MessageRecipient } from "./invitationMessages";
import { createInvitation } from "./scheduler";
import { invitationLinks } from "@/lib/messaging/invitationLinks";
import { siteTimeZone } from "@/lib/dal/siteClock";
import { firstNameOf } from "./firstName";
import { withProcedureContext } from "@/lib/dal/records/procedureContext";
import { RECIPIENT_COLUMNS } from "./recipientColumns";

/**
 * What staff see and do with a procedure's invitations: the list with each state and what the outbox says of
 * its messages (a failure, a bounce), the diary, sending one by hand, and printing the link as a letter. Seeing
 * follows the procedure (its physician; quality officers and administrators read); acting is its physician's.
 */

export type InvitationListRow = typeof invitations.$inferSelect & {
  messages: { id: number; kind: string; status: string; lastError: string | null; sentAt: string | null }[];
};

export async function listProcedureInvitations(principal: Principal, procedureId: number, now: Date = new Date()) {
  const procedure = await loadVisibleProcedure(principal, procedureId);
  const db = getDb();
  const rows = await db.select().from(invitations).where(eq(invitations.procedureId, procedureId)).orderBy(asc(invitations.plannedAt), asc(invitations.id));
  const messages = rows.length
    ? await db
        .select({
          id: outboxMessages.id,
          entityId: outboxMessages.entityId,
          kind: outboxMessages.kind,
          status: outboxMessages.status,
          lastError: outboxMessages.lastError,
          sentAt: outboxMessages.sentAt,
        })
        .from(outboxMessages)
        .where(
          and(
            eq(outboxMessages.entity, "invitation"),
            inArray(
              outboxMessages.entityId,
              rows.map((r) => String(r.id)),
            ),
          ),
        )
        .orderBy(asc(outboxMessages.id))
    : [];
  const diary = await db.select().from(diaryEntries).where(eq(diaryEntries.procedureId, procedureId)).orderBy(asc(diaryEntries.day));
  const list: InvitationListRow[] = rows.map((r) => ({ ...r, messages: messages.filter((m) => m.entityId === String(r.id)) }));
  const answered = await db.select({ timepoint: assessments.timepoint }).from(assessments).where(eq(assessments.procedureId, procedureId));
  const done = new Set([
    ...rows.filter((r) => r.status === "completed" || r.status === "expired").map((r) => r.key),
    ...diary.map((d) => `diary:${d.day}`),
    ...answered.map((a) => `follow_up:${a.timepoint}`),
  ]);
  const sendable = sendableKeys(procedure.procedureDate, await siteTimeZone(procedure.siteId), done, now);
  return { invitations: list, diary, sendable };
}

/** A questionnaire may be sent by hand up to a day before it would go out by itself. */
const EARLY_MS = 24 * 3600_000;

async function recipientOf(procedureId: number) {
  const query = getDb()
    .select({ patientId: patients.id, ...RECIPIENT_COLUMNS })
    .from(procedures)
    .$dynamic();
  const [row] = await withProcedureContext(query).where(eq(procedures.id, procedureId)).limit(1);
  if (!row) throw new NotFoundError("Procedure");
  return row;
}

/** The questionnaires of a procedure that can be sent by hand now: not answered, window open (or opening tomorrow). */
function sendableKeys(procedureDate: string, timeZone: string, answered: Set<string>, now = new Date()): string[] {
  return allInvitationKeys()
    .filter((k) => !answered.has(keyText(k)))
    .filter((k) => {
      const t = invitationTiming(k, { procedureDate, timeZone });
      return now.getTime() >= t.sendFrom.getTime() - EARLY_MS && now < t.expiresAt;
    })
    .map(keyText);
}

/**
 * Sends a questionnaire by hand now (by email): a new invitation, or the existing one's link again. Refused
 * without an active consent, without an email address, once answered, or outside its window.
 */
export async function sendInvitationNow(principal: Principal, procedureId: number, key: string, now: Date = new Date()) {
  const parsedKey = parseKeyText(key);
  if (!parsedKey) throw new ValidationError({ key: ["Choose one of the procedure's questionnaires"] });
  return transaction(async (tx) => {
    const procedure = await loadOwnProcedure(principal, procedureId);
    const r = await recipientOf(procedureId);
    if (!hasActiveConsent(r)) throw new ValidationError({ key: ["The patient has not consented to be contacted (or has opted out)"] });
    const recipient: MessageRecipient = r;
    if (!sendsEmail(recipient)) throw new ValidationError({ key: ["The patient has no email address, or prefers a letter: print the letter instead"] });
    const timing = invitationTiming(parsedKey, { procedureDate: procedure.procedureDate, timeZone: await siteTimeZone(r.siteId) });
    if (now >= timing.expiresAt) throw new ValidationError({ key: ["This questionnaire's window has closed"] });
    if (now.getTime() < timing.sendFrom.getTime() - EARLY_MS) throw new ValidationError({ key: ["This questionnaire's window has not opened yet"] });
    const [existing] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.procedureId, procedureId), eq(invitations.key, keyText(parsedKey))))
      .limit(1);
    if (existing?.status === "completed") throw new ValidationError({ key: ["The patient has already answered this questionnaire"] });
    const row = existing ?? (await createInvitation(tx, procedureId, parsedKey, timing.expiresAt.toISOString(), now, true));
    if (existing)
      await tx
        .update(invitations)
        .set({
          status: existing.status === "opened" ? "opened" : "sent",
          statusReason: null,
          sentAt: existing.sentAt ?? now.toISOString(),
          expiresAt: timing.expiresAt.toISOString(),
          updatedAt: nowIso(),
        })
        .where(eq(invitations.id, existing.id));
    const messageId = await queueInvitationMessage(tx, row, recipient, parsedKey.kind === "diary" ? "diary" : "invitation");
    await appendAudit(tx, { actor: actorOf(principal), action: "invitation.send", entity: "invitation", entityId: row.id, after: { key: row.key, messageId } });
    return { invitationId: row.id, messageId };
  });
}

/**
 * The letter for a patient without email: the questionnaire's link (and its QR code, drawn by the page) with the
 * patient's name and the clinic's, for the procedure's physician to print. The invitation is created if the
 * scheduler has not yet, a planned one is marked sent (handed over), and the printing is audited: the letter
 * carries the link.
 */
export async function invitationLetter(principal: Principal, procedureId: number, key: string, now: Date = new Date()) {
  const parsedKey = parseKeyText(key);
  if (!parsedKey) throw new NotFoundError("Invitation");
  return transaction(async (tx) => {
    const procedure = await loadOwnProcedure(principal, procedureId);
    const r = await recipientOf(procedureId);
    if (!hasActiveConsent(r)) throw new ValidationError({ key: ["The patient has not consented to be contacted (or has opted out)"] });
    const timing = invitationTiming(parsedKey, { procedureDate: procedure.procedureDate, timeZone: await siteTimeZone(r.siteId) });
    const [existing] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.procedureId, procedureId), eq(invitations.key, keyText(parsedKey))))
      .limit(1);
    if (existing?.status === "completed" || existing?.status === "expired" || now >= timing.expiresAt)
      throw new ValidationError({ key: ["This questionnaire is no longer open"] });
    const row = existing ?? (await createInvitation(tx, procedureId, parsedKey, timing.expiresAt.toISOString(), now, true));
    if (row.status === "planned")
      await tx.update(invitations).set({ status: "sent", sentAt: now.toISOString(), updatedAt: now.toISOString() }).where(eq(invitations.id, row.id));
    await appendAudit(tx, { actor: actorOf(principal), action: "invitation.letter", entity: "invitation", entityId: row.id, after: { key: row.key } });
    const { link } = invitationLinks(row.id);
    return { key: row.key, expiresAt: row.expiresAt, patientName: r.name, firstName: firstNameOf(r.name), clinicName: r.clinicName, link };
  });
}
