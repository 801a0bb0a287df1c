// What the two logistic families share: fitted probabilities and the log-likelihood at a coefficient vector
// (in the standardised coordinates of regressionDesign.ts), the weighted factorisation, and a maximiser
// (Newton-type steps with step halving).

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
  return { gamma, eta, p, pc, w, logLik: accurateSum(terms) };
}

/** The columns of W^½ Z: their QR gives R with RᵀR = ZᵀWZ (the Fisher information) without forming it. */
export function weightedColumns(design: Design, w: Float64Array): Float64Array[] {
  const { n, z } = design;
  const root = new Float64Array(n);
  for (let i = 0; i < n; i++) root[i] = Math.sqrt(w[i]);
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

/** Zᵀ r. */
export function transposeTimes(design: Design, r: Float64Array): Float64Array {
  const out = new Float64Array(design.z.length);
  for (let j = 0; j < design.z.length; j++) {
    const col = design.z[j];
    let s = 0;
    for (let i = 0; i < design.n; i++) s += col[i] * r[i];
    out[j] = s;
  }
  return out;
}

export interface AscentProblem<S> {
  evaluate(gamma: Float64Array): S;
  objective(state: S): number;
  /** The full (undamped) step from this state. */
  step(state: S): Float64Array;
  /** True when the iterates show the maximum is not attained (logistic separation); stops the ascent. */
  diverging?(state: S, iteration: number): boolean;
}

export type AscentOutcome<S> = { status: "converged"; state: S; iterations: number } | { status: "diverging" | "stalled"; state: S; iterations: number };

/** A full step below this, relative to the coefficients, ends the ascent (the README's "steps below 1e-14"). */
const STEP_TOLERANCE = 1e-14;
/**
 * Rounding in the score puts a floor under the step. Should that floor lie above STEP_TOLERANCE (it has not in
 * any design tried, up to 100,000 × 12), a step below this that no longer shrinks is the floor, and the ascent
 * ends there instead of running to the iteration limit.
 */
const NOISE_FLOOR_TOLERANCE = 1e-10;
const MAX_HALVINGS = 40;

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/**
 * Maximises the objective by the problem's steps, halving a step until the objective does not fall. The
 * comparison allows a fall of a few units in the last place of the objective, which is rounding, so the
 * ascent does not stall on noise once the optimum is reached.
 */
export function ascend<S>(problem: AscentProblem<S>, start: Float64Array, maxIterations: number): AscentOutcome<S> {
  let state = problem.evaluate(start);
  let gamma = start;
  let previousStep = Infinity;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const delta = problem.step(state);
    const size = maxAbs(delta);
    const scale = Math.max(1, maxAbs(gamma));
    const tiny = size <= STEP_TOLERANCE * scale || (size <= NOISE_FLOOR_TOLERANCE * scale && size >= previousStep);
    previousStep = size;
    const current = problem.objective(state);
    const slack = 64 * Number.EPSILON * Math.max(1, Math.abs(current));
    let accepted: { gamma: Float64Array; state: S } | null = null;
    let t = 1;
    for (let h = 0; h <= MAX_HALVINGS; h++, t /= 2) {
      const trial = gamma.map((g, j) => g + t * delta[j]);
      const trialState = problem.evaluate(trial);
      const value = problem.objective(trialState);
      if (Number.isFinite(value) && value >= current - slack) {
        accepted = { gamma: trial, state: trialState };
        break;
      }
    }
    if (accepted === null) return { status: tiny ? "converged" : "stalled", state, iterations: iteration };
    gamma = accepted.gamma;
    state = accepted.state;
    if (tiny && t === 1) return { status: "converged", state, iterations: iteration };
    if (problem.diverging?.(state, iteration)) return { status: "diverging", state, iterations: iteration };
  }
  return { status: "stalled", state, iterations: maxIterations };
}
