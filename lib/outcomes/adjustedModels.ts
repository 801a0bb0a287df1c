import { observedExpected, poissonFunnelLimits } from "@/lib/stats";
import { COMPLICATION_COVARIATE_KEYS, complicationOutcome, covariatesByKey, odiChangeAt12Months, responderAt12Months, CASE_MIX_COVARIATES } from "./caseMix";
import type { CohortProcedure, OutcomeCohort } from "./cohort";
import { describeComplicationDefinition } from "./complicationDefinition";
import { mcidPreset, type McidPresetId } from "./mcid";
import { meanWithCi } from "./outcomeSummary";
import { fitModel, type Fitted, type RiskModel } from "./riskModelFit";

/**
 * The risk-adjusted comparison of physicians (issue 18): three models fitted on the pooled practice under the
 * current filters (every physician's procedures; the physician filter does not narrow the pool) —
 *   complication under the current definition: Firth's penalised logistic regression (finite with rare or no events);
 *   responder at 12 months under the view's MCID rule: logistic regression (Firth where maximum likelihood has
 *     no finite estimate, said so);
 *   ODI change at 12 months: least squares —
 * then, per physician, observed against expected: the sum of their patients' predicted risks, O/E with its exact
 * Poisson interval and p (binary outcomes), or the mean observed change against the mean predicted one (ODI).
 * Below the events-per-parameter rule (./caseMix.ts) a model is not fitted: "too few events to adjust".
 */

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

export type Person = { id: number; name: string };

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
export function funnelOf(rows: BinaryAdjustedRow[]): PoissonFunnelLine[] {
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

/**
 * The three models fitted on the pool's procedures and every physician's rows (the people in name order), under
 * the filters' complication definition and the view's MCID rule. Pure: lib/dal/outcomes/adjusted.ts reads the
 * pool and the physicians and keeps the result until the data changes.
 */
export function compareAdjusted(pool: OutcomeCohort, people: Person[], mcid: McidPresetId): AdjustedComparison {
  const filters = pool.filters;
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

/**
 * Whether compareAdjusted reads the same from two versions of one procedure: its physician, every covariate's
 * value, and the three outcomes under `mcid`. Asked with the functions the models use, so a covariate or outcome
 * added there is compared here too. Two pools whose procedures agree in order and by this give the same result.
 */
export function sameModelInputs(a: CohortProcedure, b: CohortProcedure, mcid: McidPresetId): boolean {
  return (
    a.physicianId === b.physicianId &&
    complicationOutcome(a) === complicationOutcome(b) &&
    responderAt12Months(a, mcid) === responderAt12Months(b, mcid) &&
    odiChangeAt12Months(a) === odiChangeAt12Months(b) &&
    CASE_MIX_COVARIATES.every((c) => c.value(a) === c.value(b))
  );
}
