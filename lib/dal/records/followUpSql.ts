import "server-only";
import { and, gte, lt, lte, not, or, sql, type SQL } from "drizzle-orm";
import { configuredDialect } from "@/db/dialect";
import { followUpStatuses, procedures } from "@/db/schema";
import { addDaysIso } from "@/lib/outcomes/dates";
import { SCHEDULE, type ScheduledTimepoint } from "@/lib/outcomes/timepoints";

/**
 * Follow-up states as SQL over the procedures table, for filters and counts. Day arithmetic is done on
 * today's date in TypeScript, so the SQL only compares ISO date strings.
 *
 * Each state is "some timepoint whose window (a range of procedure dates) is in a given phase and which has
 * no assessment". SQLite answers that fastest as an OR of (date range AND NOT EXISTS) per procedure.
 * PostgreSQL cannot turn a NOT EXISTS under an OR into an anti-join and hashes every assessment of every
 * timepoint instead (0.6 s for one list page at 100,000 procedures). There each window becomes its own
 * small, uncorrelated anti-join (date-range index scan, then one index probe per candidate) that the planner
 * hashes once and probes per row; the negation ("up to date") is an anti-join against their UNION ALL.
 * tests/integration/follow-up-filters.test.ts checks both forms against the TypeScript rule.
 */
/** A procedure still followed: no lost, withdrawn or deceased mark (lib/outcomes/followUpStatus.ts). */
export const stillFollowed = sql`not exists (select 1 from ${followUpStatuses} fs where fs.procedure_id = ${procedures.id})`;

export const assessedAt = (timepoint: ScheduledTimepoint) =>
  sql`exists (select 1 from assessments a where a.procedure_id = ${procedures.id} and a.timepoint = ${timepoint})`;

const followUps = SCHEDULE.filter((w) => w.timepoint !== "baseline");

/** One window: procedures dated in [from, to] (from open when null) lacking an assessment at `timepoint`. */
type Window = { from: string | null; to: string; timepoint: ScheduledTimepoint; strictlyBefore?: boolean };

function overdueWindows(today: string): Window[] {
  return followUps.filter((w) => w.to > w.day).map((w) => ({ from: addDaysIso(today, -w.to), to: addDaysIso(today, -(w.day + 1)), timepoint: w.timepoint }));
}
function dueWindows(today: string): Window[] {
  return followUps.map((w) => ({ from: addDaysIso(today, -w.day), to: addDaysIso(today, -w.from), timepoint: w.timepoint }));
}
function missedWindows(today: string): Window[] {
  return SCHEDULE.map((w) => ({ from: null, to: addDaysIso(today, -w.to), timepoint: w.timepoint, strictlyBefore: true }));
}

function perRow(windows: Window[]): SQL {
  return or(
    ...windows.map((w) =>
      and(
        w.from === null ? undefined : gte(procedures.procedureDate, w.from),
        w.strictlyBefore ? lt(procedures.procedureDate, w.to) : lte(procedures.procedureDate, w.to),
        not(assessedAt(w.timepoint)),
      ),
    ),
  )!;
}

function idSet(windows: Window[]): SQL {
  const branches = windows.map(
    (w) => sql`select p2.id from procedures p2 where ${w.from === null ? sql`true` : sql`p2.procedure_date >= ${w.from}`}
      and p2.procedure_date ${w.strictlyBefore ? sql`<` : sql`<=`} ${w.to}
      and not exists (select 1 from assessments a where a.procedure_id = p2.id and a.timepoint = ${w.timepoint})`,
  );
  return sql.join(branches, sql` union all `);
}

function inAny(windows: Window[]): SQL {
  if (configuredDialect() !== "postgres") return perRow(windows);
  return or(...windows.map((w) => sql`${procedures.id} in (${idSet([w])})`))!;
}

function inNone(windows: Window[]): SQL {
  // NOT EXISTS (not NOT IN): PostgreSQL plans it as an anti-join however large the set is.
  return configuredDialect() === "postgres"
    ? sql`not exists (select 1 from (${idSet(windows)}) open_ids where open_ids.id = ${procedures.id})`
    : not(perRow(windows));
}

/** Some timepoint's window is open, past its nominal day, and not assessed — of a patient still followed (nothing to chase otherwise). */
export const hasOverdue = (today: string): SQL => and(stillFollowed, inAny(overdueWindows(today)))!;
/** Some timepoint's window is open, not yet past its nominal day, and not assessed — of a patient still followed. */
export const hasDue = (today: string): SQL => and(stillFollowed, inAny(dueWindows(today)))!;
/** Some timepoint's window has closed without an assessment (baseline: the procedure date has passed). */
export const hasMissed = (today: string): SQL => inAny(missedWindows(today));
/** Nothing overdue and nothing missed: the procedure's follow-up is up to date. */
export const upToDate = (today: string): SQL => and(inNone(missedWindows(today)), inNone(overdueWindows(today)))!;
