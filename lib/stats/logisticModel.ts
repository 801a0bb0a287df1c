// What the two logistic families share: fitted probabilities and the log-likelihood at a coefficient vector
// (in the standardised coordinates of regressionDesign.ts), and the weighted factorisation. The maximiser is
// in ascent.ts.

import { householderQr, type Qr } from "./householderQr";
import type { Design } from "./regressionDesign";
import { accurateSum } from "./summation";

export interface LogisticPoint {
  gamma: Float64Array;
  eta: Float64Array;
  /** P(y = 1) and 1 − P(y = 1), each computed without cancellation. */
  p: Float64Array;
  pc: Float64Array;
  /** Working weights p(1 − p). */
  w: Float64Array;
  logLik: number;
}

/** log(1 + eᵗ) without overflow or loss for either sign of t. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

export function logisticPoint(design: Design, gamma: Float64Array): LogisticPoint {
  const { n, z, y } = design;
  const eta = new Float64Array(n);
  for (let j = 0; j < z.length; j++) {
    const g = gamma[j];
    const col = z[j];
    for (let i = 0; i < n; i++) eta[i] += g * col[i];
  }
  const p = new Float64Array(n);
  const pc = new Float64Array(n);
  const w = new Float64Array(n);
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = Math.exp(-Math.abs(eta[i]));
    const big = 1 / (1 + e);
    const small = e / (1 + e);
    p[i] = eta[i] >= 0 ? big : small;
    pc[i] = eta[i] >= 0 ? small : big;
    w[i] = big * small;
    // log P(y_i | η_i): −log(1 + e^{−η}) for an event, −log(1 + e^{η}) otherwise.
    terms[i] = y[i] === 1 ? -softplus(-eta[i]) : -softplus(eta[i]);
  }
  if (design.f) for (let i = 0; i < n; i++) terms[i] *= design.f[i];
  return { gamma, eta, p, pc, w, logLik: accurateSum(terms) };
}

/**
 * The columns of (FW)^½ Z: their QR gives R with RᵀR = ZᵀFWZ (the Fisher information; F the frequency weights,
 * 1 without) without forming it.
 */
export function weightedColumns(design: Design, w: Float64Array): Float64Array[] {
  const { n, z, f } = design;
  const root = new Float64Array(n);
  for (let i = 0; i < n; i++) root[i] = Math.sqrt(f ? f[i] * w[i] : w[i]);
  return z.map((col) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = col[i] * root[i];
    return out;
  });
}

export function weightedQr(design: Design, w: Float64Array): Qr {
  return householderQr(weightedColumns(design, w), { overwrite: true });
}

/** y − p, the score residual. */
export function responseResidual(design: Design, p: Float64Array): Float64Array {
  const out = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) out[i] = design.y[i] - p[i];
  return out;
}

/** ZᵀF r: a score, the sum over subjects of z_i r_i (F the frequency weights, 1 without). */
export function transposeTimes(design: Design, r: Float64Array): Float64Array {
  const { f } = design;
  const out = new Float64Array(design.z.length);
  for (let j = 0; j < design.z.length; j++) {
    const col = design.z[j];
    let s = 0;
    if (f) for (let i = 0; i < design.n; i++) s += col[i] * f[i] * r[i];
    else for (let i = 0; i < design.n; i++) s += col[i] * r[i];
    out[j] = s;
  }
  return out;
}
