/**
 * The case mix of the risk models (issue 18): which covariates describe a patient and procedure, their values,
 * and the three outcomes the models predict. Pure: the data layer reads the cohort, builds the design here and
 * fits it with lib/stats (lib/outcomes/riskModelFit.ts).
 *
 * Covariates, from what the patient and procedure records hold:
 *   age at the procedure (per 10 years); sex (female, and other or unknown, against male); the eight risk
 *   factors the clinic pages name (scoliosis or kyphosis, previous spinal fracture, previous spinal surgery,
 *   medication allergies, diabetes, cardiovascular disease, smoking, heavy drinking); diagnosis (herniated disc,
 *   other, against stenosis); levels treated (per level); the prior-treatment flag.
 * Complications are rare (about 1 in 2,000 serious related), so their model uses the parsimonious core the
 * domain brief names as changing the expected outcome — age, sex, diabetes, cardiovascular disease, previous
 * spinal surgery and levels treated — to keep the events per parameter as high as the data allow.
 *
 * A covariate the view leaves without variation is dropped and listed (a filter on diagnosis makes both
 * diagnosis columns constant; a risk-factor filter that factor); so is an indicator held by fewer than
 * MIN_PER_LEVEL patients on either side, which would only add noise or separate the outcome.
 */
import { RISK_FACTORS, type RiskFactor } from "@/db/enums";
import { RISK_FACTOR_LABELS } from "@/lib/labels";
import { meetsImprovement } from "@/lib/stats";
import { riskFactorBit, type CohortAssessment, type CohortProcedure } from "./cohort";
import { MCID_PRESETS, type McidPresetId } from "./mcid";

export type CovariateKey = "age10" | "female" | "sexOtherUnknown" | RiskFactor | "herniatedDisc" | "otherDiagnosis" | "levels" | "priorTreatment";

export type Covariate = {
  key: CovariateKey;
  label: string;
  /** "indicator" (0/1, shown as an odds ratio for having it) or a per-unit covariate. */
  kind: "indicator" | "per-unit";
  value: (p: CohortProcedure) => number;
};

/** Levels treated, from the stored comma list ("L3-L4,L4-L5" → 2). */
export const levelCount = (levels: string) => levels.split(",").filter((l) => l.trim() !== "").length;

// A practice has a handful of distinct level lists: each counted once, not once per procedure and model.
const levelCounts = new Map<string, number>();
function keptLevelCount(levels: string): number {
  let n = levelCounts.get(levels);
  if (n === undefined) {
    if (levelCounts.size > 1000) levelCounts.clear();
    levelCounts.set(levels, (n = levelCount(levels)));
  }
  return n;
}

const riskIndicator = (f: RiskFactor): Covariate => {
  const bit = riskFactorBit(f);
  return indicator(f, RISK_FACTOR_LABELS[f], (p) => (p.riskMask & bit) !== 0);
};

const indicator = (key: CovariateKey, label: string, test: (p: CohortProcedure) => boolean): Covariate => ({
  key,
  label,
  kind: "indicator",
  value: (p) => (test(p) ? 1 : 0),
});

export const CASE_MIX_COVARIATES: readonly Covariate[] = [
  { key: "age10", label: "Age (per 10 years)", kind: "per-unit", value: (p) => p.ageAtProcedure / 10 },
  indicator("female", "Female (against male)", (p) => p.sex === "female"),
  indicator("sexOtherUnknown", "Sex other or unknown (against male)", (p) => p.sex === "other" || p.sex === "unknown"),
  ...RISK_FACTORS.map(riskIndicator),
  indicator("herniatedDisc", "Herniated disc (against stenosis)", (p) => p.diagnosis === "herniated_disc"),
  indicator("otherDiagnosis", "Other diagnosis (against stenosis)", (p) => p.diagnosis === "other"),
  { key: "levels", label: "Levels treated (per level)", kind: "per-unit", value: (p) => keptLevelCount(p.levels) },
  indicator("priorTreatment", "Lumbar treatment in the 12 months before (flagged)", (p) => p.priorTreatmentFlag),
];

/** The complication model's parsimonious core (see the module comment). */
export const COMPLICATION_COVARIATE_KEYS: readonly CovariateKey[] = ["age10", "female", "diabetes", "cardiovascularDisease", "previousSpinalSurgery", "levels"];

/** An indicator held by fewer patients than this on either side is dropped. */
export const MIN_PER_LEVEL = 5;

export type DroppedCovariate = { key: CovariateKey; label: string; reason: string };

export type CaseMixDesign = {
  covariates: Covariate[];
  dropped: DroppedCovariate[];
  /** One row per subject, one value per kept covariate (no intercept). */
  x: number[][];
};

/** The design over these subjects: every candidate covariate's column, less those without enough variation. */
export function caseMixDesign(subjects: readonly CohortProcedure[], candidates: readonly Covariate[] = CASE_MIX_COVARIATES): CaseMixDesign {
  const kept: Covariate[] = [];
  const dropped: DroppedCovariate[] = [];
  const columns: Float64Array[] = [];
  const n = subjects.length;
  for (const c of candidates) {
    const column = new Float64Array(n);
    let ones = 0;
    let varies = false;
    for (let i = 0; i < n; i++) {
      const v = c.value(subjects[i]!);
      column[i] = v;
      ones += v;
      if (v !== column[0]) varies = true;
    }
    if (!varies) {
      dropped.push({ key: c.key, label: c.label, reason: "the same for every patient in this view" });
      continue;
    }
    if (c.kind === "indicator" && Math.min(ones, n - ones) < MIN_PER_LEVEL) {
      dropped.push({ key: c.key, label: c.label, reason: `fewer than ${MIN_PER_LEVEL} patients with or without it` });
      continue;
    }
    kept.push(c);
    columns.push(column);
  }
  const x = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(columns.length);
    for (let j = 0; j < columns.length; j++) row[j] = columns[j]![i]!;
    x[i] = row;
  }
  return { covariates: kept, dropped, x };
}

export const covariatesByKey = (keys: readonly CovariateKey[]) => CASE_MIX_COVARIATES.filter((c) => keys.includes(c.key));

// ---- The outcomes ----

const atTimepoint = (p: CohortProcedure, timepoint: CohortAssessment["timepoint"]) => p.followUps.find((a) => a.timepoint === timepoint) ?? null;

/** ODI change from baseline at 12 months (follow-up − baseline; negative = better); null without both scores. */
export function odiChangeAt12Months(p: CohortProcedure): number | null {
  const later = atTimepoint(p, "month_12");
  if (!p.baseline || !later || p.baseline.odi === null || later.odi === null) return null;
  return later.odi - p.baseline.odi;
}

/** Responder at 12 months under the MCID preset (1/0); null without both scores of its measure. */
export function responderAt12Months(p: CohortProcedure, mcid: McidPresetId): 0 | 1 | null {
  const preset = MCID_PRESETS.find((m) => m.id === mcid)!;
  const later = atTimepoint(p, "month_12");
  if (!p.baseline || !later) return null;
  const pre = p.baseline[preset.measure];
  const post = later[preset.measure];
  if (pre === null || post === null) return null;
  return meetsImprovement(pre, post, preset.threshold, preset.mode) ? 1 : 0;
}

/** A complication under the cohort's definition (1/0): known for every procedure. */
export const complicationOutcome = (p: CohortProcedure): 0 | 1 => (p.hasQualifyingComplication ? 1 : 0);

// ---- How many events a model needs ----

/**
 * The events-per-parameter rule: maximum-likelihood logistic regression needs at least 10 of the rarer outcome
 * per covariate (Peduzzi et al. 1996, J Clin Epidemiol 49:1373–9); Firth's penalised likelihood stays finite and
 * removes the small-sample bias, so at least 5 per covariate; a linear model at least 10 patients per covariate.
 * Below it the page says "too few events to adjust" and shows the raw comparison only.
 */
export const EVENTS_PER_PARAMETER = { logistic: 10, firth: 5, linear: 10 } as const;
export type ModelMethod = keyof typeof EVENTS_PER_PARAMETER;

export function eventsPerParameterRule(method: ModelMethod): string {
  const k = EVENTS_PER_PARAMETER[method];
  if (method === "linear") return `at least ${k} patients per covariate`;
  return `at least ${k} events (of the rarer outcome) per covariate${method === "firth" ? " — Firth's penalised likelihood allows half the usual 10" : ""}`;
}

/** Enough to fit: the rarer outcome's count (binary) or the patients (linear) per covariate reaches the rule. */
export function enoughEvents(method: ModelMethod, rarer: number, covariates: number): boolean {
  return covariates > 0 && rarer >= EVENTS_PER_PARAMETER[method] * covariates;
}
