// Firth's penalised-likelihood logistic regression (complications at ~0.1 %): finite even with no events at
// all or complete separation, where maximum likelihood has no answer (Firth 1993, Biometrika 80:27–38;
// Heinze & Schemper 2002, Stat Med 21:2409–2419). Agrees with R's
// glm(y ~ X, family = binomial, method = "brglmFit", type = "AS_mean") (brglm2) and logistf.
//
// The estimate maximises ℓ*(β) = ℓ(β) + ½ log det(XᵀWX), W = diag(p(1 − p)); it solves the modified score
//   U*(β) = Xᵀ(y − p + h ∘ (½ − p)) = 0,  h = diag(W^½ X (XᵀWX)⁻¹ XᵀW^½)  (the leverages).
// With the QR W^½Z = QR: ½ log det(ZᵀWZ) = Σ log |R_jj|, and h_i = ‖R⁻ᵀ a_i‖² for row a_i of W^½Z.
// Steps δ solve (ZᵀWZ) δ = U* (Fisher scoring on the modified score, as logistf does), halved while ℓ* would
// fall; the fit stops when the full step is below 1e-14 relative. Standard errors are √diag((XᵀWX)⁻¹) at the
// estimate. All in the standardised coordinates of regressionDesign.ts (the penalty only moves by a
// constant under that change, so the estimate is the same).

import { householderQr, invertUpper, logAbsDetUpper, solveNormal, type Qr } from "./householderQr";
import { ascend, logisticPoint, transposeTimes, weightedColumns, type LogisticPoint } from "./logisticModel";
import { originalCoefficients, originalStandardErrors, regressionDesign, type RegressionInput } from "./regressionDesign";

export type FirthLogisticInput = RegressionInput;

export interface FirthLogisticResult {
  /** Log-odds, intercept first, then one per covariate. */
  coefficients: number[];
  standardErrors: number[];
}

interface FirthPoint extends LogisticPoint {
  qr: Qr;
  columns: Float64Array[];
  penalised: number;
}

/**
 * The penalised likelihood always has a finite maximum for logistic regression (Kosmidis & Firth 2021,
 * Biometrika 108:71–82); the scoring steps converge linearly, so allow plenty.
 */
const MAX_ITERATIONS = 500;

/** h_i = ‖R⁻ᵀ a_i‖², computed column by column: u_c = Σ_{r ≤ c} (R⁻¹)_{rc} a_r over all rows at once. */
function leverages(columns: readonly Float64Array[], qr: Qr): Float64Array {
  const { n, q } = qr;
  const inv = invertUpper(qr.r, q);
  const h = new Float64Array(n);
  const u = new Float64Array(n);
  for (let c = 0; c < q; c++) {
    u.fill(0);
    for (let r = 0; r <= c; r++) {
      const f = inv[r * q + c];
      const a = columns[r];
      for (let i = 0; i < n; i++) u[i] += f * a[i];
    }
    for (let i = 0; i < n; i++) h[i] += u[i] * u[i];
  }
  return h;
}

export function firthLogistic(input: FirthLogisticInput): FirthLogisticResult {
  const design = regressionDesign("firthLogistic", input, { binaryOutcome: true });
  const { n, y } = design;
  const q = design.k + 1;

  const evaluate = (gamma: Float64Array): FirthPoint => {
    const point = logisticPoint(design, gamma);
    const columns = weightedColumns(design, point.w);
    const qr = householderQr(columns);
    // A weight that underflowed makes R singular and log det −∞: such a trial step is rejected by the ascent.
    return { ...point, qr, columns, penalised: point.logLik + logAbsDetUpper(qr.r, q) };
  };

  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  // Intercept-only start with half an event and half a non-event added, which is finite for 0 or n events and
  // close to Firth's own intercept-only estimate.
  const start = new Float64Array(q);
  start[0] = Math.log((events + 0.5) / (n - events + 0.5));
  const outcome = ascend<FirthPoint>(
    {
      evaluate,
      objective: (s) => s.penalised,
      step: (s) => {
        const h = leverages(s.columns, s.qr);
        const modified = y.map((v, i) => v - s.p[i] + h[i] * (0.5 - s.p[i]));
        return solveNormal(s.qr.r, q, transposeTimes(design, modified));
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
