import "server-only";
import { and, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { getDb, transaction, type AppDatabase } from "@/db/client";
import type { InactiveFollowUpStatus } from "@/db/enums";
import { assessments, diaryEntries, followUpStatuses, invitations, outboxMessages, patients, procedures, sites } from "@/db/schema";
import { newInvitationToken } from "@/lib/auth/invitationToken";
import { addDaysIso, todayIn } from "@/lib/outcomes/dates";
import { INVITED_TIMEPOINTS, keyText, parseKeyText, type InvitationKey } from "@/lib/outcomes/invitations/invitationKeys";
import { scheduleSettingsFrom, type ScheduleSettings } from "@/lib/outcomes/invitations/invitationTiming";
import { planInvitations, type InvitationAction, type SentInvitation } from "@/lib/outcomes/invitations/planInvitations";
import { queueInvitationMessage, sendsEmail, type MessageRecipient } from "./invitationMessages";
import { invitationLinks } from "@/lib/messaging/invitationLinks";
import { zoneOf } from "@/lib/dal/siteClock";
import { withProcedureContext } from "@/lib/dal/records/procedureContext";
import { RECIPIENT_COLUMNS } from "./recipientColumns";

/**
 * The scheduler's pass: for every procedure of a patient who has ever consented to be contacted, ask the pure
 * planner (lib/outcomes/invitations/planInvitations.ts) what is due now and do it — create and send
 * invitations, remind, expire — each procedure in one transaction with the outbox messages it queues, so a
 * message exists exactly when its invitation does. Run by the server's background loop and by
 * `npm run messages:send`; safe to run twice (the planner gives nothing already done).
 */

export type SchedulerReport = { procedures: number; sent: number; reminded: number; expired: number; failed: number };

/** The follow-up of a procedure lasts until its 24-month window closes; older procedures are never planned. */
const FOLLOW_UP_DAYS = 800;

type Candidate = {
  procedureId: number;
  procedureDate: string;
  siteId: number;
  clinicName: string;
  timeZone: string | null;
  followUpStatus: InactiveFollowUpStatus | null;
  name: string;
  email: string | null;
  language: string;
  preferredChannel: "email" | "letter";
  contactConsentAt: string | null;
  optedOutAt: string | null;
};

export type InvitationRow = typeof invitations.$inferSelect;

/**
 * Each procedure's invitation rows and the questionnaires already answered — by the patient's link, or a clinic
 * visit at that timepoint — read once for all the procedures asked (a chunk of the pass, or one inside its transaction).
 */
async function planInputs(db: AppDatabase, ids: number[]): Promise<Map<number, { rows: InvitationRow[]; completed: InvitationKey[] }>> {
  const [rows, visits, days] = await Promise.all([
    db.select().from(invitations).where(inArray(invitations.procedureId, ids)),
    db
      .select({ procedureId: assessments.procedureId, timepoint: assessments.timepoint })
      .from(assessments)
      .where(and(inArray(assessments.procedureId, ids), inArray(assessments.timepoint, [...INVITED_TIMEPOINTS]))),
    db.select({ procedureId: diaryEntries.procedureId, day: diaryEntries.day }).from(diaryEntries).where(inArray(diaryEntries.procedureId, ids)),
  ]);
  const inputs = new Map(ids.map((id) => [id, { rows: [] as InvitationRow[], keys: new Map<string, InvitationKey>() }]));
  const add = (id: number, k: InvitationKey | null) => k && inputs.get(id)?.keys.set(keyText(k), k);
  for (const v of visits) add(v.procedureId, parseKeyText(`follow_up:${v.timepoint}`));
  for (const d of days) add(d.procedureId, parseKeyText(`diary:${d.day}`));
  for (const r of rows) {
    inputs.get(r.procedureId)?.rows.push(r);
    if (r.status === "completed") add(r.procedureId, parseKeyText(r.key));
  }
  return new Map([...inputs].map(([id, { rows, keys }]) => [id, { rows, completed: [...keys.values()] }]));
}

function sentInvitation(r: InvitationRow): SentInvitation | null {
  const key = parseKeyText(r.key);
  if (!key) return null;
  return { key, sentAt: r.sentAt ?? r.plannedAt, remindersSent: r.reminderCount, expired: r.status === "expired" };
}

/** A new invitation row for `key`; its token hash is the one derived from its id (lib/messaging/invitationLinks.ts). */
export async function createInvitation(tx: AppDatabase, procedureId: number, key: InvitationKey, expiresAt: string, now: Date, sent: boolean) {
  const [row] = await tx
    .insert(invitations)
    .values({
      procedureId,
      kind: key.kind,
      day: key.kind === "diary" ? key.day : null,
      timepoint: key.kind === "follow_up" ? key.timepoint : null,
      key: keyText(key),
      // A hash nobody holds the token of, until the row has the id its own token is derived from.
      tokenHash: newInvitationToken().hash,
      status: sent ? "sent" : "planned",
      plannedAt: now.toISOString(),
      sentAt: sent ? now.toISOString() : null,
      expiresAt,
    })
    .returning();
  const { hash } = invitationLinks(row!.id);
  const [withHash] = await tx.update(invitations).set({ tokenHash: hash }).where(eq(invitations.id, row!.id)).returning();
  return withHash!;
}

async function apply(tx: AppDatabase, c: Candidate, rows: InvitationRow[], action: InvitationAction, now: Date, report: SchedulerReport) {
  const recipient: MessageRecipient = c;
  const stamp = now.toISOString();
  if (action.action === "send") {
    const email = sendsEmail(recipient);
    const row = await createInvitation(tx, c.procedureId, action.key, action.expiresAt, now, email);
    if (email) await queueInvitationMessage(tx, row, recipient, action.key.kind === "diary" ? "diary" : "invitation");
    report.sent += 1;
    return;
  }
  const row = rows.find((r) => r.key === keyText(action.key));
  if (!row) return;
  if (action.action === "remind") {
    await tx.update(invitations).set({ reminderCount: action.reminder, updatedAt: stamp }).where(eq(invitations.id, row.id));
    // A patient who gets letters is called instead: the worklist shows the reminders due.
    if (sendsEmail(recipient)) await queueInvitationMessage(tx, row, recipient, "reminder");
    report.reminded += 1;
    return;
  }
  await tx.update(invitations).set({ status: "expired", statusReason: action.reason, updatedAt: stamp }).where(eq(invitations.id, row.id));
  report.expired += 1;
}

/** What is due for one procedure, from its invitations and its answers: invitations answered elsewhere, and the planner's actions. */
function dueFor(c: Candidate, rows: InvitationRow[], completed: InvitationKey[], now: Date, settings: ScheduleSettings) {
  // Answered another way (at a clinic visit): the invitation is done, and says how.
  const done = new Set(completed.map(keyText));
  const answeredElsewhere = rows.filter((r) => done.has(r.key) && ["planned", "sent", "opened", "failed"].includes(r.status)).map((r) => r.id);
  const plan = planInvitations(
    {
      procedureDate: c.procedureDate,
      timeZone: zoneOf(c.timeZone),
      followUpStatus: c.followUpStatus ?? "active",
      consentedAt: c.contactConsentAt,
      optedOutAt: c.optedOutAt,
      completed,
      invitations: rows.map(sentInvitation).filter((s): s is SentInvitation => s !== null),
    },
    now,
    settings,
  );
  return { answeredElsewhere, actions: plan.actions };
}

/** Plans and acts for one procedure, in one transaction. */
async function planProcedure(c: Candidate, now: Date, settings: ScheduleSettings, report: SchedulerReport): Promise<void> {
  await transaction(async (tx) => {
    const { rows, completed } = (await planInputs(tx, [c.procedureId])).get(c.procedureId)!;
    const { answeredElsewhere, actions } = dueFor(c, rows, completed, now, settings);
    if (answeredElsewhere.length > 0)
      await tx
        .update(invitations)
        .set({ status: "completed", statusReason: "answered_at_clinic", updatedAt: now.toISOString() })
        .where(inArray(invitations.id, answeredElsewhere));
    for (const action of actions) await apply(tx, c, rows, action, now, report);
  });
}

/** Candidates read and planned per chunk, outside any transaction; only those with something due take a writer's turn. */
const PLAN_CHUNK = 500;

/**
 * The procedures of `chunk` that have something due, judged from one read of their invitations and answers: most
 * have nothing due on a given pass, and a transaction each (the writer's turn, held across its reads) made a pass
 * over a large practice hold up every request. Whatever is due is then done by planProcedure, which reads and
 * plans again inside its transaction, so a write in between is never lost.
 */
async function withSomethingDue(chunk: Candidate[], now: Date, settings: ScheduleSettings): Promise<Candidate[]> {
  const inputs = await planInputs(
    getDb(),
    chunk.map((c) => c.procedureId),
  );
  return chunk.filter((c) => {
    const { rows, completed } = inputs.get(c.procedureId)!;
    const due = dueFor(c, rows, completed, now, settings);
    return due.answeredElsewhere.length > 0 || due.actions.length > 0;
  });
}

/** Invitations whose latest message the outbox gave up on show as failed (a bounce, a refused address). */
async function markFailedInvitations(report: SchedulerReport): Promise<void> {
  const db = getDb();
  const failed = await db
    .select({ entityId: outboxMessages.entityId })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.entity, "invitation"), eq(outboxMessages.status, "failed")));
  const ids = [...new Set(failed.map((f) => Number(f.entityId)).filter(Number.isInteger))];
  if (ids.length === 0) return;
  const changed = await db
    .update(invitations)
    .set({ status: "failed", statusReason: "message_failed", updatedAt: new Date().toISOString() })
    .where(and(inArray(invitations.id, ids), inArray(invitations.status, ["sent", "planned"])))
    .returning({ id: invitations.id });
  report.failed += changed.length;
}

export async function runInvitationScheduler(now: Date = new Date(), settings: ScheduleSettings = scheduleSettingsFrom()): Promise<SchedulerReport> {
  const report: SchedulerReport = { procedures: 0, sent: 0, reminded: 0, expired: 0, failed: 0 };
  await markFailedInvitations(report);
  const since = addDaysIso(todayIn(undefined, now), -FOLLOW_UP_DAYS);
  const query = getDb()
    .select({
      procedureId: procedures.id,
      procedureDate: procedures.procedureDate,
      timeZone: sites.timeZone,
      // Lost, withdrawn or deceased: the planner sends nothing more (no row: still followed).
      followUpStatus: followUpStatuses.status,
      ...RECIPIENT_COLUMNS,
    })
    .from(procedures)
    .leftJoin(followUpStatuses, eq(followUpStatuses.procedureId, procedures.id))
    .$dynamic();
  const candidates: Candidate[] = await withProcedureContext(query)
    .where(and(isNotNull(patients.contactConsentAt), gte(procedures.procedureDate, since)))
    .orderBy(procedures.id);
  report.procedures = candidates.length;
  for (let from = 0; from < candidates.length; from += PLAN_CHUNK) {
    for (const c of await withSomethingDue(candidates.slice(from, from + PLAN_CHUNK), now, settings)) await planProcedure(c, now, settings, report);
    // A pass over a large practice runs beside the requests it serves: they are answered between chunks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return report;
}
