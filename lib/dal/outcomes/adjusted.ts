import "server-only";
import { cache } from "react";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import {
  calibrationByTenths,
  cStatistic,
  firthLogistic,
  linearRegression,
  logisticRegression,
  observedExpected,
  poissonFunnelLimits,
  predictLinear,
  predictLogistic,
  type CalibrationTenth,
} from "@/lib/stats";
import { qnorm } from "@/lib/stats/distributions";
import {
  caseMixDesign,
  COMPLICATION_COVARIATE_KEYS,
  complicationOutcome,
  covariatesByKey,
  enoughEvents,
  eventsPerParameterRule,
  odiChangeAt12Months,
  responderAt12Months,
  CASE_MIX_COVARIATES,
  type Covariate,
  type DroppedCovariate,
  type ModelMethod,
} from "@/lib/outcomes/caseMix";
import type { CohortProcedure } from "@/lib/outcomes/cohort";
import { describeComplicationDefinition } from "@/lib/outcomes/complicationDefinition";
import { todayIso } from "@/lib/outcomes/dates";
import { mcidPreset, type McidPresetId } from "@/lib/outcomes/mcid";
import { outcomeFiltersKey, parseOutcomeFiltersLenient, type OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { meanWithCi } from "@/lib/outcomes/outcomeSummary";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { assertOutcomeAccess, practiceWideCohort } from "@/lib/dal/outcomes/cohort";
import { versioned } from "@/lib/dal/outcomes/versionedCache";

/**
 * The risk-adjusted comparison of physicians (issue 18): three models fitted on the pooled practice under the
 * current filters (every physician's procedures; the physician filter does not narrow the pool) —
 *   complication under the current definition: Firth's penalised logistic regression (finite with rare or no events);
 *   responder at 12 months under the view's MCID rule: logistic regression (Firth where maximum likelihood has
 *     no finite estimate, said so);
 *   ODI change at 12 months: least squares —
 * then, per physician, observed against expected: the sum of their patients' predicted risks, O/E with its exact
 * Poisson interval and p (binary outcomes), or the mean observed change against the mean predicted one (ODI).
 * Below the events-per-parameter rule (lib/outcomes/caseMix.ts) a model is not fitted: "too few events to adjust".
 *
 * Who sees what: the models are aggregates of the pool (no identifiers), shown to everyone; the per-physician rows
 * to quality officers and admins for every physician, to a physician for themselves only.
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

export type BinaryAdjustedRow = {
  physicianId: number;
  name: string;
  n: number;
  observed: number;
  expected: number;
  ratio: number;
  lower: number;
  upper: number;
  pValue: number;
  /** Where the ratio lies against the exact Poisson limits at the physician's expected count. */
  position: "within" | "above-95" | "above-99.8" | "below-95" | "below-99.8";
};

export type LinearAdjustedRow = {
  physicianId: number;
  name: string;
  n: number;
  observedMean: number;
  expectedMean: number;
  /** Mean of observed − predicted, with its t interval (null below 2 patients). */
  difference: number;
  lower: number | null;
  upper: number | null;
};

export type PoissonFunnelLine = { expected: number; lower95: number; upper95: number; lower998: number; upper998: number };

export type AdjustedComparison = {
  complication: { model: RiskModel; rows: BinaryAdjustedRow[]; funnel: PoissonFunnelLine[] };
  responder: { model: RiskModel; rows: BinaryAdjustedRow[]; funnel: PoissonFunnelLine[] };
  odiChange: { model: RiskModel; rows: LinearAdjustedRow[] };
  /** Procedures in the pool (every physician under the filters). */
  poolProcedures: number;
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

type Subject = { procedure: CohortProcedure; y: number };

type Fitted = { model: RiskModel; predicted: number[]; subjects: Subject[] };

const METHOD_TEXT: Record<ModelMethod, string> = {
  logistic: "logistic regression (maximum likelihood)",
  firth: "Firth's penalised logistic regression",
  linear: "linear regression (least squares)",
};

function emptyModel(base: Omit<RiskModel, "status" | "reason" | "coefficients" | "cStatistic" | "calibration" | "rSquared" | "sigma">): RiskModel {
  return { ...base, status: "not-fitted", reason: null, coefficients: [], cStatistic: null, calibration: null, rSquared: null, sigma: null };
}

/** Fits one model on the subjects whose outcome is known; never throws for data reasons (the reason is shown). */
function fitModel(
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
    if (method === "logistic") {
      try {
        fit = logisticRegression({ x: design.x, y });
      } catch (e) {
        // Separation: maximum likelihood has no finite estimate; Firth's has, and the panel says it was used.
        if (!(e instanceof RangeError)) throw e;
        used = "firth";
        fit = firthLogistic({ x: design.x, y });
      }
    } else {
      fit = firthLogistic({ x: design.x, y });
    }
    const predicted = predictLogistic(fit.coefficients, design.x);
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

type Person = { id: number; name: string };

function byPhysician<T>(f: Fitted, people: Person[], row: (person: Person, idx: number[]) => T | null): T[] {
  if (f.model.status !== "fitted") return [];
  const groups = new Map<number, number[]>();
  f.subjects.forEach((s, i) => {
    const list = groups.get(s.procedure.physicianId) ?? [];
    list.push(i);
    groups.set(s.procedure.physicianId, list);
  });
  return people.flatMap((p) => {
    const idx = groups.get(p.id);
    if (!idx?.length) return [];
    const r = row(p, idx);
    return r ? [r] : [];
  });
}

function binaryRows(f: Fitted, people: Person[]): BinaryAdjustedRow[] {
  return byPhysician(f, people, (person, idx) => {
    const observed = idx.reduce((s, i) => s + f.subjects[i].y, 0);
    const expected = idx.reduce((s, i) => s + f.predicted[i], 0);
    if (!(expected > 0)) return null;
    const oe = observedExpected({ observed, expected });
    const [l95, l998] = poissonFunnelLimits({ expected: [expected], levels: [0.95, 0.998] });
    const r = oe.ratio;
    const position: BinaryAdjustedRow["position"] =
      r > l998.upper ? "above-99.8" : r > l95.upper ? "above-95" : r < l998.lower ? "below-99.8" : r < l95.lower ? "below-95" : "within";
    return { physicianId: person.id, name: person.name, n: idx.length, observed, expected, ...oe, position };
  });
}

function linearRows(f: Fitted, people: Person[]): LinearAdjustedRow[] {
  return byPhysician(f, people, (person, idx) => {
    const residuals = idx.map((i) => f.subjects[i].y - f.predicted[i]);
    const m = meanWithCi(residuals)!;
    const observedMean = idx.reduce((s, i) => s + f.subjects[i].y, 0) / idx.length;
    const expectedMean = idx.reduce((s, i) => s + f.predicted[i], 0) / idx.length;
    return { physicianId: person.id, name: person.name, n: idx.length, observedMean, expectedMean, difference: m.mean, lower: m.ciLower, upper: m.ciUpper };
  });
}

/** Limit lines over the expected counts drawn: log-spaced from below the smallest to above the largest. */
function funnelOf(rows: BinaryAdjustedRow[]): PoissonFunnelLine[] {
  if (rows.length === 0) return [];
  const lo = Math.max(0.05, Math.min(...rows.map((r) => r.expected)) * 0.5);
  const hi = Math.max(...rows.map((r) => r.expected)) * 1.2;
  const steps = 80;
  const grid = Array.from({ length: steps + 1 }, (_, i) => lo * (hi / lo) ** (i / steps));
  const limits = poissonFunnelLimits({ expected: grid, levels: [0.95, 0.998] });
  return grid.map((expected, i) => ({
    expected,
    lower95: limits[2 * i].lower,
    upper95: limits[2 * i].upper,
    lower998: limits[2 * i + 1].lower,
    upper998: limits[2 * i + 1].upper,
  }));
}

async function compute(filters: OutcomeFilters, mcid: McidPresetId, today: string): Promise<AdjustedComparison> {
  const pool = await practiceWideCohort(filters, today);
  const people = await getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.role, "physician"))
    .orderBy(asc(users.name), asc(users.id));
  const procs = pool.procedures;
  const preset = mcidPreset(mcid);

  const complication = fitModel(
    "complication",
    "Complication",
    describeComplicationDefinition(filters.definition),
    "firth",
    procs.map((p) => ({ procedure: p, y: complicationOutcome(p) })),
    covariatesByKey(COMPLICATION_COVARIATE_KEYS),
  );
  const responder = fitModel(
    "responder",
    "Responder at 12 months",
    `${preset.label}, baseline to the 12-month visit`,
    "logistic",
    procs.flatMap((p) => {
      const y = responderAt12Months(p, mcid);
      return y === null ? [] : [{ procedure: p, y }];
    }),
    CASE_MIX_COVARIATES,
  );
  const odi = fitModel(
    "odiChange",
    "ODI change at 12 months",
    "ODI at the 12-month visit minus baseline, in points (negative = better)",
    "linear",
    procs.flatMap((p) => {
      const y = odiChangeAt12Months(p);
      return y === null ? [] : [{ procedure: p, y }];
    }),
    CASE_MIX_COVARIATES,
  );
  const complicationRows = binaryRows(complication, people);
  const responderRows = binaryRows(responder, people);
  return {
    complication: { model: complication.model, rows: complicationRows, funnel: funnelOf(complicationRows) },
    responder: { model: responder.model, rows: responderRows, funnel: funnelOf(responderRows) },
    odiChange: { model: odi.model, rows: linearRows(odi, people) },
    poolProcedures: procs.length,
  };
}

// The pool's models are the same whoever asks (access is checked first): kept until the data changes.
const computeByKey = cache((key: string, mcid: McidPresetId, today: string) =>
  versioned(`adjusted|${key}|${mcid}|${today}`, () =>
    compute({ ...parseOutcomeFiltersLenient(new URLSearchParams(key)).filters, physician: undefined }, mcid, today),
  ),
);

/**
 * The adjusted comparison under the filters, for this principal: every physician's rows for quality officers and
 * admins (narrowed to `filters.physician` when one is chosen), the principal's own rows for a physician. A
 * physician asking for another physician gets NotFound, as everywhere else.
 */
export async function adjustedComparison(principal: Principal, filters: OutcomeFilters, mcid: McidPresetId, today = todayIso()): Promise<AdjustedComparison> {
  await assertOutcomeAccess(principal, filters);
  const all = await computeByKey(outcomeFiltersKey({ ...filters, physician: undefined }), mcid, today);
  const only = canSeeAllPhysicians(principal) ? filters.physician : principal.id;
  if (only === undefined) return all;
  const mine = <T extends { physicianId: number }>(rows: T[]) => rows.filter((r) => r.physicianId === only);
  // The limit lines are drawn over the rows shown only, so their span says nothing of other physicians' volumes.
  const complicationRows = mine(all.complication.rows);
  const responderRows = mine(all.responder.rows);
  return {
    ...all,
    complication: { ...all.complication, rows: complicationRows, funnel: funnelOf(complicationRows) },
    responder: { ...all.responder, rows: responderRows, funnel: funnelOf(responderRows) },
    odiChange: { ...all.odiChange, rows: mine(all.odiChange.rows) },
  };
}
