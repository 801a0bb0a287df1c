/**
 * The worklist as it was computed before it moved into SQL (every open follow-up read and ranked in memory),
 * kept as the oracle the SQL version is checked against: same rows, same order, same counts.
 */
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { assessments, contactAttempts, invitations, patients, procedures, users } from "@/db/schema";
import { stillFollowed } from "@/lib/dal/records/followUpSql";
import { CALL_AFTER_REMINDERS, type WorklistItem } from "@/lib/dal/records/worklist";
import { idEquals } from "@/lib/dal/filters";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";
import { siteDays } from "@/lib/dal/siteClock";
import { addDaysIso, daysBetween, type Clock } from "@/lib/outcomes/dates";
import { followUpState, SCHEDULE } from "@/lib/outcomes/timepoints";

const LAST_WINDOW_END = Math.max(...SCHEDULE.map((w) => w.to));
const FIRST_WINDOW_START = Math.min(...SCHEDULE.map((w) => w.from));

export async function referenceWorklist(db: AppDatabase, principal: Principal, physician: number | undefined, clock: Clock) {
  const days = await siteDays(clock);
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
        physician && canSeeAllPhysicians(principal) ? idEquals(procedures.physicianId, physician) : undefined,
        gte(procedures.procedureDate, addDaysIso(days.server, -LAST_WINDOW_END - 1)),
        lte(procedures.procedureDate, addDaysIso(days.server, -FIRST_WINDOW_START + 1)),
        stillFollowed,
      ),
    );
  const ids = candidates.map((c) => c.id);
  const done = new Map<number, Set<string>>();
  const attempts = new Map<number, { n: number; last: WorklistItem["lastAttempt"] }>();
  const unanswered = new Map<string, NonNullable<WorklistItem["unansweredInvitation"]>>();
  // Chunked IN lists keep each statement under the backends' parameter limits, as the old code did.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const a of await db.select().from(assessments).where(inArray(assessments.procedureId, chunk))) {
      if (!done.has(a.procedureId)) done.set(a.procedureId, new Set());
      done.get(a.procedureId)!.add(a.timepoint);
    }
    const contacts = await db
      .select()
      .from(contactAttempts)
      .where(inArray(contactAttempts.procedureId, chunk))
      .orderBy(asc(contactAttempts.attemptedOn), asc(contactAttempts.id));
    for (const c of contacts) attempts.set(c.procedureId, { n: (attempts.get(c.procedureId)?.n ?? 0) + 1, last: { on: c.attemptedOn, outcome: c.outcome } });
    const reminded = await db
      .select()
      .from(invitations)
      .where(
        and(
          inArray(invitations.procedureId, chunk),
          eq(invitations.kind, "follow_up"),
          inArray(invitations.status, ["sent", "opened"]),
          gte(invitations.reminderCount, CALL_AFTER_REMINDERS),
        ),
      );
    for (const r of reminded) unanswered.set(`${r.procedureId}:${r.timepoint}`, { key: r.key, reminders: r.reminderCount });
  }
  const items: WorklistItem[] = [];
  for (const c of candidates) {
    const daysSince = daysBetween(c.procedureDate, days.byId(c.siteId));
    for (const w of SCHEDULE) {
      const state = followUpState(w.timepoint, daysSince, done.get(c.id)?.has(w.timepoint) ?? false);
      if (state !== "due" && state !== "overdue") continue;
      items.push({
        id: c.id,
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
  return { items, counts: { overdue: items.filter((i) => i.state === "overdue").length, due: items.filter((i) => i.state === "due").length } };
}
