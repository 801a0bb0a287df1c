// Control limits for a funnel plot of complication rates against volume.
//   exact              R's qbinom(q, n, p0)/n: a step function of n.
//   exactInterpolated  Spiegelhalter (2005), "Funnel plots for comparing institutional performance",
//                      Stat Med 24:1185–1202, appendix: the q-quantile of the binomial with each P(X = r)
//                      spread evenly over (r − 1, r], which gives smooth limits.
//   normal             p0 ± z·√(p0(1 − p0)/n), clamped to [0, 1].

import { pbinom, qbinom, qnorm } from "./distributions";
import { array, integerAtLeast, oneOf, probability, requireInput } from "./validate";

export type FunnelMethod = "exact" | "exactInterpolated" | "normal";

export interface FunnelLimitsInput {
  /** Target or pooled rate. */
  p0: number;
  /** Volumes (integers ≥ 1). */
  n: readonly number[];
  /** Two-sided coverage of each pair of limits, e.g. [0.95, 0.998]. */
  levels: readonly number[];
  method: FunnelMethod;
}

export interface FunnelLimit {
  n: number;
  level: number;
  lower: number;
  upper: number;
}

export interface FunnelLimitsResult {
  /** For each n in input order, each level in input order: limits[i * levels.length + j]. */
  limits: FunnelLimit[];
}

function interpolatedLimit(q: number, n: number, p0: number): number {
  const r = qbinom(q, n, p0);
  const fr = pbinom(r, n, p0);
  const a = (fr - q) / (fr - pbinom(r - 1, n, p0));
  // Only r = 0 can make r − a negative (the lower limit); the paper truncates at 0. Some published code
  // uses (r + 1 − a)/n for the upper limit; this project uses (r − a)/n for both.
  return Math.max(0, (r - a) / n);
}

export function funnelLimits(input: FunnelLimitsInput): FunnelLimitsResult {
  const family = "funnelLimits";
  const raw = requireInput(family, input);
  const p0 = probability(family, "p0", raw.p0, { lowerOpen: false, upperOpen: false });
  const ns = array(family, "n", raw.n, 0).map((v, i) => integerAtLeast(family, `n[${i}]`, v, 1));
  const levels = array(family, "levels", raw.levels, 0).map((v, i) => probability(family, `levels[${i}]`, v, { lowerOpen: true, upperOpen: true }));
  const method = oneOf(family, "method", raw.method, ["exact", "exactInterpolated", "normal"] as const);

  const limits: FunnelLimit[] = [];
  for (const n of ns) {
    for (const level of levels) {
      // In this order, as the reference does: qHigh is 1 − qLow, not (1 + level)/2.
      const qLow = (1 - level) / 2;
      const qHigh = 1 - qLow;
      let lower: number;
      let upper: number;
      if (method === "exact") {
        lower = qbinom(qLow, n, p0) / n;
        upper = qbinom(qHigh, n, p0) / n;
      } else if (method === "exactInterpolated") {
        lower = interpolatedLimit(qLow, n, p0);
        upper = interpolatedLimit(qHigh, n, p0);
      } else {
        const h = qnorm(1 - qLow) * Math.sqrt((p0 * (1 - p0)) / n);
        lower = Math.max(0, p0 - h);
        upper = Math.min(1, p0 + h);
      }
      limits.push({ n, level, lower, upper });
    }
  }
  return { limits };
}
