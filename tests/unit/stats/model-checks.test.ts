// The pieces the adjusted comparison shows beside a model: predictions, the c-statistic and calibration by
// tenths of predicted risk, each checked against values worked out by hand and against its definition.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrationByTenths, clopperPearson, cStatistic, predictLinear, predictLogistic } from "../../../lib/stats";

describe("predictions", () => {
  it("predictLinear is the intercept plus each slope times its covariate", () => {
    expect(
      predictLinear(
        [10, -0.5, 4],
        [
          [60, 1],
          [80, 0],
          [0, 0],
        ],
      ),
    ).toEqual([10 - 30 + 4, 10 - 40, 10]);
  });

  it("predictLogistic is the inverse logit of the linear predictor, and keeps tiny risks tiny", () => {
    const [even, likely, rare, sure] = predictLogistic([0, 1], [[0], [Math.log(3)], [-50], [50]]);
    expect(even).toBe(0.5);
    expect(likely).toBeCloseTo(0.75, 15);
    // e^{−50}/(1 + e^{−50}): a complication risk of 2e-22 must not round to 0, nor 1 − 2e-22 to something else.
    expect(Math.abs(rare - Math.exp(-50)) / Math.exp(-50)).toBeLessThan(1e-15);
    expect(sure).toBe(1);
  });

  it("gives an empty list for no rows", () => {
    expect(predictLogistic([0.2, 1], [])).toEqual([]);
  });
});

describe("cStatistic", () => {
  it("is the share of event/non-event pairs ranked the right way: 3 of 4 here", () => {
    // Events at 0.35 and 0.8, non-events at 0.1 and 0.4: 0.35 > 0.1, 0.35 < 0.4, 0.8 > both.
    expect(cStatistic([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it("counts a tied pair as one half", () => {
    // Pairs (event 0.2, non-event 0.2) tie = ½, (event 0.2, non-event 0.5) wrong = 0: c = ½ / 2.
    expect(cStatistic([0.2, 0.2, 0.5], [1, 0, 0])).toBe(0.25);
    expect(cStatistic([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0])).toBe(0.5);
  });

  it("is null when every outcome is the same", () => {
    expect(cStatistic([0.1, 0.9], [0, 0])).toBeNull();
    expect(cStatistic([0.4], [1])).toBeNull();
  });

  it("equals its pairwise definition and does not depend on the order of patients", () => {
    const data = fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(0.01, 0.02, 0.5), fc.double({ min: 0, max: 1, noNaN: true })), fc.constantFrom<0 | 1>(0, 1)), {
        minLength: 2,
        maxLength: 60,
      })
      .filter((rows) => rows.some((r) => r[1] === 1) && rows.some((r) => r[1] === 0));
    fc.assert(
      fc.property(data, (rows) => {
        let score = 0;
        let pairs = 0;
        for (const [pe, ye] of rows) {
          if (ye !== 1) continue;
          for (const [pn, yn] of rows) {
            if (yn !== 0) continue;
            pairs++;
            score += pe > pn ? 1 : pe === pn ? 0.5 : 0;
          }
        }
        const c = cStatistic(
          rows.map((r) => r[0]),
          rows.map((r) => r[1]),
        );
        expect(c).toBeCloseTo(score / pairs, 14);
        const reversed = rows.slice().reverse();
        expect(
          cStatistic(
            reversed.map((r) => r[0]),
            reversed.map((r) => r[1]),
          ),
        ).toBe(c);
      }),
      { numRuns: 300 },
    );
  });
});

describe("calibrationByTenths", () => {
  it("puts 20 distinct risks two to a tenth, with observed, expected, mean risk and the exact interval of the rate", () => {
    const predicted = Array.from({ length: 20 }, (_, i) => (i + 1) / 100);
    const outcome = predicted.map((_, i) => (i % 3 === 0 ? 1 : 0) as 0 | 1);
    const tenths = calibrationByTenths(predicted, outcome);
    expect(tenths.map((t) => t.n)).toEqual(Array(10).fill(2));
    // Tenth 4 holds 0.07 and 0.08 (patients 6 and 7): one event (patient 6).
    const fourth = tenths[3];
    expect(fourth).toMatchObject({ tenth: 4, n: 2, observed: 1, observedRate: 0.5 });
    expect(fourth.expected).toBeCloseTo(0.15, 15);
    expect(fourth.meanPredicted).toBeCloseTo(0.075, 15);
    const cp = clopperPearson({ events: 1, n: 2 });
    expect([fourth.rateLower, fourth.rateUpper]).toEqual([cp.lower, cp.upper]);
  });

  it("never splits patients with the same risk: a tie at a break goes to the lower tenth, and a tenth can be empty", () => {
    // Ten patients at 0.05 and ten at 0.2: every break from the 1st to the 4th tenth is 0.05, the 5th lies
    // between (0.125), the rest are 0.2. Tenth 1 takes all ten at 0.05, tenth 6 all ten at 0.2.
    const predicted = [...Array(10).fill(0.05), ...Array(10).fill(0.2)];
    const outcome = predicted.map((p, i) => (i % 5 === 0 ? 1 : 0) as 0 | 1);
    const tenths = calibrationByTenths(predicted, outcome);
    expect(tenths.map((t) => t.n)).toEqual([10, 0, 0, 0, 0, 10, 0, 0, 0, 0]);
    expect(tenths[1]).toEqual({ tenth: 2, n: 0, observed: 0, expected: 0, meanPredicted: null, observedRate: null, rateLower: null, rateUpper: null });
    expect(tenths[0]).toMatchObject({ observed: 2, meanPredicted: 0.05 });
    expect(tenths[5].expected).toBeCloseTo(2, 14);
  });

  it("accounts for every patient, event and predicted risk exactly once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(0, 0.001, 0.3), fc.double({ min: 0, max: 1, noNaN: true })), fc.constantFrom<0 | 1>(0, 1)), {
          minLength: 1,
          maxLength: 200,
        }),
        (rows) => {
          const predicted = rows.map((r) => r[0]);
          const outcome = rows.map((r) => r[1]);
          const tenths = calibrationByTenths(predicted, outcome);
          expect(tenths).toHaveLength(10);
          expect(tenths.reduce((s, t) => s + t.n, 0)).toBe(rows.length);
          expect(tenths.reduce((s, t) => s + t.observed, 0)).toBe(outcome.reduce<number>((s, y) => s + y, 0));
          expect(tenths.reduce((s, t) => s + t.expected, 0)).toBeCloseTo(
            predicted.reduce((s, p) => s + p, 0),
            9,
          );
          // Tenths are ordered: every risk in a tenth is at most every risk in a later one.
          let highest = -Infinity;
          for (const t of tenths) {
            if (t.n === 0) continue;
            expect(t.meanPredicted as number).toBeGreaterThanOrEqual(highest - 1e-15);
            highest = t.meanPredicted as number;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
