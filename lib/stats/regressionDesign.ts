// The design shared by the three regression families: input checks, an intercept, and columns centred and
// scaled for the fit, with the coefficients and their covariance transformed back afterwards.
//
// Why standardise: covariates such as uncentred age (mean ~70, sd ~8) make the columns nearly collinear with
// the intercept, so every iterative fit loses digits and stops early. With each covariate replaced by
// z = (x − mean)/scale the fitted model is the same (maximum likelihood, Firth's penalised likelihood and
// least squares are all equivariant under an invertible linear change of the design: Firth's penalty
// ½ log det(XᵀWX) only moves by a constant), but the working matrix is well conditioned.
//   In z-coordinates the coefficients are γ; in the caller's, β_j = γ_j / s_j and β_0 = γ_0 − Σ_j γ_j m_j / s_j,
// i.e. β = Tγ. Cov(β) = T Cov(γ) Tᵀ = (T R⁻¹)(T R⁻¹)ᵀ, so each standard error is the norm of a row of TR⁻¹: a
// sum of squares, with no cancellation.

import { householderQr, invertUpper, type Qr } from "./householderQr";
import { accurateSum } from "./summation";
import { describe, fail, requireInput } from "./validate";

export interface RegressionInput {
  /** One row per subject, k ≥ 1 covariates each (no intercept column: the fit adds one). */
  x: readonly (readonly number[])[];
  y: readonly number[];
  /**
   * Frequency weights (logistic families only): row i stands for weights[i] identical subjects, so a fit on the
   * distinct rows of a large cohort with their counts is the fit on every subject — the same likelihood, the
   * same information, the same Firth penalty. Absent: every row is one subject.
   */
  weights?: readonly number[];
}

export interface Design {
  /** Rows. */
  n: number;
  /** Subjects: Σ f, or n without weights. */
  subjects: number;
  /** Frequency weights per row, null when every row is one subject. */
  f: Float64Array | null;
  /** Number of covariates; the model has k + 1 coefficients. */
  k: number;
  /** q = k + 1 columns: the intercept (all 1) then each standardised covariate. */
  z: Float64Array[];
  means: Float64Array;
  scales: Float64Array;
  y: Float64Array;
  /** QR of F^½ z (z itself without weights), from the rank check; least squares on the design reuses it. */
  qr: Qr;
}

/** R's lm/glm tolerance (dqrdc2, tol = 1e-7): a column whose residual norm after projecting out the earlier
 * columns is below 1e-7 of its own norm counts as a linear combination of them. */
const RANK_TOLERANCE = 1e-7;

/** Validates { x, y } and builds the standardised design. Throws a RangeError naming the field. */
export function regressionDesign(family: string, input: unknown, opts: { binaryOutcome: boolean; weights?: boolean }): Design {
  const raw = requireInput(family, input);
  const rows = raw.x;
  if (!Array.isArray(rows)) fail(family, "x", "must be an array of rows", rows);
  if (rows.length === 0) fail(family, "x", "must have at least one row", rows);
  const first: unknown = rows[0];
  if (!Array.isArray(first)) fail(family, "x[0]", "must be an array of covariate values", first);
  const k = first.length;
  if (k < 1) fail(family, "x[0]", "must have at least one covariate", first);
  const n = rows.length;
  const columns = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) fail(family, `x[${i}]`, "must be an array of covariate values", row);
    if (row.length !== k) fail(family, `x[${i}]`, `must have ${k} covariates like x[0], got ${row.length}`);
    for (let j = 0; j < k; j++) {
      const v: unknown = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) fail(family, `x[${i}][${j}]`, "must be a finite number", v);
      columns[j][i] = v;
    }
  }
  const yRaw = raw.y;
  if (!Array.isArray(yRaw)) fail(family, "y", "must be an array", yRaw);
  if (yRaw.length !== n) fail(family, "y", `must have one outcome per row of x (${n}), got length ${yRaw.length}`);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v: unknown = yRaw[i];
    if (opts.binaryOutcome) {
      if (v !== 0 && v !== 1) fail(family, `y[${i}]`, "must be 0 or 1", v);
    } else if (typeof v !== "number" || !Number.isFinite(v)) fail(family, `y[${i}]`, "must be a finite number", v);
    y[i] = v as number;
  }
  const f = frequencyWeights(family, raw.weights, n, opts.weights === true);
  const subjects = f ? accurateSum(f) : n;
  // k + 1 coefficients need more than k + 1 subjects: with n = k + 1 the fit is exact and nothing is left to
  // estimate the error (linear) or the fit is separated (logistic).
  if (subjects <= k + 1) fail(family, "x", `must have more rows than covariates + 1 (${k + 1}), got ${subjects} rows`);

  const means = new Float64Array(k);
  const scales = new Float64Array(k);
  const z = [new Float64Array(n).fill(1)];
  for (let j = 0; j < k; j++) {
    const c = columns[j];
    const m = f ? accurateSum(c.map((v, i) => v * f[i])) / subjects : accurateSum(c) / n;
    const s = Math.sqrt((f ? accurateSum(c.map((v, i) => f[i] * (v - m) * (v - m))) : accurateSum(c, (v) => (v - m) * (v - m))) / subjects);
    // A constant covariate duplicates the intercept (s = 0, or only rounding left when every value is equal).
    if (!(s > 1e-12 * Math.max(Math.abs(m), Number.MIN_VALUE))) {
      fail(family, "x", `must not have a constant column: column ${j} is always ${describe(c[0])} (the intercept is added by the fit)`);
    }
    means[j] = m;
    scales[j] = s;
    const zc = new Float64Array(n);
    for (let i = 0; i < n; i++) zc[i] = (c[i] - m) / s;
    z.push(zc);
  }
  const root = f?.map(Math.sqrt);
  const qr = householderQr(root ? z.map((col) => col.map((v, i) => v * root[i])) : z, { overwrite: root !== undefined });
  requireFullRank(family, qr, subjects);
  return { n, subjects, f, k, z, means, scales, y, qr };
}

function frequencyWeights(family: string, weights: unknown, n: number, allowed: boolean): Float64Array | null {
  if (weights === undefined) return null;
  if (!allowed) fail(family, "weights", "are not supported by this family", weights);
  if (!Array.isArray(weights)) fail(family, "weights", "must be an array", weights);
  if (weights.length !== n) fail(family, "weights", `must have one weight per row of x (${n}), got length ${weights.length}`);
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v: unknown = weights[i];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) fail(family, `weights[${i}]`, "must be a positive finite number", v);
    f[i] = v;
  }
  return f;
}

function requireFullRank(family: string, { r, q }: Qr, subjects: number): void {
  for (let j = 1; j < q; j++) {
    // Each standardised column has norm √(subjects), as does the intercept.
    if (Math.abs(r[j * q + j]) < RANK_TOLERANCE * Math.sqrt(subjects)) {
      fail(family, "x", `is rank-deficient: column ${j - 1} is a linear combination of the intercept and the columns before it`);
    }
  }
}

/** β = Tγ: coefficients in the caller's units, intercept first. */
export function originalCoefficients(design: Design, gamma: ArrayLike<number>): number[] {
  const { k, means, scales } = design;
  const beta = new Array<number>(k + 1);
  let intercept = gamma[0];
  for (let j = 0; j < k; j++) {
    beta[j + 1] = gamma[j + 1] / scales[j];
    intercept -= beta[j + 1] * means[j];
  }
  beta[0] = intercept;
  return beta;
}

/** Standard errors in the caller's units from R (Cov(γ) = factor²·R⁻¹R⁻ᵀ): the row norms of T R⁻¹, times factor. */
export function originalStandardErrors(design: Design, r: Float64Array, factor = 1): number[] {
  const { k, means, scales } = design;
  const q = k + 1;
  const inv = invertUpper(r, q);
  const se = new Array<number>(q);
  // Row 0 of TR⁻¹ = row 0 of R⁻¹ − Σ_j (m_j/s_j) · row (j+1) of R⁻¹; row j+1 = row (j+1) of R⁻¹ / s_j.
  const row0 = new Float64Array(q);
  for (let c = 0; c < q; c++) row0[c] = inv[c];
  for (let j = 0; j < k; j++) {
    const f = means[j] / scales[j];
    for (let c = j + 1; c < q; c++) row0[c] -= f * inv[(j + 1) * q + c];
  }
  se[0] = factor * Math.hypot(...row0);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let c = j + 1; c < q; c++) s += inv[(j + 1) * q + c] ** 2;
    se[j + 1] = (factor * Math.sqrt(s)) / scales[j];
  }
  return se;
}
