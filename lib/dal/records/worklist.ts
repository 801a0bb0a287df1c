import "server-only";
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { ContactOutcome } from "@/db/enums";
import { getDb } from "@/db/client";
import { assessments, contactAttempts, invitations, patients, procedures, users } from "@/db/schema";
import { stillFollowed } from "@/lib/dal/records/followUpSql";
import { addDaysIso, daysBetween, type Clock } from "@/lib/outcomes/dates";
import { followUpState, SCHEDULE, type ScheduledTimepoint } from "@/lib/outcomes/timepoints";
import { idEquals } from "@/lib/dal/filters";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";
import { siteDays } from "@/lib/dal/siteClock";

export type WorklistItem = {
  procedureId: number;
  patientId: number;
  patientName: string;
  mrn: string;
  physicianName: string;
  procedureDate: string;
  timepoint: ScheduledTimepoint;
  state: "due" | "overdue";
  windowOpens: string;
  nominalDate: string;
  windowCloses: string;
  /** days until the window closes (0 = closes today) */
  daysLeft: number;
  /** Contact attempts recorded for the procedure, and the latest one ("3rd attempt, 2 Jun: no answer"). */
  attempts: number;
  lastAttempt: { on: string; outcome: ContactOutcome } | null;
  /**
   * The timepoint's invitation when the patient was reminded twice and has not answered (nor opened a reply):
   * the worklist says to call, and offers the link letter. Null otherwise.
   */
  unansweredInvitation: { key: string; reminders: number } | null;
};

/** Reminders after which an unanswered invitation becomes a call (the schedule sends two: after 3 and 7 days). */
export const CALL_AFTER_REMINDERS = 2;

const LAST_WINDOW_END = Math.max(...SCHEDULE.map((w) => w.to));
const FIRST_WINDOW_START = Math.min(...SCHEDULE.map((w) => w.from));

/**
 * Open follow-ups, most urgent first: overdue ones by how soon their window closes, then due ones by how
 * soon their nominal day comes. Only procedures young enough to have an open window are read. Each procedure's
 * windows are counted on its site's today, so a clinic east of the server sees tomorrow's follow-ups open on time.
 */
export async function getWorklist(principal: Principal, opts: { physician?: number } = {}, clock: Clock = new Date()) {
  const db = getDb();
  const days = await siteDays(clock);
  // Sites' todays differ by at most a day from the server's: read a day either side, then judge each on its own.
  const anyToday = days.server;
  const candidates = await db
    .select({
      id: procedures.id,
      patientId: procedures.patientId,
      procedureDate: procedures.procedureDate,
      siteId: procedures.siteId,
      patientName: patients.name,
      mrn: patients.mrn,
      physicianName: users.name,
    })
    .from(procedures)
    .innerJoin(patients, eq(patients.id, procedures.patientId))
    .innerJoin(users, eq(users.id, procedures.physicianId))
    .where(
      and(
        procedureScope(principal),
        opts.physician && canSeeAllPhysicians(principal) ? idEquals(procedures.physicianId, opts.physician) : undefined,
        gte(procedures.procedureDate, addDaysIso(anyToday, -LAST_WINDOW_END - 1)),
        lte(procedures.procedureDate, addDaysIso(anyToday, -FIRST_WINDOW_START + 1)),
        // Lost, withdrawn or deceased: no longer expected anywhere, so nothing to chase.
        stillFollowed,
      ),
    );

  const done = new Map<number, Set<string>>();
  const attempts = new Map<number, { n: number; last: WorklistItem["lastAttempt"] }>();
  const unanswered = new Map<string, NonNullable<WorklistItem["unansweredInvitation"]>>();
  // Chunked IN lists keep each statement under the backends' parameter limits.
  for (let i = 0; i < candidates.length; i += 500) {
    const ids = candidates.slice(i, i + 500).map((c) => c.id);
    const chunk = await db
      .select({ procedureId: assessments.procedureId, timepoint: assessments.timepoint })
      .from(assessments)
      .where(inArray(assessments.procedureId, ids));
    for (const a of chunk) {
      if (!done.has(a.procedureId)) done.set(a.procedureId, new Set());
      done.get(a.procedureId)!.add(a.timepoint);
    }
    const contacts = await db
      .select({ procedureId: contactAttempts.procedureId, on: contactAttempts.attemptedOn, outcome: contactAttempts.outcome, id: contactAttempts.id })
      .from(contactAttempts)
      .where(inArray(contactAttempts.procedureId, ids))
      .orderBy(asc(contactAttempts.attemptedOn), asc(contactAttempts.id));
    for (const c of contacts) attempts.set(c.procedureId, { n: (attempts.get(c.procedureId)?.n ?? 0) + 1, last: { on: c.on, outcome: c.outcome } });
    const reminded = await db
      .select({ procedureId: invitations.procedureId, key: invitations.key, timepoint: invitations.timepoint, reminders: invitations.reminderCount })
      .from(invitations)
      .where(
        and(
          inArray(invitations.procedureId, ids),
          eq(invitations.kind, "follow_up"),
          inArray(invitations.status, ["sent", "opened"]),
          gte(invitations.reminderCount, CALL_AFTER_REMINDERS),
        ),
      );
    for (const r of reminded) unanswered.set(`${r.procedureId}:${r.timepoint}`, { key: r.key, reminders: r.reminders });
  }

  const items: WorklistItem[] = [];
  for (const c of candidates) {
    const daysSince = daysBetween(c.procedureDate, days.byId(c.siteId));
    for (const w of SCHEDULE) {
      const state = followUpState(w.timepoint, daysSince, done.get(c.id)?.has(w.timepoint) ?? false);
      if (state !== "due" && state !== "overdue") continue;
      items.push({
        procedureId: c.id,
        patientId: c.patientId,
        patientName: c.patientName,
        mrn: c.mrn,
        physicianName: c.physicianName,
        procedureDate: c.procedureDate,
        timepoint: w.timepoint,
        state,
        windowOpens: addDaysIso(c.procedureDate, w.from),
        nominalDate: addDaysIso(c.procedureDate, w.day),
        windowCloses: addDaysIso(c.procedureDate, w.to),
        daysLeft: w.to - daysSince,
        attempts: attempts.get(c.id)?.n ?? 0,
        lastAttempt: attempts.get(c.id)?.last ?? null,
        unansweredInvitation: unanswered.get(`${c.id}:${w.timepoint}`) ?? null,
      });
    }
  }
  items.sort((a, b) => {
    if (a.state !== b.state) return a.state === "overdue" ? -1 : 1;
    return a.state === "overdue"
      ? a.daysLeft - b.daysLeft || a.procedureId - b.procedureId
      : a.nominalDate.localeCompare(b.nominalDate) || a.procedureId - b.procedureId;
  });
  return {
    items,
    counts: { overdue: items.filter((i) => i.state === "overdue").length, due: items.filter((i) => i.state === "due").length },
  };
}
