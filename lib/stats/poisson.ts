// Poisson tails and the exact (Garwood) limits for a Poisson mean, as R's ppois and qgamma, accurate for
// any mean a clinic can have.
//
// Why not @stdlib alone: @stdlib/math-base-special-gammainc 0.3.1 (and so poisson-cdf, chisquare-cdf and
// gamma-quantile, which build on it) takes its "x > 1000" asymptotic branch (Boost's method 7) with the series
// (a)(a − 1)…/xᵏ instead of Boost's (a − 1)(a − 2)…/xᵏ, and is wrong there: P(1500, 1455) = 0.0895 instead of
// 0.1220, P(X ≤ 1646 | m = 1688.4) = 0.1559 instead of 0.1539, and qgamma(0.975, 1000) is off by 1.6e-4
// relative (all checked against 30-digit mpmath). Below a mean of 1,000 it is within 4e-14 of mpmath on 3,000
// random tail probabilities. So:
// * for m ≤ 1,000 the tails come from @stdlib's regularized incomplete gamma, asked for the wanted tail;
// * above, the smaller tail is the finite sum of @stdlib's Poisson pmf terms from k outward (they shrink like
//   a Gaussian, so ~9√m terms reach 1e-20 of the sum), and the larger is 1 minus it (≥ ½, no cancellation);
// * the Garwood limits start at @stdlib's gamma quantile and are polished by Newton's method on those tails,
//   which leaves @stdlib's answer unchanged (to rounding) where it was right.

import { dpois, gammaincRegularized, qgamma } from "./distributions";

/** Largest mean for which @stdlib's incomplete gamma avoids its faulty large-x branch (taken only for x > 1000). */
const STDLIB_GAMMAINC_MAX_MEAN = 1000;

/** Σ dpois(i, m) for i = from, from + step, … (step ±1) until the terms are negligible or i < 0 (Neumaier sum). */
function sumTerms(from: number, step: 1 | -1, m: number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = from; i >= 0; i += step) {
    const term = dpois(i, m);
    const t = sum + term;
    compensation += Math.abs(sum) >= term ? sum - t + term : term - t + sum;
    sum = t;
    if (term <= 1e-20 * sum) break;
  }
  return sum + compensation;
}

/** P(X ≤ k) for X ~ Poisson(m) (R's ppois(k, m)); k an integer, 0 when k < 0. */
export function ppois(k: number, m: number): number {
  if (k < 0) return 0;
  if (m <= STDLIB_GAMMAINC_MAX_MEAN) return gammaincRegularized(m, k + 1, true);
  return k < m ? sumTerms(k, -1, m) : 1 - sumTerms(k + 1, 1, m);
}

/** P(X > k) for X ~ Poisson(m) (R's ppois(k, m, lower.tail = FALSE)), computed directly, not as 1 − ppois. */
export function ppoisUpper(k: number, m: number): number {
  if (k < 0) return 1;
  if (m <= STDLIB_GAMMAINC_MAX_MEAN) return gammaincRegularized(m, k + 1, false);
  return k < m ? 1 - sumTerms(k, -1, m) : sumTerms(k + 1, 1, m);
}

/**
 * Solves tail(m) = target for a tail probability that moves monotonically with the mean m, by Newton's method
 * from @stdlib's estimate (slope = ±dpois), with bisection whenever a step leaves the bracket known so far.
 */
function solveForMean(tail: (m: number) => number, slope: (m: number) => number, target: number, start: number): number {
  let lo = 0;
  let hi = Infinity;
  const increasing = slope(start) > 0;
  let m = start;
  for (let iteration = 0; iteration < 200; iteration++) {
    const diff = tail(m) - target;
    if (diff === 0) return m;
    if (diff > 0 === increasing) hi = m;
    else lo = m;
    let next = m - diff / slope(m);
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : Math.max(2 * m, 1);
    if (Math.abs(next - m) <= 4 * Number.EPSILON * m) return next;
    m = next;
  }
  return m;
}

/** The mean m with P(X ≥ x | m) = alpha, x ≥ 1: the Garwood lower limit, R's qgamma(alpha, x). */
export function poissonMeanLower(x: number, alpha: number): number {
  return solveForMean(
    (m) => ppoisUpper(x - 1, m),
    (m) => dpois(x - 1, m),
    alpha,
    qgamma(alpha, x),
  );
}

/** The mean m with P(X ≤ x | m) = alpha: the Garwood upper limit, R's qgamma(1 − alpha, x + 1). */
export function poissonMeanUpper(x: number, alpha: number): number {
  return solveForMean(
    (m) => ppois(x, m),
    (m) => -dpois(x, m),
    alpha,
    qgamma(1 - alpha, x + 1),
  );
}
