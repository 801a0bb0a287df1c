import { describe, expect, it } from "vitest";
import { reliefCurveFrom } from "@/lib/outcomes/analysis";
import { meanWithCi } from "@/lib/outcomes/outcomeSummary";
import { epochDay } from "@/lib/outcomes/dates";
import { kaplanMeier, pairedChange } from "@/lib/stats";

describe("mean with its t interval", () => {
  it("is pairedChange's t interval with a zero baseline (R's t.test(x)$conf.int)", () => {
    const x = [44, 38, 52, 47, 30, 41, 36.5, 49];
    const ref = pairedChange({ pre: x.map(() => 0), post: x });
    const got = meanWithCi(x)!;
    expect(got.n).toBe(8);
    expect(got.mean).toBe(ref.meanChange);
    expect(got.ciLower).toBeCloseTo(ref.ciLower!, 12);
    expect(got.ciUpper).toBeCloseTo(ref.ciUpper!, 12);
  });

  it("gives no interval where R refuses one", () => {
    expect(meanWithCi([])).toBeNull();
    expect(meanWithCi([5])).toEqual({ n: 1, mean: 5, ciLower: null, ciUpper: null });
    expect(meanWithCi([3, 3, 3])).toEqual({ n: 3, mean: 3, ciLower: null, ciUpper: null });
  });
});

describe("relief curve for drawing", () => {
  it("is 1 − S with the limits swapped, from day 0, with numbers at risk", () => {
    const times = [2, 14, 14, 42, 90, 90, 182];
    const events: (0 | 1)[] = [1, 1, 0, 1, 0, 1, 0];
    const km = kaplanMeier({ times, events });
    const c = reliefCurveFrom("All", times, events)!;
    expect(c.points[0]).toEqual({ day: 0, relieved: 0, lower: 0, upper: 0, atRisk: 7, events: 0, censored: 0 });
    km.rows.forEach((r, i) => {
      const p = c.points[i + 1];
      expect(p.day).toBe(r.time);
      expect(p.relieved).toBe(1 - r.survival);
      expect(p.lower).toBe(r.upper === null ? null : 1 - r.upper);
      expect(p.upper).toBe(r.lower === null ? null : 1 - r.lower);
    });
    expect([c.median, c.medianLower, c.medianUpper]).toEqual([km.median, km.medianLower, km.medianUpper]);
    expect(c.atRisk).toEqual([
      { day: 0, atRisk: 7 },
      { day: 14, atRisk: 6 },
      { day: 42, atRisk: 4 },
      { day: 91, atRisk: 1 },
      { day: 182, atRisk: 1 },
    ]);
  });
});

describe("calendar days", () => {
  it("counts exact days between ISO dates across leap years", () => {
    expect(epochDay("1970-01-01")).toBe(0);
    expect(epochDay("2024-03-01") - epochDay("2024-02-28")).toBe(2);
    expect(epochDay("2025-03-01") - epochDay("2025-02-28")).toBe(1);
    expect(epochDay("2026-11-25")).toBe(Date.UTC(2026, 10, 25) / 86_400_000);
  });
});
