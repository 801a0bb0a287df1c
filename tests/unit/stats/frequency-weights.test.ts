// The logistic families fitted on a cohort's distinct rows with their counts (frequency weights, as the
// practice-wide risk models are) give the fit on every subject: the same coefficients, standard errors and
// log-likelihood, and the same refusal where maximum likelihood has no estimate.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distinctRows, firthLogistic, logisticRegression } from "../../../lib/stats";

type Data = { x: number[][]; y: number[] };

/** Subjects drawn from a few covariate patterns (age in whole years / 10, two indicators), so rows repeat. */
const cohort = fc
  .record({
    patterns: fc.array(fc.tuple(fc.integer({ min: 55, max: 90 }), fc.constantFrom(0, 1), fc.constantFrom(0, 1)), { minLength: 3, maxLength: 12 }),
    subjects: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 8, maxLength: 160 }),
    slope: fc.double({ min: -3, max: 3, noNaN: true }),
    intercept: fc.double({ min: -4, max: 2, noNaN: true }),
  })
  .map(({ patterns, subjects, slope, intercept }): Data => {
    const x: number[][] = [];
    const y: number[] = [];
    for (const [pick, u] of subjects) {
      const [age, a, b] = patterns[pick % patterns.length];
      const row = [age / 10, a, b];
      const risk = 1 / (1 + Math.exp(-(intercept + slope * (a - b) + 0.3 * (age / 10 - 7))));
      x.push(row);
      y.push(u < risk ? 1 : 0);
    }
    return { x, y };
  });

type Outcome = { coefficients: number[]; standardErrors: number[]; logLik?: number } | { error: string };

function attempt(fit: () => { coefficients: number[]; standardErrors: number[]; logLik?: number }): Outcome {
  try {
    return fit();
  } catch (e) {
    if (e instanceof RangeError) return { error: e.message.replace(/\d+ rows/, "N rows") };
    throw e;
  }
}

function expectSameFit(grouped: Outcome, every: Outcome): void {
  if ("error" in every || "error" in grouped) {
    // Rank and separation do not depend on how the subjects are listed.
    expect("error" in grouped, JSON.stringify({ grouped, every })).toBe("error" in every);
    return;
  }
  const close = (a: number, b: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(b)));
  every.coefficients.forEach((b, j) => close(grouped.coefficients[j], b));
  every.standardErrors.forEach((s, j) => close(grouped.standardErrors[j], s));
  if (every.logLik !== undefined) close(grouped.logLik!, every.logLik);
}

describe("frequency weights: a fit on the distinct rows with their counts is the fit on every subject", () => {
  it("distinctRows keeps each subject's row and counts it once", () => {
    fc.assert(
      fc.property(cohort, ({ x, y }) => {
        const g = distinctRows(x, y);
        expect(g.weights.reduce((a, b) => a + b, 0)).toBe(x.length);
        x.forEach((row, i) => {
          expect(g.x[g.rowOf[i]]).toEqual(row);
          expect(g.y[g.rowOf[i]]).toBe(y[i]);
        });
        expect(new Set(g.x.map((row, r) => `${row.join()}|${g.y[r]}`)).size).toBe(g.x.length);
      }),
    );
  });

  for (const [name, fit] of [
    ["logisticRegression", logisticRegression],
    ["firthLogistic", firthLogistic],
  ] as const) {
    it(`${name}: same coefficients, standard errors and log-likelihood (or the same refusal)`, () => {
      fc.assert(
        fc.property(cohort, ({ x, y }) => {
          const g = distinctRows(x, y);
          expectSameFit(
            attempt(() => fit({ x: g.x, y: g.y, weights: g.weights })),
            attempt(() => fit({ x, y })),
          );
        }),
        { numRuns: 150 },
      );
    });
  }

  it("weights of 1 change nothing, to the last bit", () => {
    const x = [[6.1], [7.0], [6.6], [8.0], [7.4], [6.9], [7.7], [6.3]];
    const y = [0, 1, 0, 1, 1, 0, 0, 1];
    const ones = x.map(() => 1);
    expect(logisticRegression({ x, y, weights: ones })).toEqual(logisticRegression({ x, y }));
    expect(firthLogistic({ x, y, weights: ones })).toEqual(firthLogistic({ x, y }));
  });
});
