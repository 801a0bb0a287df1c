/**
 * Where relief days come from (diary, dated onset, visit) and Turnbull's interval-censored estimate over the
 * visit-only procedures, checked on cases small enough to work out by hand.
 */
import { describe, expect, it } from "vitest";
import type { CohortAssessment, CohortProcedure } from "@/lib/outcomes/cohort";
import { reliefSourceCounts, visitOnlyRelief } from "@/lib/outcomes/reliefSources";
import { cohortProcedure } from "../support/cohortProcedure";

const visit = (day: number): CohortAssessment => ({
  id: day + 1000,
  timepoint: "unscheduled",
  assessedOn: "2025-01-01",
  day,
  nprsBack: 5,
  nprsLeg: 5,
  odi: null,
  walkingMinutes: null,
  standingMinutes: null,
  reliefOnsetDay: null,
  outOfWindowReason: null,
});

function procedure(relief: CohortProcedure["relief"], followUpDays: number[], diaryDays: number[] = []): CohortProcedure {
  return cohortProcedure({
    relief,
    followUps: followUpDays.map(visit),
    diary: diaryDays.map((day) => ({ day, nprsBack: 2, nprsLeg: 2, odi: null, pgic: 1, reliefOnsetDay: null, diary: true })),
  });
}

const cohort = [
  // Visit-only: relieved at the 2-week visit (nothing before it), at the 6-week visit (not yet at 2 weeks), never by 3 months.
  procedure({ event: 1, day: 14, source: "assessment" }, [14, 42]),
  procedure({ event: 1, day: 42, source: "assessment" }, [14, 42]),
  procedure({ event: 0, day: 91, source: "assessment" }, [14, 42, 91]),
  // Exact days: a diary, a dated onset; neither enters the interval-censored estimate.
  procedure({ event: 1, day: 3, source: "diary" }, [14], [1, 2, 3]),
  procedure({ event: 1, day: 9, source: "onset" }, [14]),
  // A diary with relief later at a visit: it has exact days, so it is not visit-only either.
  procedure({ event: 1, day: 42, source: "assessment" }, [14, 42], [1, 2]),
  procedure({ excluded: "no-baseline" }, [14]),
];

describe("where the relief days come from", () => {
  it("counts relief from the diary, from a dated onset and at a visit, and the censored; the excluded not at all", () => {
    expect(reliefSourceCounts(cohort)).toEqual({ diary: 1, onset: 1, visit: 3, censored: 1 });
  });
});

describe("Turnbull's estimate over the visit-only procedures", () => {
  it("places relief in (previous follow-up, relieving visit]: a third by day 14, undetermined inside (14, 42], two thirds from day 42 on", () => {
    const v = visitOnlyRelief(cohort, [14, 28, 42, 91, 365]);
    expect(v).toMatchObject({ n: 3, events: 2 });
    const at = Object.fromEntries(v.at.map((a) => [a.day, [a.lower, a.upper]]));
    expect(at[14]![0]).toBeCloseTo(1 / 3, 9);
    expect(at[14]![1]).toBeCloseTo(1 / 3, 9);
    expect(at[28]![0]).toBeCloseTo(1 / 3, 9);
    expect(at[28]![1]).toBeCloseTo(2 / 3, 9);
    for (const day of [42, 91, 365]) {
      expect(at[day]![0]).toBeCloseTo(2 / 3, 9);
      expect(at[day]![1]).toBeCloseTo(2 / 3, 9);
    }
  });

  it("gives no estimate, only the count, when no visit-only procedure was relieved", () => {
    expect(visitOnlyRelief([procedure({ event: 0, day: 91, source: "assessment" }, [14, 91])])).toEqual({ n: 1, events: 0, at: [] });
  });
});
