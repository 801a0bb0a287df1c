// The distribution functions every family uses, named after R's so the formulas read like the R calls in
// the vectors' README.
//
// Source choices (checked against the vectors and against 40-digit mpmath values for 3,000 random arguments
// each, covering n up to 200,000):
// * qnorm, pnorm, qt, pt, qbeta: @stdlib (ports of Boost / Cephes algorithms). Worst relative errors seen:
//   qnorm 3e-16, pnorm 6e-14 (at 1e-108), qt 7e-16, pt 8e-15, qbeta 3e-14; all far inside the 1e-9 target.
// * pbinom and its upper tail: @stdlib's regularized incomplete beta (Boost's ibeta, DiDonato & Morris
//   TOMS 708 style), asking for the wanted tail directly (R does the same: pbinom is pbeta(p, k + 1, n − k,
//   lower = FALSE)), so a tiny tail is never formed as 1 − (something near 1).
// * qbinom: @stdlib's binomial quantile (Cornish–Fisher start, then an exact step search on the cdf above).
// * qgamma, dpois, and the Poisson tails for a mean up to 1,000: @stdlib's gamma quantile, Poisson pmf and
//   regularized incomplete gamma (asked for the wanted tail directly). Above a mean of 1,000 @stdlib's
//   incomplete gamma is wrong — see poisson.ts, which also polishes qgamma there.
// * pchisqUpper: own closed form, because @stdlib only has the lower cdf and 1 − cdf loses every digit for
//   small p-values (relative errors up to 5e-3 at p ≈ 1e-14 in the check above). See the function.

import betainc from "@stdlib/math-base-special-betainc";
import gammainc from "@stdlib/math-base-special-gammainc";
import betaQuantile from "@stdlib/stats-base-dists-beta-quantile";
import binomialQuantile from "@stdlib/stats-base-dists-binomial-quantile";
import gammaQuantile from "@stdlib/stats-base-dists-gamma-quantile";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import poissonPmf from "@stdlib/stats-base-dists-poisson-pmf";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/** Standard normal quantile. */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Standard normal P(Z ≤ x); for an upper tail call pnorm(−x), which is exact by symmetry. */
export function pnorm(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Student t P(T ≤ t); @stdlib evaluates the near tail with the incomplete beta directly. */
export function pt(t: number, df: number): number {
  return tCdf(t, df);
}

/** Student t quantile. */
export function qt(p: number, df: number): number {
  return tQuantile(p, df);
}

/** Inverse of the regularized incomplete beta function I_x(a, b), as R's qbeta(p, a, b). */
export function qbeta(p: number, a: number, b: number): number {
  return betaQuantile(p, a, b);
}

/** P(X ≤ k) for X ~ Binomial(n, p) = 1 − I_p(k + 1, n − k), evaluated as the upper incomplete beta. */
export function pbinom(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return betainc(p, k + 1, n - k, true, true);
}

/** P(X ≥ k) for X ~ Binomial(n, p) = I_p(k, n − k + 1), computed directly rather than as 1 − pbinom. */
export function pbinomUpper(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return betainc(p, k, n - k + 1, true, false);
}

/** Smallest r in 0..n with pbinom(r, n, p) ≥ q (R's qbinom, without R's 64·eps fuzz; see funnelLimits). */
export function qbinom(q: number, n: number, p: number): number {
  return binomialQuantile(q, n, p);
}

/** Quantile of the Gamma(shape, rate 1) distribution, R's qgamma(p, shape); off by up to 4e-3 above 1,000 (see poisson.ts). */
export function qgamma(p: number, shape: number): number {
  return gammaQuantile(p, shape, 1);
}

/** P(X = k) for X ~ Poisson(m), as R's dpois(k, m). */
export function dpois(k: number, m: number): number {
  return poissonPmf(k, m);
}

/**
 * Regularized incomplete gamma: the lower P(a, x) or, with upper, Q(a, x) = 1 − P(a, x) computed directly.
 * Only for x ≤ 1,000 (see poisson.ts).
 */
export function gammaincRegularized(x: number, a: number, upper: boolean): number {
  return gammainc(x, a, true, upper);
}

/**
 * P(χ²_df > x) for a positive integer df, from the closed forms of the upper regularized gamma function
 * Q(df/2, x/2) (Abramowitz & Stegun 26.4.4 and 26.4.5; NIST DLMF 8.4.8 and 8.4.10):
 *   df even = 2k:   Q = e^(−y) Σ_{i<k} y^i / i!                       (y = x/2)
 *   df odd = 2k+1:  Q = erfc(√y) + e^(−y) Σ_{i<k} y^(i+1/2) / Γ(i + 3/2),  erfc(√y) = 2Φ(−√x)
 * Every term is positive, so the tail keeps full relative precision however small it is (R's
 * pchisq(lower.tail = FALSE) also evaluates the upper tail directly). log-rank df is always an integer.
 */
export function pchisqUpper(x: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`pchisqUpper: df must be a positive integer, got ${df}`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const y = x / 2;
  const logY = Math.log(y);
  // Terms are built in log space: e^(−y) underflows long before the polynomial factor overflows.
  let sum = 0;
  if (df % 2 === 0) {
    const k = df / 2;
    let logTerm = -y; // log(e^(−y) y^0 / 0!)
    for (let i = 0; i < k; i++) {
      if (i > 0) logTerm += logY - Math.log(i);
      sum += Math.exp(logTerm);
    }
    return Math.min(1, sum);
  }
  const k = (df - 1) / 2;
  // log(e^(−y) y^(1/2) / Γ(3/2)), Γ(3/2) = √π / 2
  let logTerm = -y + 0.5 * logY - Math.log(Math.sqrt(Math.PI) / 2);
  for (let i = 0; i < k; i++) {
    if (i > 0) logTerm += logY - Math.log(i + 0.5);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, 2 * pnorm(-Math.sqrt(x)) + sum);
}
