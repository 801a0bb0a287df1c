// observedExpected beyond the R vectors: the definitions its figures come from, hand-solvable limits, and
// means above 1,000, where @stdlib's incomplete gamma (and so its Poisson cdf and gamma quantile) is wrong.

import { describe, expect, it } from "vitest";
import { observedExpected } from "../../../lib/stats";

function closeTo(got: number, want: number, rel: number): void {
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(rel * Math.abs(want));
}

/** Poisson probabilities 0..max by the recurrence P(i) = P(i − 1)·m/i (exact to ~i ulps for these means). */
function poissonProbabilities(m: number, max: number): number[] {
  const out = [Math.exp(-m)];
  for (let i = 1; i <= max; i++) out.push((out[i - 1] * m) / i);
  return out;
}

describe("observedExpected", () => {
  it("gives the two-sided p-value as the probability of every count no more likely than the one observed", () => {
    // poisson.test's definition, by brute force over the whole support, with R's relative fuzz of 1e-7 for ties.
    for (const expected of [0.3, 2, 2.5, 7.5, 12, 20.25]) {
      const probabilities = poissonProbabilities(expected, 250);
      for (let observed = 0; observed <= 40; observed++) {
        const d = probabilities[observed];
        const p = probabilities.filter((q) => q <= d * (1 + 1e-7)).reduce((s, q) => s + q, 0);
        closeTo(observedExpected({ observed, expected }).pValue, Math.min(1, p), 1e-11);
      }
    }
  });

  it("counts both modes as equally likely when the expected count is a whole number (p = 1 at either)", () => {
    // P(X = m − 1) = P(X = m) exactly when m is an integer; R's tolerance keeps rounding from splitting them.
    expect(observedExpected({ observed: 12, expected: 12 }).pValue).toBe(1);
    expect(observedExpected({ observed: 11, expected: 12 }).pValue).toBeCloseTo(1, 12);
  });

  it("with nothing observed: ratio 0, lower limit 0, upper limit −ln(α)/E (e^{−m} = α)", () => {
    const got = observedExpected({ observed: 0, expected: 4, confLevel: 0.9 });
    expect(got.ratio).toBe(0);
    expect(got.lower).toBe(0);
    closeTo(got.upper, -Math.log(0.05) / 4, 1e-14);
  });

  it("with one observed: the lower limit solves 1 − e^{−m} = α", () => {
    const got = observedExpected({ observed: 1, expected: 0.5 });
    closeTo(got.ratio, 2, 1e-15);
    closeTo(got.lower, -Math.log(1 - 0.025) / 0.5, 1e-12);
  });

  it("matches R's poisson.test above a mean of 1,000 (references: 40-digit mpmath)", () => {
    // At these means @stdlib gives P(X ≤ 1646 | 1688.4) = 0.1559 (true 0.1539) and qgamma errors of ~1e-4.
    const cases = [
      { input: { observed: 1455, expected: 1500 }, lower: 0.92079322764461996, upper: 1.0211533728537638, pValue: 0.25054240670769846 },
      { input: { observed: 2300, expected: 2200, confLevel: 0.9 }, lower: 1.0098582652780348, upper: 1.0820299847450314, pValue: 0.0338833100269617 },
      { input: { observed: 1646, expected: 1688.4 }, lower: 0.92835453488144831, upper: 1.0231488858400475, pValue: 0.3067112200655682 },
    ];
    for (const c of cases) {
      const got = observedExpected(c.input);
      closeTo(got.lower, c.lower, 1e-12);
      closeTo(got.upper, c.upper, 1e-12);
      closeTo(got.pValue, c.pValue, 1e-9);
    }
  });

  it("widens its interval with the confidence level and narrows it as counts grow", () => {
    const at = (confLevel: number) => observedExpected({ observed: 9, expected: 6, confLevel });
    expect(at(0.99).lower).toBeLessThan(at(0.95).lower);
    expect(at(0.99).upper).toBeGreaterThan(at(0.95).upper);
    const small = observedExpected({ observed: 15, expected: 10 });
    const large = observedExpected({ observed: 1500, expected: 1000 });
    expect(large.upper - large.lower).toBeLessThan((small.upper - small.lower) / 5);
  });
});
