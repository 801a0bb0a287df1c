/**
 * Relief from the patient's diary: with diary days among the visits, relief in the first two weeks falls on the
 * exact diary day that first meets the criterion (not the next visit); the global-impression criterion needs no
 * baseline and counts "much" or "very much improved" only.
 */
import { describe, expect, it } from "vitest";
import { reliefCriterion, reliefOutcomeFromDays, type ReliefVisit } from "@/lib/outcomes/relief";

const baseline = { nprsBack: 8, nprsLeg: 7, odi: 50 };
const visit = (day: number, nprsBack: number, nprsLeg: number): ReliefVisit => ({ day, nprsBack, nprsLeg, odi: null, reliefOnsetDay: null });
const diaryDay = (day: number, nprsBack: number, nprsLeg: number, pgic: number): ReliefVisit => ({
  day,
  nprsBack,
  nprsLeg,
  odi: null,
  pgic,
  reliefOnsetDay: null,
  diary: true,
});

describe("relief day from the diary", () => {
  const nprs = reliefCriterion("nprs-2pt-30pct");

  it("is the first diary day meeting the criterion, exactly, where visits alone would say day 14", () => {
    const days = [diaryDay(1, 8, 7, 4), diaryDay(2, 7, 7, 3), diaryDay(3, 5, 6, 2), diaryDay(4, 4, 4, 2)];
    expect(reliefOutcomeFromDays(nprs, baseline, [visit(14, 3, 3)])).toEqual({ event: 1, day: 14, source: "assessment" });
    expect(reliefOutcomeFromDays(nprs, baseline, [...days, visit(14, 3, 3)])).toEqual({ event: 1, day: 3, source: "diary" });
  });

  it("is censored at the last diary day or visit when nothing meets the criterion", () => {
    const days = [diaryDay(1, 8, 7, 4), diaryDay(2, 8, 7, 4)];
    expect(reliefOutcomeFromDays(nprs, baseline, days)).toEqual({ event: 0, day: 2, source: "diary" });
    expect(reliefOutcomeFromDays(nprs, baseline, [...days, visit(42, 7, 7)])).toEqual({ event: 0, day: 42, source: "assessment" });
  });

  it("global impression: much or very much improved counts, without a baseline; minimally improved does not", () => {
    const pgic = reliefCriterion("pgic-much-improved");
    expect(reliefOutcomeFromDays(pgic, null, [diaryDay(1, 8, 8, 3), diaryDay(2, 8, 8, 2)])).toEqual({ event: 1, day: 2, source: "diary" });
    expect(reliefOutcomeFromDays(pgic, null, [diaryDay(1, 2, 2, 3), diaryDay(2, 1, 1, 4)])).toEqual({ event: 0, day: 2, source: "diary" });
    expect(reliefOutcomeFromDays(pgic, null, [{ ...visit(14, 2, 2), pgic: 1 }])).toEqual({ event: 1, day: 14, source: "assessment" });
  });
});
