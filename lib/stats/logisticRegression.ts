// Maximum-likelihood logistic regression (responder at 12 months on the case mix): R's
// glm(y ~ X, family = binomial, control = glm.control(epsilon = 1e-15, maxit = 200)) with coef(g),
// summary(g)$coefficients[, 2] and as.numeric(logLik(g)).
//
// Newton's method (for the canonical logit link it is R's IRLS) in standardised coordinates: the step δ solves
// (ZᵀWZ) δ = Zᵀ(y − p) through the R factor of a QR of W^½Z (RᵀR = ZᵀWZ), by two triangular solves; a step
// that would lower the log-likelihood is halved. Stops when the full step is below 1e-14 relative.
//   First R's own iteration is followed (glmIrls.ts) to its stopping point, because R's standard errors come
// from the information at its last-but-one iterate; then Newton continues from there to the tight optimum for
// the coefficients and the log-likelihood. Where R's path fails, the standard errors are √diag((XᵀWX)⁻¹) at
// the estimate.
//
// The estimate does not exist when the outcomes are separated (completely or quasi-completely) by a linear
// combination of the covariates: the likelihood then keeps rising as some coefficients run to ±∞. That is
// reported as a RangeError; the app then fits firthLogistic, which is finite there.

import { glmIrls, NUMERICALLY_CERTAIN } from "./glmIrls";
import { solveNormal } from "./householderQr";
import { ascend } from "./ascent";
import { logisticPoint, responseResidual, transposeTimes, weightedQr, type LogisticPoint } from "./logisticModel";
import { originalCoefficients, originalStandardErrors, regressionDesign, type RegressionInput } from "./regressionDesign";
import { fail } from "./validate";

export type LogisticRegressionInput = RegressionInput;

export interface LogisticRegressionResult {
  /** Log-odds, intercept first, then one per covariate. */
  coefficients: number[];
  standardErrors: number[];
  logLik: number;
}

const MAX_ITERATIONS = 100;
/**
 * When are the iterates running a coefficient to infinity? When the fit is still moving and some fitted
 * probability is within 10·ε of 0 or 1 (R's glm.fit warns at that point): after 20 Newton steps from the
 * intercept-only start, or after 3 from the end of R's path, where an estimate that exists is reached in 1 or 2.
 */
const CHECK_AFTER_FROM_INTERCEPT = 20;
const CHECK_AFTER_FROM_R_PATH = 3;

const SEPARATION =
  "is separated by the covariates (some combination of x predicts outcomes perfectly), so the maximum-likelihood estimate does not exist; use firthLogistic";

export function logisticRegression(input: LogisticRegressionInput): LogisticRegressionResult {
  const family = "logisticRegression";
  const design = regressionDesign(family, input, { binaryOutcome: true, weights: true });
  const { n, y, f } = design;
  const subjects = design.subjects;
  const q = design.k + 1;
  let events = 0;
  for (let i = 0; i < n; i++) events += f ? f[i] * y[i] : y[i];
  if (events === 0 || events === subjects)
    fail(family, "y", `is all ${events === 0 ? 0 : 1}, so the maximum-likelihood estimate does not exist; use firthLogistic`);

  const rPath = glmIrls(design);
  // Otherwise start at the intercept-only estimate: with centred covariates it is the exact MLE of that model.
  const start = rPath ? rPath.gamma : new Float64Array(q);
  if (!rPath) start[0] = Math.log(events / (subjects - events));
  const checkAfter = rPath ? CHECK_AFTER_FROM_R_PATH : CHECK_AFTER_FROM_INTERCEPT;
  const outcome = ascend<LogisticPoint>(
    {
      evaluate: (gamma) => logisticPoint(design, gamma),
      objective: (s) => s.logLik,
      gradient: (s) => transposeTimes(design, responseResidual(design, s.p)),
      step: (s, score) => solveNormal(weightedQr(design, s.w).r, q, score),
      diverging: (s, iteration) => iteration >= checkAfter && s.p.some((p, i) => p < NUMERICALLY_CERTAIN || s.pc[i] < NUMERICALLY_CERTAIN),
    },
    start,
    MAX_ITERATIONS,
  );
  if (outcome.status !== "converged") fail(family, "y", SEPARATION);

  const { gamma, w, logLik } = outcome.state;
  // R's weights when its path ended at this optimum (it does whenever it converges: the log-likelihood is
  // strictly concave), else the weights at the estimate.
  const samePlace = rPath !== null && rPath.converged && rPath.gamma.every((g, j) => Math.abs(g - gamma[j]) <= 1e-6 * Math.max(1, Math.abs(gamma[j])));
  const r = samePlace ? rPath.lastR : weightedQr(design, w).r;
  const standardErrors = originalStandardErrors(design, r);
  // No information along some direction (weights underflowed where the fit is certain): no finite estimate.
  if (!standardErrors.every(Number.isFinite)) fail(family, "y", SEPARATION);
  return {
    coefficients: originalCoefficients(design, gamma),
    standardErrors,
    logLik,
  };
}
