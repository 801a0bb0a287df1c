/**
 * The one set of filters shared by the outcomes dashboard, the quality view, the JSON API and the CSV export
 * of the same view: which procedures (physician, site, dates, diagnosis, risk factor, prior-treatment flag,
 * levels), which complication definition and which relief criterion. They live in the URL, so a view can be
 * bookmarked, shared and exported with exactly the same query.
 *
 * Two parsers over the same field schemas: `parseOutcomeFilters` is strict (the API answers 400 naming the
 * field), `parseOutcomeFiltersLenient` drops a malformed value back to its default and says which it
 * ignored (a mistyped link still opens a sensible page).
 */
import { z } from "zod";
import { DIAGNOSES, LEVELS, RISK_FACTORS, type RiskFactor } from "@/db/enums";
import { recordIdField } from "@/lib/validation/recordId";
import { isCalendarDate } from "./dates";
import { SCHEDULED_TIMEPOINTS, type ScheduledTimepoint } from "./timepoints";
import {
  completeDefinition,
  complicationDefinitionParams,
  complicationDefinitionToParams,
  DEFAULT_COMPLICATION_DEFINITION,
  type ComplicationDefinition,
} from "./complicationDefinition";
import { DEFAULT_RELIEF_CRITERION, RELIEF_CRITERION_IDS, type ReliefCriterionId } from "./relief";
import { DEFAULT_MCID, MCID_PRESET_IDS, type McidPresetId } from "./mcid";

export type Diagnosis = (typeof DIAGNOSES)[number];
export type Level = (typeof LEVELS)[number];
export type FlagFilter = "include" | "exclude" | "only";
export type OutOfWindowFilter = "exclude" | "include";

export type OutcomeFilters = {
  physician?: number;
  site?: number;
  from?: string;
  to?: string;
  diagnosis?: Diagnosis;
  /** Only patients with this risk factor. */
  riskFactor?: RiskFactor;
  /** Procedures flagged for a lumbar treatment in the 12 months before: included (default), excluded, or only those. */
  flag: FlagFilter;
  /** Procedures treating any of these levels. */
  levels?: Level[];
  /**
   * Assessments kept outside their timepoint's window ("outside the window, keep it"): left out of every
   * analysis (default) or counted like the others. Either way the view says how many there are.
   */
  outOfWindow: OutOfWindowFilter;
  definition: ComplicationDefinition;
  reliefCriterion: ReliefCriterionId;
};

export const DEFAULT_OUTCOME_FILTERS: OutcomeFilters = {
  flag: "include",
  outOfWindow: "exclude",
  definition: DEFAULT_COMPLICATION_DEFINITION,
  reliefCriterion: DEFAULT_RELIEF_CRITERION,
};

/** A real calendar date written YYYY-MM-DD (2024-13-01 and 2023-02-30 are refused). */
export const isoCalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine(isCalendarDate, "is not a calendar date");

const positiveId = recordIdField("must be a numeric id");

const levelList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim().toUpperCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(LEVELS, { message: `each level must be one of ${LEVELS.join(", ")}` })).min(1))
  .transform((ls) => LEVELS.filter((l) => ls.includes(l)));

/** Each URL parameter's schema (string in, typed value out). */
const FIELD_SCHEMAS = {
  physician: positiveId,
  site: positiveId,
  from: isoCalendarDate,
  to: isoCalendarDate,
  diagnosis: z.enum(DIAGNOSES, { message: `must be one of ${DIAGNOSES.join(", ")}` }),
  riskFactor: z.enum(RISK_FACTORS, { message: `must be one of ${RISK_FACTORS.join(", ")}` }),
  flag: z.enum(["include", "exclude", "only"], { message: "must be include, exclude or only" }),
  levels: levelList,
  outOfWindow: z.enum(["exclude", "include"], { message: "must be exclude or include" }),
  ...complicationDefinitionParams,
  reliefCriterion: z.enum(RELIEF_CRITERION_IDS, { message: `must be one of ${RELIEF_CRITERION_IDS.join(", ")}` }),
} as const;

export const OUTCOME_FILTER_KEYS = Object.keys(FIELD_SCHEMAS) as (keyof typeof FIELD_SCHEMAS)[];
const DEFINITION_KEYS = new Set(Object.keys(complicationDefinitionParams));

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Parameters that are lists: a form's checkboxes send them repeated (related=a&related=b), links comma-separated. */
const LIST_KEYS = new Set(["related", "levels"]);

/**
 * One string per parameter, from Next's searchParams object or a URLSearchParams: repeated list parameters
 * joined with commas, any other parameter's first value.
 */
export function flattenSearchParams(params: SearchParamsInput): Record<string, string | undefined> {
  const entries: [string, string[]][] =
    params instanceof URLSearchParams
      ? [...new Set(params.keys())].map((k) => [k, params.getAll(k)])
      : Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v : [v]] as [string, string[]]]));
  return Object.fromEntries(entries.map(([k, vs]) => [k, LIST_KEYS.has(k) ? vs.filter((v) => v !== "").join(",") : vs[0]]));
}

type FieldResult = { values: Record<string, unknown>; fieldErrors: Record<string, string[]> };

function parseFields(params: SearchParamsInput): FieldResult {
  const flat = flattenSearchParams(params);
  const values: Record<string, unknown> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const key of OUTCOME_FILTER_KEYS) {
    const raw = flat[key]?.trim();
    if (raw === undefined || raw === "") continue;
    const result = FIELD_SCHEMAS[key].safeParse(raw);
    if (result.success) values[key] = result.data;
    else fieldErrors[key] = result.error.issues.map((i) => i.message);
  }
  if (typeof values.from === "string" && typeof values.to === "string" && values.from > values.to) {
    fieldErrors.to = ["must not be before from"];
    delete values.to;
  }
  return { values, fieldErrors };
}

function assemble(values: Record<string, unknown>): OutcomeFilters {
  const definitionParts: Partial<ComplicationDefinition> = {};
  const filters: Record<string, unknown> = { ...DEFAULT_OUTCOME_FILTERS };
  for (const [k, v] of Object.entries(values)) {
    if (DEFINITION_KEYS.has(k)) (definitionParts as Record<string, unknown>)[k] = v;
    else filters[k] = v;
  }
  filters.definition = completeDefinition(definitionParts);
  return filters as OutcomeFilters;
}

/** Strict: any malformed value is an error naming its parameter. Unknown parameters are ignored. */
export function parseOutcomeFilters(
  params: SearchParamsInput,
): { success: true; filters: OutcomeFilters } | { success: false; fieldErrors: Record<string, string[]> } {
  const { values, fieldErrors } = parseFields(params);
  if (Object.keys(fieldErrors).length) return { success: false, fieldErrors };
  return { success: true, filters: assemble(values) };
}

/** Lenient: malformed values fall back to their defaults and are listed in `ignored`. */
export function parseOutcomeFiltersLenient(params: SearchParamsInput): { filters: OutcomeFilters; ignored: Record<string, string[]> } {
  const { values, fieldErrors } = parseFields(params);
  return { filters: assemble(values), ignored: fieldErrors };
}

/** Back to URL parameters, defaults left out, in a stable order. */
export function outcomeFiltersToParams(f: OutcomeFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (f.physician !== undefined) out.set("physician", String(f.physician));
  if (f.site !== undefined) out.set("site", String(f.site));
  if (f.from) out.set("from", f.from);
  if (f.to) out.set("to", f.to);
  if (f.diagnosis) out.set("diagnosis", f.diagnosis);
  if (f.riskFactor) out.set("riskFactor", f.riskFactor);
  if (f.flag !== "include") out.set("flag", f.flag);
  if (f.levels?.length) out.set("levels", f.levels.join(","));
  if (f.outOfWindow === "include") out.set("outOfWindow", "include");
  for (const [k, v] of Object.entries(complicationDefinitionToParams(f.definition))) out.set(k, v);
  if (f.reliefCriterion !== DEFAULT_RELIEF_CRITERION) out.set("reliefCriterion", f.reliefCriterion);
  return out;
}

export function outcomeFiltersToQueryString(f: OutcomeFilters): string {
  return outcomeFiltersToParams(f).toString();
}

/** Stable key of a filter set (for caching one computation per request). */
export function outcomeFiltersKey(f: OutcomeFilters): string {
  return outcomeFiltersToQueryString(f);
}

// ---- How the dashboard is viewed (not filters: they change what is shown, not which procedures count) ----

export const COMPARE_OPTIONS = ["none", "pool", "site", "flag", ...RISK_FACTORS.map((r) => `risk:${r}` as const)] as const;
export type CompareOption = (typeof COMPARE_OPTIONS)[number];
export const CUSUM_ODDS_RATIOS = [1.5, 2, 3, 4] as const;
export const CUSUM_THRESHOLDS = [2, 3, 4.5, 5] as const;

export type OutcomeView = {
  /** Timepoint for change from baseline and responders. */
  at: ScheduledTimepoint;
  mcid: McidPresetId;
  compare: CompareOption;
  /** Funnel limits around the target or the pooled rate. */
  limits: "target" | "pooled";
  /** The physician whose CUSUM and g-chart are shown (quality view). */
  cusum?: number;
  oddsRatio: (typeof CUSUM_ODDS_RATIOS)[number];
  threshold: (typeof CUSUM_THRESHOLDS)[number];
};

const followUpTimepoints = SCHEDULED_TIMEPOINTS.filter((t) => t !== "baseline") as [ScheduledTimepoint, ...ScheduledTimepoint[]];
const numberFrom = (options: readonly number[], fallback: number) =>
  z.coerce
    .number()
    .refine((n) => options.includes(n))
    .catch(fallback);

// h = 3: about five complications in close succession at p0 = 0.1 % and odds ratio 2 (each adds ≈ 0.69 and
// ~690 clean procedures take one away), which an in-control physician practically never produces.
export const DEFAULT_VIEW: OutcomeView = { at: "month_12", mcid: DEFAULT_MCID, compare: "none", limits: "target", oddsRatio: 2, threshold: 3 };

const viewSchema = z.object({
  at: z.enum(followUpTimepoints).catch(DEFAULT_VIEW.at).default(DEFAULT_VIEW.at),
  mcid: z.enum(MCID_PRESET_IDS).catch(DEFAULT_VIEW.mcid).default(DEFAULT_VIEW.mcid),
  compare: z.enum(COMPARE_OPTIONS).catch(DEFAULT_VIEW.compare).default(DEFAULT_VIEW.compare),
  limits: z.enum(["target", "pooled"]).catch(DEFAULT_VIEW.limits).default(DEFAULT_VIEW.limits),
  cusum: positiveId.optional().catch(undefined),
  oddsRatio: numberFrom(CUSUM_ODDS_RATIOS, DEFAULT_VIEW.oddsRatio).default(DEFAULT_VIEW.oddsRatio),
  threshold: numberFrom(CUSUM_THRESHOLDS, DEFAULT_VIEW.threshold).default(DEFAULT_VIEW.threshold),
});

export function parseOutcomeView(params: SearchParamsInput): OutcomeView {
  return viewSchema.parse(flattenSearchParams(params)) as OutcomeView;
}

export function outcomeViewToParams(v: Partial<OutcomeView>): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of ["at", "mcid", "compare", "limits", "cusum", "oddsRatio", "threshold"] as const) {
    const value = v[key];
    if (value !== undefined && value !== DEFAULT_VIEW[key]) out.set(key, String(value));
  }
  return out;
}
