// Control limits for a risk-adjusted funnel plot: each physician's observed/expected ratio (O/E) against their
// expected count E. Under "no different from the pooled model" the observed count is Poisson with mean E, so the
// exact limits at coverage level are the Poisson quantiles divided by E (Spiegelhalter 2005, Stat Med
// 24:1185–1202, section 3.3): lower = qpois((1 − level)/2, E)/E, upper = qpois((1 + level)/2, E)/E, with R's
// quantile rule (the smallest k with P(X ≤ k) ≥ q). A step function of E, like the exact binomial limits.

import { qnorm } from "./distributions";
import { ppois } from "./poisson";
import { array, fail, requireInput } from "./validate";

export interface PoissonFunnelLimit {
  expected: number;
  level: number;
  /** Limits on the O/E ratio. */
  lower: number;
  upper: number;
}

/**
 * R's qpois(q, m): the smallest k with ppois(k, m) ≥ q. R starts from the Cornish–Fisher approximation and steps
 * from there; so does this, deciding every step by the exact ppois, so the answer is the definition's whatever
 * the start. The start is within a step or two of the answer, where a bisection over ±12 standard deviations
 * took a dozen tail evaluations — each a sum of ~9√m terms above a mean of 1,000 — per limit (issue 17: the funnel
 * of a large practice's responders asks for 324 limits).
 */
function qpois(q: number, m: number): number {
  // R compares with a relative fuzz of 64·ε so a probability that equals q up to rounding counts as reaching it.
  const target = q * (1 - 64 * Number.EPSILON);
  const z = qnorm(q);
  let k = Math.max(0, Math.floor(m + Math.sqrt(m) * (z + (z * z - 1) / (6 * Math.sqrt(m))) + 0.5));
  if (ppois(k, m) >= target) {
    while (k > 0 && ppois(k - 1, m) >= target) k--;
  } else {
    do k++;
    while (ppois(k, m) < target);
  }
  return k;
}

/** Limits at each expected count (> 0) and level (0 < level < 1), expected-major: [e0 l0, e0 l1, e1 l0, …]. */
export function poissonFunnelLimits(input: { expected: readonly number[]; levels: readonly number[] }): PoissonFunnelLimit[] {
  const family = "poissonFunnelLimits";
  const raw = requireInput(family, input);
  const expected = array(family, "expected", raw.expected, 0);
  const levels = array(family, "levels", raw.levels, 1);
  levels.forEach((l, j) => {
    if (typeof l !== "number" || !(l > 0 && l < 1)) fail(family, `levels[${j}]`, "must be a coverage strictly between 0 and 1", l);
  });
  const out: PoissonFunnelLimit[] = [];
  expected.forEach((e, i) => {
    if (typeof e !== "number" || !Number.isFinite(e) || !(e > 0)) fail(family, `expected[${i}]`, "must be a finite number > 0", e);
    for (const level of levels as number[]) {
      const lower = qpois((1 - level) / 2, e) / e;
      const upper = qpois((1 + level) / 2, e) / e;
      out.push({ expected: e, level, lower, upper });
    }
  });
  return out;
}
