// Exact (Clopper–Pearson) limits for a binomial proportion, written as R's binom.test writes them
// (stats/R/binom.test.R, functions p.L and p.U), so one-sided and two-sided callers share the same code.

import { qbeta } from "./distributions";

/** p with P(X ≥ x | n, p) = alpha; 0 when x = 0 (binom.test's p.L). */
export function exactLowerLimit(x: number, n: number, alpha: number): number {
  return x === 0 ? 0 : qbeta(alpha, x, n - x + 1);
}

/**
 * p with P(X ≤ x | n, p) = alpha; 1 when x = n (binom.test's p.U). Called with the tail probability alpha,
 * and evaluated as qbeta(1 − alpha, …) exactly as R does, so the double passed to qbeta is R's.
 */
export function exactUpperLimit(x: number, n: number, alpha: number): number {
  return x === n ? 1 : qbeta(1 - alpha, x + 1, n - x);
}
