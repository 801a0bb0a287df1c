import {
  calibrationByTenths,
  cStatistic,
  distinctRows,
  firthLogistic,
  linearRegression,
  logisticRegression,
  predictLinear,
  predictLogistic,
  type CalibrationTenth,
} from "@/lib/stats";
import { qnorm } from "@/lib/stats/distributions";
import { caseMixDesign, enoughEvents, eventsPerParameterRule, type Covariate, type DroppedCovariate, type ModelMethod } from "./caseMix";
import type { CohortProcedure } from "./cohort";

/**
 * One case-mix model fitted on the pool (lib/outcomes/adjustedModels.ts fits three): the design from the
 * procedures' case mix (./caseMix.ts), the fit by the method asked (Firth, logistic with Firth as fallback, least
 * squares), and what is shown of it — coefficients with their intervals, n, events, c-statistic, calibration.
 */

export type CoefficientRow = {
  key: string;
  label: string;
  /** Log-odds (logistic) or points of ODI change (linear) per unit. */
  estimate: number;
  standardError: number;
  lower: number;
  upper: number;
  /** exp(estimate) and its limits: the odds ratio (logistic only, null for linear). */
  oddsRatio: { estimate: number; lower: number; upper: number } | null;
};

export type ModelOutcome = "complication" | "responder" | "odiChange";

export type RiskModel = {
  outcome: ModelOutcome;
  title: string;
  /** What is predicted, in words (the complication definition sentence, the responder rule, …). */
  outcomeText: string;
  method: ModelMethod;
  methodText: string;
  /** Patients in the model (those with the outcome known). */
  n: number;
  /** Patients with the outcome (binary models), else null. */
  events: number | null;
  /** Covariates used; the parameters are these plus the intercept. */
  covariates: { key: string; label: string }[];
  dropped: DroppedCovariate[];
  rule: string;
  status: "fitted" | "too-few-events" | "not-fitted";
  /** Why not fitted, in words; null when fitted. */
  reason: string | null;
  /** Intercept first. Empty unless fitted. */
  coefficients: CoefficientRow[];
  cStatistic: number | null;
  calibration: CalibrationTenth[] | null;
  rSquared: number | null;
  sigma: number | null;
};

const Z95 = qnorm(0.975);

function coefficientRows(covariates: Covariate[], coefficients: number[], standardErrors: number[], logistic: boolean): CoefficientRow[] {
  const labels = [{ key: "intercept", label: "Intercept" }, ...covariates.map((c) => ({ key: c.key, label: c.label }))];
  return labels.map(({ key, label }, j) => {
    const estimate = coefficients[j];
    const se = standardErrors[j];
    const lower = estimate - Z95 * se;
    const upper = estimate + Z95 * se;
    return {
      key,
      label,
      estimate,
      standardError: se,
      lower,
      upper,
      oddsRatio: logistic ? { estimate: Math.exp(estimate), lower: Math.exp(lower), upper: Math.exp(upper) } : null,
    };
  });
}

export type Subject = { procedure: CohortProcedure; y: number };

export type Fitted = { model: RiskModel; predicted: number[]; subjects: Subject[] };

const METHOD_TEXT: Record<ModelMethod, string> = {
  logistic: "logistic regression (maximum likelihood)",
  firth: "Firth's penalised logistic regression",
  linear: "linear regression (least squares)",
};

function emptyModel(base: Omit<RiskModel, "status" | "reason" | "coefficients" | "cStatistic" | "calibration" | "rSquared" | "sigma">): RiskModel {
  return { ...base, status: "not-fitted", reason: null, coefficients: [], cStatistic: null, calibration: null, rSquared: null, sigma: null };
}

/** Fits one model on the subjects whose outcome is known; never throws for data reasons (the reason is shown). */
export function fitModel(
  outcome: ModelOutcome,
  title: string,
  outcomeText: string,
  method: ModelMethod,
  subjects: Subject[],
  candidates: readonly Covariate[],
): Fitted {
  const binary = method !== "linear";
  const design = caseMixDesign(
    subjects.map((s) => s.procedure),
    candidates,
  );
  const y = subjects.map((s) => s.y);
  const events = binary ? y.reduce((a, b) => a + b, 0) : null;
  const k = design.covariates.length;
  const base = {
    outcome,
    title,
    outcomeText,
    method,
    methodText: METHOD_TEXT[method],
    n: subjects.length,
    events,
    covariates: design.covariates.map((c) => ({ key: c.key, label: c.label })),
    dropped: design.dropped,
    rule: eventsPerParameterRule(method),
  };
  const rarer = binary ? Math.min(events!, subjects.length - events!) : subjects.length;
  if (subjects.length === 0) {
    return {
      model: { ...emptyModel(base), status: "too-few-events", reason: "Too few events to adjust: no patient in this view has the outcome recorded." },
      predicted: [],
      subjects,
    };
  }
  if (!enoughEvents(method, rarer, k)) {
    const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
    const what = binary
      ? rarer === events
        ? plural(rarer, "event", "events")
        : plural(rarer, "patient without the outcome", "patients without the outcome")
      : plural(subjects.length, "patient", "patients");
    return {
      model: {
        ...emptyModel(base),
        status: "too-few-events",
        reason: `Too few events to adjust: ${what} for ${k} ${k === 1 ? "covariate" : "covariates"}; the rule asks ${base.rule}.`,
      },
      predicted: [],
      subjects,
    };
  }
  try {
    if (!binary) {
      const fit = linearRegression({ x: design.x, y });
      const predicted = predictLinear(fit.coefficients, design.x);
      return {
        model: {
          ...emptyModel(base),
          status: "fitted",
          coefficients: coefficientRows(design.covariates, fit.coefficients, fit.standardErrors, false),
          rSquared: fit.rSquared,
          sigma: fit.sigma,
        },
        predicted,
        subjects,
      };
    }
    let used: ModelMethod = method;
    let fit: { coefficients: number[]; standardErrors: number[] };
    // Fitted on the distinct covariate patterns with their counts: the same estimates, a fraction of the work.
    const grouped = distinctRows(design.x, y);
    const input = { x: grouped.x, y: grouped.y, weights: grouped.weights };
    if (method === "logistic") {
      try {
        fit = logisticRegression(input);
      } catch (e) {
        // Separation: maximum likelihood has no finite estimate; Firth's has, and the panel says it was used.
        if (!(e instanceof RangeError)) throw e;
        used = "firth";
        fit = firthLogistic(input);
      }
    } else {
      fit = firthLogistic(input);
    }
    const byRow = predictLogistic(fit.coefficients, grouped.x);
    const predicted = Array.from(grouped.rowOf, (row) => byRow[row]);
    const outcomes = y as (0 | 1)[];
    return {
      model: {
        ...emptyModel(base),
        method: used,
        methodText: used === method ? METHOD_TEXT[used] : `${METHOD_TEXT[used]} (maximum likelihood had no finite estimate)`,
        status: "fitted",
        coefficients: coefficientRows(design.covariates, fit.coefficients, fit.standardErrors, true),
        cStatistic: cStatistic(predicted, outcomes),
        calibration: calibrationByTenths(predicted, outcomes),
      },
      predicted,
      subjects,
    };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { model: { ...emptyModel(base), reason: `The model could not be fitted on this view: ${e.message}` }, predicted: [], subjects };
  }
}
