import { SCHEDULE, SCHEDULED_TIMEPOINTS, TIMEPOINT_INDEX } from "./timepoints";
import type { CohortAssessment, CohortProcedure } from "./cohort";
import { MEASURES, meanWithCi, type Trajectory } from "./outcomeSummary";

/** Counts the assessment's recorded scores in its timepoint's slots (MEASURES' order) from `at`. */
function countScores(a: CohortAssessment, at: number, counts: Int32Array): void {
  if (a.nprsBack !== null) counts[at]!++;
  if (a.nprsLeg !== null) counts[at + 1]!++;
  if (a.odi !== null) counts[at + 2]!++;
  if (a.walkingMinutes !== null) counts[at + 3]!++;
  if (a.standingMinutes !== null) counts[at + 4]!++;
}

/** Puts the assessment's recorded scores in its timepoint's buckets (MEASURES' order) from `at`, `filled` their next free places. */
function putScores(a: CohortAssessment, at: number, filled: Int32Array, into: Float64Array[]): void {
  if (a.nprsBack !== null) into[at]![filled[at]!++] = a.nprsBack;
  if (a.nprsLeg !== null) into[at + 1]![filled[at + 1]!++] = a.nprsLeg;
  if (a.odi !== null) into[at + 2]![filled[at + 2]!++] = a.odi;
  if (a.walkingMinutes !== null) into[at + 3]![filled[at + 3]!++] = a.walkingMinutes;
  if (a.standingMinutes !== null) into[at + 4]![filled[at + 4]!++] = a.standingMinutes;
}

/** Each scheduled assessment of the cohort, in cohort order, with its timepoint's first slot; unscheduled visits are kept by date, not on the timepoint axis. */
function eachScheduled(procs: readonly CohortProcedure[], visit: (a: CohortAssessment, at: number) => void): void {
  const width = MEASURES.length;
  for (const p of procs) {
    if (p.baseline) visit(p.baseline, 0);
    for (const a of p.followUps) {
      const t = TIMEPOINT_INDEX.get(a.timepoint);
      if (t !== undefined) visit(a, t * width);
    }
  }
}

/** Whether two assessments hold the same five scores. */
export const sameScores = (a: CohortAssessment, b: CohortAssessment) =>
  a.nprsBack === b.nprsBack && a.nprsLeg === b.nprsLeg && a.odi === b.odi && a.walkingMinutes === b.walkingMinutes && a.standingMinutes === b.standingMinutes;

/** Whether summariseTrajectories reads the same from two versions of one procedure: its scheduled visits' scores, in order. */
export function sameScheduledScores(a: CohortProcedure, b: CohortProcedure): boolean {
  if (a.baseline === null || b.baseline === null ? a.baseline !== b.baseline : !sameScores(a.baseline, b.baseline)) return false;
  const scheduled = (p: CohortProcedure) => p.followUps.filter((v) => TIMEPOINT_INDEX.has(v.timepoint));
  const before = scheduled(a);
  const now = scheduled(b);
  return before.length === now.length && before.every((v, i) => v.timepoint === now[i]!.timepoint && sameScores(v, now[i]!));
}

/**
 * Each score's mean with its 95 % CI at every scheduled timepoint, over every assessment of the cohort. Two passes:
 * the first counts, the second fills arrays of exactly that size — growing 40 arrays by push to 100,000 values
 * each cost several times the whole computation at 100,000 procedures. The values reach the means in the same order.
 */
export function summariseTrajectories(procs: readonly CohortProcedure[]): Trajectory[] {
  const width = MEASURES.length;
  const counts = new Int32Array(SCHEDULED_TIMEPOINTS.length * width);
  eachScheduled(procs, (a, at) => countScores(a, at, counts));
  const buckets = Array.from(counts, (n) => new Float64Array(n));
  const filled = new Int32Array(counts.length);
  eachScheduled(procs, (a, at) => putScores(a, at, filled, buckets));
  return MEASURES.map((m, j) => ({
    measure: m,
    points: SCHEDULE.flatMap((w, i) => {
      const s = meanWithCi(buckets[i * width + j]!);
      return s ? [{ timepoint: w.timepoint, day: w.day, ...s }] : [];
    }),
  }));
}
