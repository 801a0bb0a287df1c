// Ordinary least squares with an intercept (ODI change at 12 months on the case mix): R's lm(y ~ X) with
// coef(m), summary(m)$coefficients[, 2], summary(m)$sigma and summary(m)$r.squared.
//
// Solved by Householder QR of the standardised design (see regressionDesign.ts), never the normal equations:
//   γ = R⁻¹ (Qᵀy)[0..q),  RSS = Σ_{i ≥ q} (Qᵀy)_i²  (R's "effects"),  σ² = RSS/(n − q),
//   Cov(β) = σ² T R⁻¹R⁻ᵀ Tᵀ,  R² = MSS/(MSS + RSS) with MSS = Σ (ŷ − mean ŷ)² = Σ_{1 ≤ i < q} (Qᵀy)_i²,
// the last because the first column of the design is the intercept, so Q's first column is constant and the
// other columns of Q are orthogonal to it.

import { applyQt, solveUpper } from "./householderQr";
import { originalCoefficients, originalStandardErrors, regressionDesign, type RegressionInput } from "./regressionDesign";
import { accurateSum } from "./summation";

export type LinearRegressionInput = RegressionInput;

export interface LinearRegressionResult {
  /** Intercept first, then one per covariate. */
  coefficients: number[];
  standardErrors: number[];
  /** Residual standard error, √(RSS/(n − k − 1)). */
  sigma: number;
  /** null when every y is the same: R² is then 0/0 (R prints rounding noise or NaN). */
  rSquared: number | null;
}

export function linearRegression(input: LinearRegressionInput): LinearRegressionResult {
  const design = regressionDesign("linearRegression", input, { binaryOutcome: false });
  const { n, k, y, qr } = design;
  const q = k + 1;
  const effects = applyQt(qr, y);
  const gamma = solveUpper(qr.r, q, effects);
  const rss = accurateSum(effects.subarray(q), (v) => v * v);
  const mss = accurateSum(effects.subarray(1, q), (v) => v * v);
  const sigma = Math.sqrt(rss / (n - q));
  const constantY = y.every((v) => v === y[0]);
  return {
    coefficients: originalCoefficients(design, gamma),
    standardErrors: originalStandardErrors(design, qr.r, sigma),
    sigma,
    rSquared: constantY ? null : mss / (mss + rss),
  };
}
