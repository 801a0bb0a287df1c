// Sums, means and variances that reproduce R's results to the last digit or so.
//
// R accumulates mean() and var() in long double (80-bit on x86) and refines the mean with a second pass
// over the residuals. JavaScript has no long double, so we use Neumaier's compensated summation
// (Neumaier 1974, ZAMM 54:39–51), which is at least as accurate; then the same second pass as R's
// summary.c / cov.c. With this, changes that cancel (e.g. −2, +2, 0) give a mean of exactly 0 and a
// t statistic of exactly 0, as in R.

/** Compensated (Neumaier) sum of `values[i]` (or `map(values[i])`) for i in [0, length). */
export function accurateSum(values: ArrayLike<number>, map?: (v: number) => number): number {
  if (!map) return centredSum(values, 0, false);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = map(values[i]);
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * Compensated Σ (values[i] − centre), or Σ (values[i] − centre)² when `square`: the passes of rMean and rVariance
 * without a callback per value (a view sums a few million scores). With centre 0 and no square it is accurateSum.
 */
function centredSum(values: ArrayLike<number>, centre: number, square: boolean): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - centre;
    const v = square ? d * d : d;
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** R's mean.default: sum/n, then add the mean of the residuals (summary.c, `rsum` + refinement). */
export function rMean(values: ArrayLike<number>): number {
  const n = values.length;
  const first = centredSum(values, 0, false) / n;
  if (!Number.isFinite(first)) return first;
  return first + centredSum(values, first, false) / n;
}

/** R's var(x) with divisor n − 1 (two-pass around the refined mean, as cov.c). NaN when n < 2. */
export function rVariance(values: ArrayLike<number>, mean: number = rMean(values)): number {
  const n = values.length;
  if (n < 2) return NaN;
  return centredSum(values, mean, true) / (n - 1);
}
