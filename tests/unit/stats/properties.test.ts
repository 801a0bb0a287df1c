// Properties that must hold for any valid input, not just the reference cases.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bernoulliCusum, binomOneSided, clopperPearson, kaplanMeier, logRank, pairedChange, proceduresNeeded } from "../../../lib/stats";
import { turnbull } from "../../../lib/stats/turnbull";
import { newtonPolish, type Pattern } from "../../../lib/stats/turnbullNewton";
import { wilson } from "../../../lib/stats/wilson";

const RUNS = { numRuns: 300 };

/** Relief data: visit days with heavy ties, or fractional days; at least one patient. */
const survivalData = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(0, 2, 14, 42, 90, 180, 365), fc.integer({ min: 0, max: 400 }), fc.double({ min: 0, max: 400, noNaN: true })),
      fc.constantFrom<0 | 1>(0, 1),
    ),
    { minLength: 1, maxLength: 150 },
  )
  .map((pairs) => ({ times: pairs.map((p) => p[0]), events: pairs.map((p) => p[1]) }));

const level = fc.oneof(fc.constantFrom(0.8, 0.9, 0.95, 0.99), fc.double({ min: 0.5, max: 0.999, noNaN: true }));

/** (events, n) with n ≥ 1 and 0 ≤ events ≤ n, often at the ends. */
const eventsAndN = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("any", "zero", "all", "few"))
  .map(([n, u, kind]) => {
    const events = kind === "zero" ? 0 : kind === "all" ? n : kind === "few" ? Math.min(n, Math.floor(u * 5)) : Math.floor(u * n);
    return { events: Math.min(events, n), n };
  });

describe("Kaplan–Meier", () => {
  it("survival is non-increasing and within [0, 1]", () => {
    fc.assert(
      fc.property(survivalData, level, (data, confLevel) => {
        const { rows } = kaplanMeier({ ...data, confLevel });
        let previous = 1;
        for (const row of rows) {
          expect(row.survival).toBeGreaterThanOrEqual(0);
          expect(row.survival).toBeLessThanOrEqual(previous);
          previous = row.survival;
        }
        expect(rows.reduce((s, r) => s + r.nEvent + r.nCensor, 0)).toBe(data.times.length);
      }),
      RUNS,
    );
  });

  it("the pointwise band contains the estimate (and is null exactly when S = 0)", () => {
    fc.assert(
      fc.property(survivalData, level, (data, confLevel) => {
        for (const row of kaplanMeier({ ...data, confLevel }).rows) {
          if (row.survival === 0) {
            expect([row.lower, row.upper, row.stdErrLogSurv]).toEqual([null, null, null]);
            continue;
          }
          expect(row.lower).not.toBeNull();
          expect(row.upper).not.toBeNull();
          expect(row.lower as number).toBeLessThanOrEqual(row.survival);
          expect(row.upper as number).toBeGreaterThanOrEqual(row.survival);
          expect(row.upper as number).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  it("the median lies within the follow-up and between its confidence limits when all three exist", () => {
    fc.assert(
      fc.property(survivalData, (data) => {
        const fit = kaplanMeier(data);
        const last = fit.rows[fit.rows.length - 1].time;
        for (const m of [fit.median, fit.medianLower, fit.medianUpper]) {
          if (m !== null) expect(m).toBeLessThanOrEqual(last);
        }
        // The lower limit lies below S, so it reaches 0.5 no later than S does.
        if (fit.median !== null && fit.medianLower !== null) expect(fit.medianLower).toBeLessThanOrEqual(fit.median);
      }),
      RUNS,
    );
  });
});

describe("confidence intervals contain their estimate", () => {
  it.each([
    ["Clopper–Pearson", clopperPearson],
    ["Wilson", wilson],
  ])("%s", (_name, interval) => {
    fc.assert(
      fc.property(eventsAndN, level, ({ events, n }, confLevel) => {
        const ci = interval({ events, n, confLevel });
        expect(ci.lower).toBeGreaterThanOrEqual(0);
        expect(ci.lower).toBeLessThanOrEqual(ci.estimate);
        expect(ci.upper).toBeGreaterThanOrEqual(ci.estimate);
        expect(ci.upper).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it("paired change: the t interval contains the mean change", () => {
    const scores = fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(scores, level, (pairs, confLevel) => {
        const r = pairedChange({ pre: pairs.map((p) => p[0]), post: pairs.map((p) => p[1]), confLevel });
        if (r.ciLower === null || r.ciUpper === null) return;
        expect(r.ciLower).toBeLessThanOrEqual(r.meanChange);
        expect(r.ciUpper).toBeGreaterThanOrEqual(r.meanChange);
        if (r.pValue !== null) expect(r.pValue).toBeGreaterThanOrEqual(0);
        if (r.pValue !== null) expect(r.pValue).toBeLessThanOrEqual(1);
        if (r.wilcoxonPValue !== null) expect(r.wilcoxonPValue).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });
});

describe("proceduresNeeded", () => {
  it("is the smallest n whose exact one-sided upper bound is below p0", () => {
    const input = fc.record({
      events: fc.integer({ min: 0, max: 20 }),
      p0: fc.oneof(fc.constantFrom(0.001, 0.002, 0.01, 0.05), fc.double({ min: 1e-4, max: 0.6, noNaN: true })),
      confLevel: fc.oneof(fc.constantFrom(0.9, 0.95, 0.99), fc.double({ min: 0.5, max: 0.995, noNaN: true })),
    });
    fc.assert(
      fc.property(input, ({ events, p0, confLevel }) => {
        const { n } = proceduresNeeded({ events, p0, confLevel });
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThan(events);
        const bound = (m: number) => binomOneSided({ events, n: m, p0, alternative: "less", confLevel }).upperBound;
        expect(bound(n)).toBeLessThan(p0);
        if (n - 1 > events) expect(bound(n - 1)).toBeGreaterThanOrEqual(p0);
      }),
      { numRuns: 200 },
    );
  });

  it("with 0 events is the smallest n with 1 − (1 − confLevel)^(1/n) < p0 (the rule of three)", () => {
    expect(proceduresNeeded({ events: 0, p0: 0.001 }).n).toBe(2995);
    expect(1 - 0.05 ** (1 / 2995)).toBeLessThan(0.001);
    expect(1 - 0.05 ** (1 / 2994)).toBeGreaterThanOrEqual(0.001);
  });
});

describe("Bernoulli CUSUM", () => {
  it("scores never go below 0, and firstSignal is the first crossing", () => {
    const input = fc.record({
      outcomes: fc.array(fc.oneof({ weight: 20, arbitrary: fc.constant<0 | 1>(0) }, { weight: 1, arbitrary: fc.constant<0 | 1>(1) }), { maxLength: 2000 }),
      p0: fc.double({ min: 1e-4, max: 0.3, noNaN: true }),
      oddsRatio: fc.oneof(fc.constantFrom(0.5, 2, 3), fc.double({ min: 0.1, max: 10, noNaN: true })),
      threshold: fc.double({ min: 0.1, max: 6, noNaN: true }),
    });
    fc.assert(
      fc.property(input, (inp) => {
        const r = bernoulliCusum(inp);
        expect(r.scores).toHaveLength(inp.outcomes.length);
        for (const s of r.scores) expect(s).toBeGreaterThanOrEqual(0);
        const first = r.scores.findIndex((s) => s >= inp.threshold);
        expect(r.firstSignal).toBe(first < 0 ? null : first + 1);
      }),
      RUNS,
    );
  });
});

describe("Wilson and Clopper–Pearson agree for large n", () => {
  it("within 5/n for n ≥ 1e5 (the exact and score intervals differ by O(1/n))", () => {
    const input = fc.record({
      n: fc.integer({ min: 100_000, max: 10_000_000 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      confLevel: fc.oneof(fc.constantFrom(0.8, 0.9, 0.95, 0.99), fc.double({ min: 0.8, max: 0.99, noNaN: true })),
    });
    fc.assert(
      fc.property(input, ({ n, share, confLevel }) => {
        const events = Math.round(share * n);
        const w = wilson({ events, n, confLevel });
        const c = clopperPearson({ events, n, confLevel });
        expect(Math.abs(w.lower - c.lower)).toBeLessThanOrEqual(5 / n);
        expect(Math.abs(w.upper - c.upper)).toBeLessThanOrEqual(5 / n);
      }),
      RUNS,
    );
  });
});

describe("other invariants", () => {
  it("log-rank: chi-square ≥ 0, p in [0, 1], observed and expected totals agree", () => {
    const groups = fc.array(survivalData, { minLength: 2, maxLength: 4 });
    fc.assert(
      fc.property(groups, (gs) => {
        const r = logRank({ groups: gs });
        expect(r.chiSquare).toBeGreaterThanOrEqual(0);
        if (r.pValue !== null) {
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
        }
        const o = r.observed.reduce((a, b) => a + b, 0);
        const e = r.expected.reduce((a, b) => a + b, 0);
        expect(Math.abs(o - e)).toBeLessThanOrEqual(1e-9 * Math.max(1, o));
      }),
      { numRuns: 150 },
    );
  });

  it("Turnbull: survival is non-increasing within [0, 1]", () => {
    const visits = [0, 2, 14, 42, 90, 180, 365];
    const obs = fc.array(fc.tuple(fc.integer({ min: 0, max: visits.length - 2 }), fc.integer({ min: 1, max: visits.length - 1 }), fc.boolean()), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(obs, (list) => {
        const left: number[] = [];
        const right: (number | null)[] = [];
        for (const [a, span, censored] of list) {
          left.push(visits[a]);
          right.push(censored ? null : visits[Math.min(a + span, visits.length - 1)]);
        }
        let previous = 1;
        for (const row of turnbull({ left, right }).rows) {
          expect(row.survival).toBeGreaterThanOrEqual(-1e-15);
          expect(row.survival).toBeLessThanOrEqual(previous + 1e-15);
          previous = row.survival;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("Turnbull's Newton polish", () => {
  /** The EM multipliers d_j = (1/N) Σ_i w_i α_ij / Σ_k α_ik s_k: 1 on the NPMLE's support and ≤ 1 off it (Kuhn–Tucker). */
  const multipliersOf = (patterns: Pattern[], s: number[], total: number) => {
    const d = new Array<number>(s.length).fill(0);
    for (const { lo, hi, weight } of patterns) {
      let den = 0;
      for (let j = lo; j <= hi; j++) den += s[j];
      for (let j = lo; j <= hi; j++) d[j] += weight / den / total;
    }
    return d;
  };
  const problem = fc.integer({ min: 2, max: 7 }).chain((m) =>
    fc.record({
      m: fc.constant(m),
      patterns: fc.array(
        fc.tuple(fc.integer({ min: 0, max: m - 1 }), fc.integer({ min: 0, max: m - 1 }), fc.integer({ min: 1, max: 30 })).map(([a, b, weight]) => ({
          lo: Math.min(a, b),
          hi: Math.max(a, b),
          weight,
        })),
        { minLength: 1, maxLength: 12 },
      ),
      start: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: m, maxLength: m }),
    }),
  );

  it("reaches a certified optimum whatever support its start suggests: a mass left out at the start comes back", () => {
    let broughtBack = 0;
    let nulls = 0;
    fc.assert(
      fc.property(problem, fc.integer({ min: 5, max: 60 }), ({ patterns, start }, emSteps) => {
        const total = patterns.reduce((a, p) => a + p.weight, 0);
        // As turnbull() calls it: from an EM iterate (here a few dozen self-consistency steps from a random start).
        const sum = start.reduce((a, b) => a + b, 0);
        let s0 = start.map((v) => v / sum);
        for (let it = 0; it < emSteps; it++) {
          const d = multipliersOf(patterns, s0, total);
          s0 = s0.map((v, j) => v * d[j]);
        }
        const result = newtonPolish(patterns, s0, total);
        if (!result) {
          nulls++; // not certified: turnbull() runs EM on and tries again
          return;
        }
        const d = multipliersOf(patterns, result, total);
        result.forEach((v, j) => {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(d[j]).toBeLessThanOrEqual(1 + 1e-8);
          if (v > 1e-12) expect(Math.abs(d[j] - 1)).toBeLessThan(1e-8);
        });
        const d0 = multipliersOf(patterns, s0, total);
        if (result.some((v, j) => v > 1e-9 && d0[j] < 1 - 1e-4)) broughtBack++;
      }),
      { numRuns: 400 },
    );
    // The case the start's guess gets wrong happened, and the result was still the optimum; most runs certify.
    expect(broughtBack).toBeGreaterThan(10);
    expect(nulls).toBeLessThan(200);
  });
});
