// The statistics that work on groups of equal values (a practice's scores are whole points, a model's predictions take
// one value per covariate pattern) give exactly what their per-patient definitions give: the c-statistic against every
// pair, the calibration table against the sorted predictions, the signed-rank statistic against average ranks, the
// distinct rows against a row-by-row text key. And validation no longer copies what it accepts.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrationByTenths, cStatistic, distinctRows, pairedChange, turnbull } from "../../../lib/stats";
import { accurateSum } from "../../../lib/stats/summation";
import { finiteArray } from "../../../lib/stats/validate";

/** Predictions drawn from a few values, so ties are many, with 0/1 outcomes. */
const predictions = fc
  .record({
    values: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
    picks: fc.array(fc.tuple(fc.nat(), fc.constantFrom<0 | 1>(0, 1)), { minLength: 1, maxLength: 300 }),
  })
  .map(({ values, picks }) => ({ p: picks.map(([i]) => values[i % values.length]), y: picks.map(([, y]) => y) }));

function pairwiseC(p: number[], y: (0 | 1)[]): number | null {
  let concordant = 0;
  let tied = 0;
  let pairs = 0;
  for (let i = 0; i < p.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < p.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (p[i] > p[j]) concordant++;
      else if (p[i] === p[j]) tied++;
    }
  }
  return pairs === 0 ? null : (concordant + tied / 2) / pairs;
}

/** The calibration table straight from its definition: sort, type-7 quantile breaks, sum each tenth in sorted order. */
function calibrationByDefinition(p: number[], y: (0 | 1)[]) {
  const order = Array.from(p.keys()).sort((a, b) => p[a] - p[b]);
  const sorted = order.map((i) => p[i]);
  const q = (prob: number) => {
    const h = (sorted.length - 1) * prob;
    const l = Math.floor(h);
    const f = h - l;
    return f === 0 || sorted[l + 1] === sorted[l] ? sorted[l] : (1 - f) * sorted[l] + f * sorted[l + 1];
  };
  const breaks = Array.from({ length: 10 }, (_, j) => q((j + 1) / 10));
  const members: number[][] = Array.from({ length: 10 }, () => []);
  let group = 0;
  for (const i of order) {
    while (p[i] > breaks[group]) group++;
    members[group].push(i);
  }
  return members.map((idx) => ({ n: idx.length, observed: idx.reduce((s, i) => s + y[i], 0), values: idx.map((i) => p[i]) }));
}

describe("statistics on groups of equal values equal their per-patient definitions", () => {
  it("the c-statistic equals the share of concordant event/non-event pairs, ties one half", () => {
    fc.assert(
      fc.property(predictions, ({ p, y }) => {
        expect(cStatistic(p, y)).toBe(pairwiseC(p, y));
      }),
      { numRuns: 200 },
    );
  });

  it("the calibration tenths hold the same patients, events and expected counts as the sorted predictions", () => {
    fc.assert(
      fc.property(predictions, ({ p, y }) => {
        const table = calibrationByTenths(p, y);
        const reference = calibrationByDefinition(p, y);
        table.forEach((row, j) => {
          expect(row.n).toBe(reference[j].n);
          expect(row.observed).toBe(reference[j].observed);
          // Summed in the same (sorted) order: the same double, not merely a close one.
          expect(row.expected).toBe(accurateSum(reference[j].values));
        });
      }),
      { numRuns: 200 },
    );
  });

  it("the signed-rank statistic V equals the sum of the positive changes' average ranks of |change|", () => {
    const changes = fc.array(fc.tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: -10, max: 10 })), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(changes, (pairs) => {
        const pre = pairs.map(([a]) => a);
        const post = pairs.map(([a, d]) => a + d);
        const d = post.map((b, i) => b - pre[i]).filter((v) => v !== 0);
        const abs = d.map(Math.abs);
        const rankOf = (v: number) => {
          const below = abs.filter((a) => a < v).length;
          const equal = abs.filter((a) => a === v).length;
          return below + (equal + 1) / 2;
        };
        const v = d.reduce((s, x) => (x > 0 ? s + rankOf(Math.abs(x)) : s), 0);
        expect(pairedChange({ pre, post }).wilcoxonV).toBe(v);
      }),
      { numRuns: 200 },
    );
  });

  it("distinct rows group exactly the rows a text key groups, in order of first appearance, 0 and −0 alike", () => {
    const rows = fc.array(fc.tuple(fc.constantFrom(5.5, 6, 7.1, 0, -0), fc.constantFrom(0, 1), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 1)), {
      minLength: 1,
      maxLength: 300,
    });
    fc.assert(
      fc.property(rows, (data) => {
        const x = data.map(([a, b, c]) => [a, b, c]);
        const y = data.map(([, , , o]) => o);
        const got = distinctRows(x, y);
        const keys = new Map<string, number>();
        const rowOf = data.map((_, i) => {
          const key = `${x[i].join(",")}|${y[i]}`;
          if (!keys.has(key)) keys.set(key, keys.size);
          return keys.get(key)!;
        });
        expect([...got.rowOf]).toEqual(rowOf);
        expect(got.weights).toEqual([...keys.keys()].map((_, r) => rowOf.filter((k) => k === r).length));
      }),
      { numRuns: 200 },
    );
  });

  it("Turnbull's estimate is unchanged when every observation is given twice", () => {
    const left = [0, 0, 14, 14, 42, 0, 91, 14, 42, 0];
    const right = [14, 42, 42, null, 91, 14, null, 42, null, 91];
    const twice = turnbull({ left: [...left, ...left], right: [...right, ...right] });
    expect(twice).toEqual(turnbull({ left, right }));
  });
});

describe("validated arrays", () => {
  it("are the caller's own array when every element is acceptable (no copy of 100,000 numbers)", () => {
    const values = [3, 1.5, 0, 7];
    expect(finiteArray("t", "values", values, { minLength: 1 })).toBe(values);
  });

  it("are a copy with −0 written as 0, the caller's array untouched", () => {
    const values = [2, -0, 5];
    const out = finiteArray("t", "values", values, { minLength: 1 });
    expect(Object.is(out[1], 0)).toBe(true);
    expect(Object.is(values[1], -0)).toBe(true);
  });

  it("still name the first element that is not a finite number or is below the minimum", () => {
    expect(() => finiteArray("t", "values", [1, Number.NaN], { minLength: 1 })).toThrow(/values\[1\]/);
    expect(() => finiteArray("t", "values", [1, 2, -1], { minLength: 1, min: 0 })).toThrow(/values\[2\].*≥ 0/);
  });
});
