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
import { tieGroups, type TieGroups } from "./tieGroups";
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

/** The value at position `at` of the predictions sorted (the groups' values each repeated `count` times). */
function sortedAt(groups: TieGroups, ends: readonly number[], at: number): number {
  let lo = 0;
  let hi = ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid] > at) hi = mid;
    else lo = mid + 1;
  }
  return groups.values[lo];
}

/** Type-7 quantile of the sorted predictions at probability prob (no interpolation between equal values, as R). */
function quantile7(groups: TieGroups, ends: readonly number[], n: number, prob: number): number {
  const h = (n - 1) * prob;
  const l = Math.floor(h);
  const f = h - l;
  const low = sortedAt(groups, ends, l);
  if (f === 0) return low;
  const high = sortedAt(groups, ends, l + 1);
  return high === low ? low : (1 - f) * low + f * high;
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

  // Equal predictions are never split, so the tenths are built from the groups of equal values, in increasing order.
  const groups = tieGroups(p, y);
  const ends: number[] = [];
  for (let k = 0, end = 0; k < groups.values.length; k++) ends.push((end += groups.count[k]));
  const breaks = Array.from({ length: 10 }, (_, j) => quantile7(groups, ends, p.length, (j + 1) / 10)); // the last is the maximum
  const members: { n: number; observed: number; values: number[] }[] = Array.from({ length: 10 }, () => ({ n: 0, observed: 0, values: [] }));
  let group = 0;
  for (let k = 0; k < groups.values.length; k++) {
    const v = groups.values[k];
    while (v > breaks[group]) group++;
    const tenth = members[group];
    tenth.n += groups.count[k];
    tenth.observed += groups.events[k];
    // The tenth's predictions in sorted order, as its expected count sums them.
    for (let c = 0; c < groups.count[k]; c++) tenth.values.push(v);
  }
  return members.map(({ n, observed, values }, j) => {
    const expected = accurateSum(values);
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
