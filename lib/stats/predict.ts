// Per-patient predictions from a fitted model, for observed-against-expected comparisons: a physician's
// expected count is the sum of their patients' predicted risks (or predicted changes).
//
//   predictLinear:   ŷ_i = β_0 + Σ_j β_j x_ij
//   predictLogistic: p_i = 1 / (1 + e^(−η_i)), η_i = β_0 + Σ_j β_j x_ij (computed from whichever side keeps
//                    full relative precision, so a risk of 1e-20 is not rounded to 0 nor 1 − 1e-20 to 1)
//
// `coefficients` are a fit's (intercept first); each row of `x` has one value per covariate, in the order the
// model was fitted with.

import { fail } from "./validate";

function linearPredictor(family: string, coefficients: unknown, x: unknown): Float64Array {
  if (!Array.isArray(coefficients) || coefficients.length < 2) {
    fail(family, "coefficients", "must be an array of an intercept and at least one slope", coefficients);
  }
  for (let j = 0; j < coefficients.length; j++) {
    const c: unknown = coefficients[j];
    if (typeof c !== "number" || !Number.isFinite(c)) fail(family, `coefficients[${j}]`, "must be a finite number", c);
  }
  const beta = coefficients as number[];
  const k = beta.length - 1;
  if (!Array.isArray(x)) fail(family, "x", "must be an array of rows", x);
  const eta = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const row: unknown = x[i];
    if (!Array.isArray(row)) fail(family, `x[${i}]`, "must be an array of covariate values", row);
    if (row.length !== k) fail(family, `x[${i}]`, `must have ${k} covariates (one per slope in coefficients), got ${row.length}`);
    let s = beta[0];
    for (let j = 0; j < k; j++) {
      const v: unknown = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) fail(family, `x[${i}][${j}]`, "must be a finite number", v);
      s += beta[j + 1] * v;
    }
    eta[i] = s;
  }
  return eta;
}

/**
 * Predicted values of a linear model, one per row of x.
 */
export function predictLinear(coefficients: readonly number[], x: readonly (readonly number[])[]): number[] {
  return Array.from(linearPredictor("predictLinear", coefficients, x));
}

/** Predicted probabilities of a logistic model (log-odds coefficients), one per row of x. */
export function predictLogistic(coefficients: readonly number[], x: readonly (readonly number[])[]): number[] {
  const eta = linearPredictor("predictLogistic", coefficients, x);
  return Array.from(eta, (e) => (e >= 0 ? 1 / (1 + Math.exp(-e)) : Math.exp(e) / (1 + Math.exp(e))));
}
