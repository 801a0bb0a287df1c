/**
 * Where each procedure's relief day comes from, and what visit-only data can honestly say (issue 16, item 7).
 *
 * A diary day is exact; a patient-dated onset is the patient's own dating; a visit only says relief came on or
 * before that visit and after the previous one — the interval-censored data Turnbull's estimator is for. So for
 * the procedures judged from visits alone (no diary, no dated onset) the dashboard shows, beside the
 * Kaplan–Meier curve (which puts each relief on its visit day), the Turnbull NPMLE: where it is not determined
 * (inside an innermost interval) it is given as the range it lies in.
 */
import { turnbull, type TurnbullResult } from "@/lib/stats";
import type { CohortProcedure } from "./cohort";

export type ReliefSourceCounts = {
  /** Relieved on a diary day (exact). */
  diary: number;
  /** Relieved on the day the patient dated the onset. */
  onset: number;
  /** Relieved at a visit (on or before it). */
  visit: number;
  /** Not (yet) relieved, followed up to their last assessment or diary day. */
  censored: number;
};

/** Cumulative share relieved by a day under Turnbull's estimate: a point where determined, else the range it lies in. */
export type TurnbullAt = { day: number; lower: number; upper: number };

export type VisitOnlyRelief = {
  /** Procedures without a diary or a dated onset, judged from visits: the estimate's n. */
  n: number;
  events: number;
  at: TurnbullAt[];
};

export const TURNBULL_DAYS = [14, 28, 42, 91, 182, 365];

export function reliefSourceCounts(procs: readonly CohortProcedure[]): ReliefSourceCounts {
  const counts: ReliefSourceCounts = { diary: 0, onset: 0, visit: 0, censored: 0 };
  for (const p of procs) {
    const r = p.relief;
    if ("excluded" in r) continue;
    if (r.event === 0) counts.censored++;
    else if (r.source === "diary") counts.diary++;
    else if (r.source === "onset") counts.onset++;
    else counts.visit++;
  }
  return counts;
}

/**
 * The interval each visit-only procedure's relief lies in: (last follow-up before the relieving visit — 0 for
 * the procedure — , that visit], or (last follow-up, ∞) when not relieved.
 */
function visitInterval(p: CohortProcedure): { left: number; right: number | null } | null {
  const r = p.relief;
  if ("excluded" in r || p.diary.length > 0 || r.source !== "assessment") return null;
  if (r.event === 0) return { left: r.day, right: null };
  let left = 0;
  for (const v of p.followUps) if (v.day >= 0 && v.day < r.day && v.day > left) left = v.day;
  // A relieving visit on the procedure's day leaves no interval to place it in: day 0 is the earliest (0, 1].
  return { left, right: Math.max(r.day, left + 1) };
}

/** Whether visitOnlyRelief reads the same from two versions of one procedure: the interval its relief lies in, or none. */
export function sameVisitInterval(a: CohortProcedure, b: CohortProcedure): boolean {
  const before = visitInterval(a);
  const now = visitInterval(b);
  return before === null || now === null ? before === now : before.left === now.left && before.right === now.right;
}

function cumulativeAt(result: TurnbullResult, day: number): { lower: number; upper: number } {
  // S is determined outside the innermost intervals: 1 before the first, the row's value from its right end to
  // the next row's left end; inside (left, right] it lies between the previous value and the row's.
  let before = 1;
  for (const row of result.rows) {
    if (day <= row.left) break;
    if (day < row.right) return { lower: 1 - before, upper: 1 - row.survival };
    before = row.survival;
  }
  return { lower: 1 - before, upper: 1 - before };
}

export function visitOnlyRelief(procs: readonly CohortProcedure[], days: readonly number[] = TURNBULL_DAYS): VisitOnlyRelief {
  const left: number[] = [];
  const right: (number | null)[] = [];
  for (const p of procs) {
    const i = visitInterval(p);
    if (!i) continue;
    left.push(i.left);
    right.push(i.right);
  }
  const events = right.filter((r) => r !== null).length;
  if (left.length === 0 || events === 0) return { n: left.length, events, at: [] };
  const result = turnbull({ left, right });
  return { n: left.length, events, at: days.map((day) => ({ day, ...cumulativeAt(result, day) })) };
}
