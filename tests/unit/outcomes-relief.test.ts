import { describe, expect, it } from "vitest";
import { DEFAULT_RELIEF_CRITERION, meetsReliefCriterion, reliefCriterion, reliefOutcomeFromDays, type ReliefVisit } from "@/lib/outcomes/relief";

const def = reliefCriterion(DEFAULT_RELIEF_CRITERION);
const visit = (day: number, nprsBack: number | null, nprsLeg: number | null, odi: number | null = null, reliefOnsetDay: number | null = null): ReliefVisit => ({
  day,
  nprsBack,
  nprsLeg,
  odi,
  reliefOnsetDay,
});
const base = { nprsBack: 7, nprsLeg: 6, odi: 44 };

describe("relief criterion (default: back or leg NPRS −2 points and −30 %)", () => {
  it("needs both the points and the share on the same score", () => {
    expect(meetsReliefCriterion(def, base, { nprsBack: 5, nprsLeg: 6, odi: null })).toBe(false); // 2 points but 29 %
    expect(meetsReliefCriterion(def, base, { nprsBack: 4, nprsLeg: 6, odi: null })).toBe(true); // 3 points, 43 %
    expect(meetsReliefCriterion(def, base, { nprsBack: 7, nprsLeg: 4, odi: null })).toBe(true); // leg 2 points, 33 %
    expect(meetsReliefCriterion(def, { nprsBack: 9, nprsLeg: 9, odi: null }, { nprsBack: 7, nprsLeg: 7, odi: null })).toBe(false); // 22 %
  });

  it("counts exactly 30 % (NRS 10 → 7) and never a share of a zero baseline", () => {
    expect(meetsReliefCriterion(def, { nprsBack: 10, nprsLeg: null, odi: null }, { nprsBack: 7, nprsLeg: null, odi: null })).toBe(true);
    const pct = reliefCriterion("nprs-30pct");
    expect(meetsReliefCriterion(pct, { nprsBack: 0, nprsLeg: null, odi: null }, { nprsBack: 0, nprsLeg: null, odi: null })).toBe(false);
  });

  it("has the domain brief's presets, ODI ones on the ODI", () => {
    expect(meetsReliefCriterion(reliefCriterion("odi-10pt"), base, { nprsBack: 7, nprsLeg: 6, odi: 34 })).toBe(true);
    expect(meetsReliefCriterion(reliefCriterion("odi-15pt"), base, { nprsBack: 0, nprsLeg: 0, odi: 34 })).toBe(false);
    expect(meetsReliefCriterion(reliefCriterion("odi-30pct"), { ...base, odi: 50 }, { ...base, odi: 35 })).toBe(true);
    expect(meetsReliefCriterion(reliefCriterion("nprs-2pt"), { nprsBack: 9, nprsLeg: 9, odi: null }, { nprsBack: 7, nprsLeg: 9, odi: null })).toBe(true);
    expect(() => reliefCriterion("nope" as never)).toThrow(RangeError);
  });
});

describe("one procedure's time to relief", () => {
  it("is the day of the first assessment meeting the criterion", () => {
    expect(reliefOutcomeFromDays(def, base, [visit(2, 7, 6), visit(14, 4, 6), visit(42, 3, 3)])).toEqual({
      event: 1,
      day: 14,

      source: "assessment",
    });
  });

  it("takes visits in date order whatever order they come in", () => {
    expect(reliefOutcomeFromDays(def, base, [visit(42, 3, 3), visit(14, 4, 6), visit(2, 7, 6)])).toMatchObject({ event: 1, day: 14 });
  });

  it("uses a recorded patient-reported onset when there is one", () => {
    // criterion met at day 14, but the patient dates relief to day 9
    expect(reliefOutcomeFromDays(def, base, [visit(2, 7, 6), visit(14, 4, 6, null, 9)])).toEqual({ event: 1, day: 9, source: "onset" });
    // an onset with scores that never meet the criterion still counts
    expect(reliefOutcomeFromDays(def, base, [visit(14, 7, 6, null, 11)])).toMatchObject({ event: 1, day: 11, source: "onset" });
    // an onset dated before the procedure is a slip and is ignored
    expect(reliefOutcomeFromDays(def, base, [visit(14, 7, 6, null, -3)])).toMatchObject({ event: 0, day: 14 });
  });

  it("is censored at the last assessment when relief is not (yet) seen", () => {
    expect(reliefOutcomeFromDays(def, base, [visit(2, 7, 6), visit(91, 6, 6)])).toEqual({ event: 0, day: 91, source: "assessment" });
  });

  it("leaves out procedures without a baseline or without any follow-up", () => {
    expect(reliefOutcomeFromDays(def, null, [visit(14, 1, 1)])).toEqual({ excluded: "no-baseline" });
    expect(reliefOutcomeFromDays(def, { nprsBack: null, nprsLeg: null, odi: 40 }, [visit(14, 1, 1)])).toEqual({ excluded: "no-baseline" });
    expect(reliefOutcomeFromDays(reliefCriterion("odi-10pt"), { nprsBack: 7, nprsLeg: 7, odi: null }, [visit(14, 1, 1, 10)])).toEqual({
      excluded: "no-baseline",
    });
    expect(reliefOutcomeFromDays(def, base, [])).toEqual({ excluded: "no-follow-up" });
    // an assessment dated before the procedure is not a follow-up
    expect(reliefOutcomeFromDays(def, base, [visit(-2, 1, 1)])).toEqual({ excluded: "no-follow-up" });
  });
});
