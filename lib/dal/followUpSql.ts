import "server-only";
import { and, gte, lt, lte, not, or, sql, type SQL } from "drizzle-orm";
import { procedures } from "@/db/schema";
import { addDaysIso } from "@/lib/outcomes/dates";
import { SCHEDULE, type ScheduledTimepoint } from "@/lib/outcomes/timepoints";

/**
 * Follow-up states as SQL over the procedures table, for filters and counts. Day arithmetic is done on
 * today's date in TypeScript, so the SQL only compares ISO date strings (portable to PostgreSQL).
 */
export const assessedAt = (timepoint: ScheduledTimepoint) =>
  sql`exists (select 1 from assessments a where a.procedure_id = ${procedures.id} and a.timepoint = ${timepoint})`;

const followUps = SCHEDULE.filter((w) => w.timepoint !== "baseline");

/** Some timepoint's window is open, past its nominal day, and not assessed. */
export function hasOverdue(today: string): SQL {
  return or(
    ...followUps
      .filter((w) => w.to > w.day)
      .map((w) => and(gte(procedures.procedureDate, addDaysIso(today, -w.to)), lte(procedures.procedureDate, addDaysIso(today, -(w.day + 1))), not(assessedAt(w.timepoint)))),
  )!;
}

/** Some timepoint's window is open, not yet past its nominal day, and not assessed. */
export function hasDue(today: string): SQL {
  return or(
    ...followUps.map((w) => and(gte(procedures.procedureDate, addDaysIso(today, -w.day)), lte(procedures.procedureDate, addDaysIso(today, -w.from)), not(assessedAt(w.timepoint)))),
  )!;
}

/** Some timepoint's window has closed without an assessment (baseline: the procedure date has passed). */
export function hasMissed(today: string): SQL {
  return or(...SCHEDULE.map((w) => and(lt(procedures.procedureDate, addDaysIso(today, -w.to)), not(assessedAt(w.timepoint)))))!;
}
