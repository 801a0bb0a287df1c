// Firth's penalised-likelihood logistic regression (complications at ~0.1 %): finite even with no events at
// all or complete separation, where maximum likelihood has no answer (Firth 1993, Biometrika 80:27–38;
// Heinze & Schemper 2002, Stat Med 21:2409–2419). Its reference vectors agree with R's brglm2,
// glm(y ~ X, family = binomial, method = "brglmFit", type = "AS_mean").
//
// The estimate maximises ℓ*(β) = ℓ(β) + ½ log det(XᵀWX), W = diag(p(1 − p)); it solves the modified score
//   U*(β) = Xᵀ(y − p + h ∘ (½ − p)) = 0,  h = diag(W^½ X (XᵀWX)⁻¹ XᵀW^½)  (the leverages).
// With the QR W^½Z = QR: ½ log det(ZᵀWZ) = Σ log |R_jj|, and h_i = ‖R⁻ᵀ a_i‖² for row a_i of W^½Z.
// Steps are Fisher scoring, δ = (ZᵀWZ)⁻¹U* as logistf does, until it slows down, then Newton's,
// δ = (−H)⁻¹U* with the exact Hessian of ℓ* (firthNewton.ts) wherever −H is positive definite; damped as in
// ascent.ts (halved while ℓ* would fall); the fit stops when the full step is below 1e-14 relative. Standard
// errors are √diag((XᵀWX)⁻¹) at the estimate. All in the standardised coordinates of regressionDesign.ts (the
// penalty only moves by a constant under that change, so the estimate is the same).

import { hessianCore, inverseFactorRows, leverages, solvePositiveDefinite } from "./firthNewton";
import { householderQr, logAbsDetUpper, solveNormal, solveUpper, solveUpperTransposed, type Qr } from "./householderQr";
import { ascend } from "./ascent";
import { logisticPoint, transposeTimes, weightedColumns, type LogisticPoint } from "./logisticModel";
import { originalCoefficients, originalStandardErrors, regressionDesign, type RegressionInput } from "./regressionDesign";

export type FirthLogisticInput = RegressionInput;

export interface FirthLogisticResult {
  /** Log-odds, intercept first, then one per covariate. */
  coefficients: number[];
  standardErrors: number[];
}

interface FirthPoint extends LogisticPoint {
  qr: Qr;
  penalised: number;
  /** R⁻ᵀZ, computed when the gradient is first asked for. */
  xi?: Float64Array[];
}

/**
 * The penalised likelihood always has a finite maximum for logistic regression (Kosmidis & Firth 2021,
 * Biometrika 108:71–82). Newton's method reaches it in a handful of steps; scoring steps, used where the
 * Hessian is not negative definite, converge linearly, so allow plenty.
 */
const MAX_ITERATIONS = 500;
/**
 * Scoring steps are cheap (the factorisation is already there) and fast while the penalty's curvature is small
 * against I (many events). Once a scoring step is more than a quarter of the one before, convergence has
 * turned slow and linear, and Newton takes over for the remaining steps.
 */
const SLOW_SCORING = 0.25;

export function firthLogistic(input: FirthLogisticInput): FirthLogisticResult {
  const design = regressionDesign("firthLogistic", input, { binaryOutcome: true, weights: true });
  const { n, y, f } = design;
  const q = design.k + 1;

  const evaluate = (gamma: Float64Array): FirthPoint => {
    const point = logisticPoint(design, gamma);
    const qr = householderQr(weightedColumns(design, point.w), { overwrite: true });
    // A weight that underflowed makes R singular and log det −∞: such a trial step is rejected by the ascent.
    return { ...point, qr, penalised: point.logLik + logAbsDetUpper(qr.r, q) };
  };
  const xiOf = (s: FirthPoint): Float64Array[] => (s.xi ??= inverseFactorRows(design, s.qr));

  let events = 0;
  for (let i = 0; i < n; i++) events += f ? f[i] * y[i] : y[i];
  // Intercept-only start with half an event and half a non-event added, which is finite for 0 or n events and
  // close to Firth's own intercept-only estimate.
  const start = new Float64Array(q);
  start[0] = Math.log((events + 0.5) / (design.subjects - events + 0.5));
  let newton = false;
  let previousScoring = Infinity;
  const outcome = ascend<FirthPoint>(
    {
      evaluate,
      objective: (s) => s.penalised,
      gradient: (s) => {
        const h = leverages(s, xiOf(s));
        const modified = new Float64Array(n);
        for (let i = 0; i < n; i++) modified[i] = y[i] - s.p[i] + h[i] * (0.5 - s.p[i]);
        return transposeTimes(design, modified);
      },
      step: (s, modifiedScore) => {
        const scoring = solveNormal(s.qr.r, q, modifiedScore);
        if (!newton) {
          const size = scoring.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
          newton = size > SLOW_SCORING * previousScoring;
          previousScoring = size;
        }
        if (!newton) return scoring;
        // Newton, (RᵀKR) δ = U*, where −H is positive definite (as it is near the maximum), else the scoring step.
        const middle = solvePositiveDefinite(hessianCore(s, xiOf(s), f), q, solveUpperTransposed(s.qr.r, q, modifiedScore));
        return middle ? solveUpper(s.qr.r, q, middle) : scoring;
      },
    },
    start,
    MAX_ITERATIONS,
  );
  if (outcome.status !== "converged") {
    throw new Error(`firthLogistic: the penalised likelihood did not converge in ${outcome.iterations} iterations (${outcome.status})`);
  }
  const { gamma, qr } = outcome.state;
  return {
    coefficients: originalCoefficients(design, gamma),
    standardErrors: originalStandardErrors(design, qr.r),
  };
}
