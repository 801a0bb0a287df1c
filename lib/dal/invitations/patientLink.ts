import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, transaction, type AppDatabase } from "@/db/client";
import { assessments, diaryEntries, invitations, patients, procedures } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { hashInvitationToken, resolveInvitationToken } from "@/lib/auth/invitationToken";
import { hasActiveConsent } from "@/lib/outcomes/contactConsent";
import { addDaysIso, todayIn } from "@/lib/outcomes/dates";
import { scoreFollowUp, type QuestionnaireKind } from "@/lib/outcomes/instruments/questionnaire";
import { parseQuestionnaire, questionnaireValues, type QuestionnaireForm } from "@/lib/validation/questionnaire";
import { linkRetryAfter, recordLinkAttempt } from "./linkThrottle";
import { siteTimeZone } from "@/lib/dal/siteClock";
import { firstNameOf } from "./firstName";
import { withProcedureContext } from "@/lib/dal/records/procedureContext";
import { RECIPIENT_COLUMNS } from "./recipientColumns";

/**
 * What a patient does with their link, with no account and no session: open the questionnaire, send the
 * answers, opt out. Every presented token goes through resolveInvitationToken (one path whatever is wrong with
 * it), and anything that does not open a live invitation — malformed, altered, unknown, expired, stopped by an
 * opt-out — is the same "unavailable" answer with nothing written but the throttle's row. Every open and submit
 * is audited with the actor "patient (link)".
 */
export const PATIENT_LINK_ACTOR = { id: null, email: "patient (link)" } as const;

type LinkRow = {
  id: number;
  procedureId: number;
  kind: QuestionnaireKind;
  day: number | null;
  timepoint: string | null;
  status: string;
  tokenHash: string;
  expiresAt: string;
  openedAt: string | null;
  patientId: number;
  name: string;
  email: string | null;
  preferredChannel: "email" | "letter";
  language: string;
  contactConsentAt: string | null;
  optedOutAt: string | null;
  clinicName: string;
  siteId: number;
  procedureDate: string;
};

async function findByHash(hash: string): Promise<LinkRow | undefined> {
  const query = getDb()
    .select({
      id: invitations.id,
      procedureId: invitations.procedureId,
      kind: invitations.kind,
      day: invitations.day,
      timepoint: invitations.timepoint,
      status: invitations.status,
      tokenHash: invitations.tokenHash,
      expiresAt: invitations.expiresAt,
      openedAt: invitations.openedAt,
      patientId: patients.id,
      procedureDate: procedures.procedureDate,
      ...RECIPIENT_COLUMNS,
    })
    .from(invitations)
    .innerJoin(procedures, eq(procedures.id, invitations.procedureId))
    .$dynamic();
  const [row] = await withProcedureContext(query).where(eq(invitations.tokenHash, hash)).limit(1);
  return row;
}

/** What the patient's page may show: the first name, the clinic's name, and what is asked. Nothing else. */
export type LinkView = {
  kind: QuestionnaireKind;
  firstName: string;
  clinicName: string;
  language: string;
  /** The diary day's calendar date, for the heading ("your back today, 5 Mar 2026"). */
  diaryDate: string | null;
};

export type LinkAnswer =
  { state: "unavailable" } | { state: "throttled"; retryAfterSeconds: number } | { state: "done"; view: LinkView } | { state: "open"; view: LinkView };

const viewOf = (r: LinkRow): LinkView => ({
  kind: r.kind,
  firstName: firstNameOf(r.name),
  clinicName: r.clinicName,
  language: r.language,
  diaryDate: r.kind === "diary" && r.day !== null ? addDaysIso(r.procedureDate, r.day) : null,
});

/** The live invitation behind `token`, after the throttle; or why there is none to show. */
async function resolveLink(token: unknown, address: string | null, now: Date): Promise<{ row: LinkRow } | { answer: LinkAnswer }> {
  const presentedHash = hashInvitationToken(typeof token === "string" ? token.slice(0, 128) : "");
  const wait = await linkRetryAfter(presentedHash, address, now.getTime());
  if (wait > 0) return { answer: { state: "throttled", retryAfterSeconds: wait } };
  const found = await resolveInvitationToken(token, now, findByHash);
  // Stopped (expired by the scheduler, or the patient opted out since): the same answer as an unknown token.
  const live = found && found.status !== "expired" && (found.status === "completed" || hasActiveConsent(found)) ? found : null;
  await recordLinkAttempt(presentedHash, address, live !== null, now.getTime());
  return live ? { row: live } : { answer: { state: "unavailable" } };
}

const audit = (tx: AppDatabase, action: string, entity: string, entityId: number, before?: unknown, after?: unknown) =>
  appendAudit(tx, { actor: PATIENT_LINK_ACTOR, action, entity, entityId, before, after });

/** Opening the link: the questionnaire to answer, or "already received". The first open marks it opened. */
export async function openInvitationLink(token: unknown, address: string | null, now: Date = new Date()): Promise<LinkAnswer> {
  const resolved = await resolveLink(token, address, now);
  if ("answer" in resolved) return resolved.answer;
  const { row } = resolved;
  await transaction(async (tx) => {
    if (row.status === "sent" || row.status === "planned" || row.status === "failed")
      await tx
        .update(invitations)
        .set({ status: "opened", openedAt: row.openedAt ?? now.toISOString(), updatedAt: now.toISOString() })
        .where(eq(invitations.id, row.id));
    await audit(tx, "invitation.open", "invitation", row.id, undefined, { status: row.status === "completed" ? "completed" : "opened" });
  });
  return { state: row.status === "completed" ? "done" : "open", view: viewOf(row) };
}

export type SubmitAnswer =
  LinkAnswer | { state: "saved"; view: LinkView } | { state: "refused"; view: LinkView; errors: Record<string, string>; values: QuestionnaireForm };

/**
 * Sending the answers: checked, then written with the invitation's completion and the audit rows in one
 * transaction — a follow-up as an assessment marked `source: patient`, a diary day as a diary entry. A refusal
 * writes nothing and gives back what was typed with a message per field.
 */
export async function submitInvitationAnswers(
  token: unknown,
  posted: Record<string, unknown>,
  address: string | null,
  now: Date = new Date(),
): Promise<SubmitAnswer> {
  const resolved = await resolveLink(token, address, now);
  if ("answer" in resolved) return resolved.answer;
  const { row } = resolved;
  const view = viewOf(row);
  if (row.status === "completed") return { state: "done", view };
  const values = questionnaireValues(row.kind, posted);
  const parsed = parseQuestionnaire(row.kind, values);
  if (!parsed.ok) return { state: "refused", view, errors: parsed.errors, values };
  const stamp = now.toISOString();
  const written = await transaction(async (tx) => {
    // Inside the write: a second submit racing this one finds the invitation completed.
    const [current] = await tx.select({ status: invitations.status }).from(invitations).where(eq(invitations.id, row.id)).limit(1);
    if (current?.status === "completed") return false;
    if (parsed.kind === "diary") {
      const [existing] = await tx
        .select({ id: diaryEntries.id })
        .from(diaryEntries)
        .where(and(eq(diaryEntries.procedureId, row.procedureId), eq(diaryEntries.day, row.day!)))
        .limit(1);
      if (!existing) {
        const [entry] = await tx
          .insert(diaryEntries)
          .values({ procedureId: row.procedureId, day: row.day!, ...parsed.answers, invitationId: row.id, submittedAt: stamp })
          .returning();
        await audit(tx, "diary_entry.create", "diary_entry", entry!.id, undefined, entry);
      }
    } else {
      const scored = scoreFollowUp(parsed.answers);
      // A visit already recorded at this timepoint keeps its place; the patient's answers are kept beside it.
      const [taken] = await tx
        .select({ id: assessments.id })
        .from(assessments)
        .where(and(eq(assessments.procedureId, row.procedureId), eq(assessments.timepoint, row.timepoint as "week_2")))
        .limit(1);
      const [assessment] = await tx
        .insert(assessments)
        .values({
          procedureId: row.procedureId,
          timepoint: taken ? "unscheduled" : (row.timepoint as "week_2"),
          assessedOn: todayIn(await siteTimeZone(row.siteId), now),
          nprsBack: scored.nprsBack,
          nprsLeg: scored.nprsLeg,
          odi: scored.odi,
          odiSections: scored.odiSections.some((s) => s !== null) ? JSON.stringify(scored.odiSections) : null,
          walkingMinutes: scored.walkingMinutes,
          standingMinutes: scored.standingMinutes,
          pgic: scored.pgic,
          source: "patient",
        })
        .returning();
      await audit(tx, "assessment.create", "assessment", assessment!.id, undefined, assessment);
    }
    await tx
      .update(invitations)
      .set({ status: "completed", completedAt: stamp, openedAt: row.openedAt ?? stamp, updatedAt: stamp })
      .where(eq(invitations.id, row.id));
    await audit(tx, "invitation.submit", "invitation", row.id, { status: row.status }, { status: "completed" });
    return true;
  });
  return written ? { state: "saved", view } : { state: "done", view };
}

/**
 * One-click opt-out from a message's link (a POST): records the opt-out on the patient and ends every open
 * invitation of theirs at once, audited as the patient's. Works for a completed questionnaire's link too.
 */
export async function optOutByLink(
  token: unknown,
  address: string | null,
  now: Date = new Date(),
): Promise<LinkAnswer | { state: "opted_out"; view: LinkView }> {
  const resolved = await resolveLink(token, address, now);
  if ("answer" in resolved) return resolved.answer;
  const { row } = resolved;
  const stamp = now.toISOString();
  await transaction(async (tx) => {
    const [before] = await tx.select().from(patients).where(eq(patients.id, row.patientId)).limit(1);
    const [after] = await tx
      .update(patients)
      .set({ optedOutAt: stamp, optOutMethod: "link", updatedAt: stamp })
      .where(eq(patients.id, row.patientId))
      .returning();
    await audit(tx, "patient.opt_out", "patient", row.patientId, before, after);
    const theirs = tx.select({ id: procedures.id }).from(procedures).where(eq(procedures.patientId, row.patientId));
    await tx
      .update(invitations)
      .set({ status: "expired", statusReason: "opted_out", updatedAt: stamp })
      .where(and(inArray(invitations.procedureId, theirs), inArray(invitations.status, ["planned", "sent", "opened", "failed"])));
  });
  return { state: "opted_out", view: viewOf(row) };
}
