import { SCHEDULE, SCHEDULED_TIMEPOINTS, TIMEPOINT_INDEX } from "./timepoints";
import type { CohortAssessment, CohortProcedure } from "./cohort";
import { MEASURES, meanWithCi, type Trajectory } from "./outcomeSummary";

/** Each score's mean with its 95 % CI at every scheduled timepoint, over every assessment of the cohort (one pass). */
export function summariseTrajectories(procs: readonly CohortProcedure[]): Trajectory[] {
  const buckets = SCHEDULED_TIMEPOINTS.map(() => MEASURES.map(() => [] as number[]));
  const add = (a: CohortAssessment) => {
    const i = TIMEPOINT_INDEX.get(a.timepoint);
    if (i === undefined) return; // unscheduled visits are kept by date, not on the timepoint axis
    const b = buckets[i];
    if (a.nprsBack !== null) b[0].push(a.nprsBack);
    if (a.nprsLeg !== null) b[1].push(a.nprsLeg);
    if (a.odi !== null) b[2].push(a.odi);
    if (a.walkingMinutes !== null) b[3].push(a.walkingMinutes);
    if (a.standingMinutes !== null) b[4].push(a.standingMinutes);
  };
  for (const p of procs) {
    if (p.baseline) add(p.baseline);
    for (const a of p.followUps) add(a);
  }
  return MEASURES.map((m, j) => ({
    measure: m,
    points: SCHEDULE.flatMap((w, i) => {
      const s = meanWithCi(buckets[i][j]);
      return s ? [{ timepoint: w.timepoint, day: w.day, ...s }] : [];
    }),
  }));
}
