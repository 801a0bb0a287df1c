import { describe, expect, it } from "vitest";
import { complicationRateSummary, formatPValue, verdictText, whatItTakesText } from "@/lib/outcomes/verdict";
import { binomOneSided, clopperPearson } from "@/lib/stats";

describe("the verdict against 0.1 %", () => {
  it("0 events in 2,995 procedures is shown below 0.1 %; in 2,994 it is one procedure short", () => {
    expect(complicationRateSummary(0, 2995)).toMatchObject({ verdict: "shown-below", moreProceduresNeeded: null });
    expect(complicationRateSummary(0, 2994)).toMatchObject({ verdict: "not-yet-shown", moreProceduresNeeded: 1 });
  });

  it("1 event needs 4,742 procedures", () => {
    expect(complicationRateSummary(1, 4742).verdict).toBe("shown-below");
    expect(complicationRateSummary(1, 4741)).toMatchObject({ verdict: "not-yet-shown", moreProceduresNeeded: 1 });
    expect(complicationRateSummary(1, 1000)).toMatchObject({ verdict: "not-yet-shown", moreProceduresNeeded: 3742 });
  });

  it("is 'above' when the one-sided exact test of rate > 0.1 % gives p < 0.05", () => {
    const s = complicationRateSummary(3, 312);
    expect(s.pValueAboveTarget).toBe(binomOneSided({ events: 3, n: 312, p0: 0.001, alternative: "greater" }).pValue);
    expect(s.pValueAboveTarget).toBeLessThan(0.05);
    expect(s).toMatchObject({ verdict: "above", moreProceduresNeeded: null });
    // 1 in 156: observed 0.64 % but p ≈ 0.14, so not shown to be above
    expect(complicationRateSummary(1, 156).verdict).toBe("not-yet-shown");
  });

  it("carries lib/stats' exact CI and one-sided bound", () => {
    const s = complicationRateSummary(2, 400);
    const ci = clopperPearson({ events: 2, n: 400 });
    expect([s.rate, s.ciLower, s.ciUpper]).toEqual([ci.estimate, ci.lower, ci.upper]);
    expect(s.upperBound95).toBe(binomOneSided({ events: 2, n: 400, p0: 0.001, alternative: "less" }).upperBound);
  });

  it("with no procedures says nothing is known yet", () => {
    expect(complicationRateSummary(0, 0)).toMatchObject({
      rate: null,
      ciLower: null,
      ciUpper: null,
      upperBound95: 1,
      verdict: "not-yet-shown",
      moreProceduresNeeded: 2995,
    });
  });

  it("speaks the domain brief's words", () => {
    expect(verdictText(complicationRateSummary(0, 3000))).toBe("shown to be below 0.1 %");
    expect(verdictText(complicationRateSummary(0, 1000))).toBe("consistent with < 0.1 % but not yet shown — about 1,995 more event-free procedures needed");
    expect(verdictText(complicationRateSummary(5, 100))).toBe("above 0.1 % (p < 0.0001)");
    expect(verdictText(complicationRateSummary(2, 312))).toBe("above 0.1 % (p = 0.0396)"); // 1 − pbinom(1, 312, 0.001) = 0.03956
  });

  it("writes p-values so they never contradict the verdict", () => {
    expect(formatPValue(0.0496)).toBe("0.0496");
    expect(formatPValue(0.00001)).toBe("< 0.0001");
    expect(formatPValue(0.2345)).toBe("0.23");
    expect(formatPValue(1)).toBe("1");
  });
});

describe("what it takes to show < 0.1 %, in words fitted to the events seen", () => {
  it("uses the rule of three only when there are no events", () => {
    expect(whatItTakesText({ events: 0, procedures: 1000, target: 0.001 })).toBe(
      "With 0 events the upper bound is about 3/n: showing a rate below 0.1 % takes 2,995 event-free procedures (1,995 more than these 1,000).",
    );
  });

  it("with events, says how many procedures in all (proceduresNeeded) and how many more that is", () => {
    expect(whatItTakesText({ events: 1, procedures: 1000, target: 0.001 })).toBe(
      "With 1 event, showing a rate below 0.1 % takes 4,742 procedures in all with no further event: 3,742 more than these 1,000.",
    );
    const text = whatItTakesText({ events: 3, procedures: 400, target: 0.001 });
    expect(text).not.toMatch(/3\/n|0 events/);
    expect(text).toMatch(/^With 3 events, showing a rate below 0\.1 % takes 7,7\d\d procedures in all/);
  });
});
