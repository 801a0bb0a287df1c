// Calibration of a risk model by tenths of predicted risk (the grouping of the Hosmer–Lemeshow table): within
// each tenth, how many patients, how many had the outcome (observed), how many the model expected (the sum of
// their predicted risks), the mean predicted risk, and the observed rate with its exact interval.
//
// Groups (the same as R's cut(p, quantile(p, 0:10/10, type = 7), include.lowest = TRUE)):
// * Breaks q_j, j = 1..9, are the type-7 quantiles of the predictions at j/10: with the predictions sorted,
//   v_0 ≤ … ≤ v_{n−1}, h = (n − 1)·j/10, l = ⌊h⌋, q_j = (1 − (h − l))·v_l + (h − l)·v_{l+1}; q_10 = v_{n−1}.
// * Tenth j holds the predictions in (q_{j−1}, q_j], the first tenth also its lower end: [v_0, q_1].
// * Ties: patients with the same predicted risk are never split. A prediction equal to a break belongs to the
//   lower tenth (intervals are closed on the right), so with heavy ties a tenth can hold more than a tenth of
//   the patients and another can be empty. An empty tenth is kept with n = 0 and null for its mean, rate and
//   limits, so there are always ten rows.

import { exactLowerLimit, exactUpperLimit } from "./binomialBounds";
import { accurateSum } from "./summation";
import { binaryArray, confLevel, fail, finiteArray, sameLength } from "./validate";

export interface CalibrationTenth {
  /** 1 (lowest predicted risks) to 10. */
  tenth: number;
  n: number;
  /** Patients with the outcome. */
  observed: number;
  /** Sum of the predicted risks. */
  expected: number;
  meanPredicted: number | null;
  observedRate: number | null;
  /** Exact (Clopper–Pearson) limits of the observed rate. */
  rateLower: number | null;
  rateUpper: number | null;
}

/** Type-7 quantile of sorted values at probability prob (no interpolation between equal values, as R). */
function quantile7(sorted: readonly number[], prob: number): number {
  const h = (sorted.length - 1) * prob;
  const l = Math.floor(h);
  const f = h - l;
  return f === 0 || sorted[l + 1] === sorted[l] ? sorted[l] : (1 - f) * sorted[l] + f * sorted[l + 1];
}

export function calibrationByTenths(predicted: readonly number[], outcome: readonly (0 | 1)[], options: { confLevel?: number } = {}): CalibrationTenth[] {
  const family = "calibrationByTenths";
  const p = finiteArray(family, "predicted", predicted, { minLength: 1 });
  p.forEach((v, i) => {
    if (!(v >= 0 && v <= 1)) fail(family, `predicted[${i}]`, "must be a probability in [0, 1]", v);
  });
  const y = binaryArray(family, "outcome", outcome, 1);
  sameLength(family, "predicted", p, "outcome", y);
  const level = confLevel(family, options.confLevel);
  const alpha = (1 - level) / 2;

  const order = Array.from(p.keys()).sort((a, b) => p[a] - p[b]);
  const sorted = order.map((i) => p[i]);
  const breaks = Array.from({ length: 10 }, (_, j) => quantile7(sorted, (j + 1) / 10)); // the last is the maximum
  const members: number[][] = Array.from({ length: 10 }, () => []);
  let group = 0;
  for (const i of order) {
    while (p[i] > breaks[group]) group++;
    members[group].push(i);
  }
  return members.map((idx, j) => {
    const n = idx.length;
    const observed = idx.reduce((s, i) => s + y[i], 0);
    const expected = accurateSum(idx.map((i) => p[i]));
    return {
      tenth: j + 1,
      n,
      observed,
      expected,
      meanPredicted: n === 0 ? null : expected / n,
      observedRate: n === 0 ? null : observed / n,
      rateLower: n === 0 ? null : exactLowerLimit(observed, n, alpha),
      rateUpper: n === 0 ? null : exactUpperLimit(observed, n, alpha),
    };
  });
}
