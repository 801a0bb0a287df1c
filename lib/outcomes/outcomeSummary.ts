import type { ReliefSourceCounts, VisitOnlyRelief } from "./reliefSources";
import type { DurabilitySummary } from "./durability";
import type { NotExpectedCounts } from "./followUpStatus";
import { type PairedChangeResult, type ResponderResult } from "@/lib/stats";
import { qt } from "@/lib/stats/distributions";
import { rMean, rVariance } from "@/lib/stats/summation";
import { clopperPearson } from "@/lib/stats";
import type { ComplicationType } from "@/db/enums";
import {
  allGradeDefinition,
  allGradeDifference,
  countsEveryGrade,
  describeComplicationDefinition,
  type ComplicationDefinition,
  type RelatednessKind,
} from "@/lib/outcomes/complicationDefinition";
import { type McidPreset, type McidPresetId } from "@/lib/outcomes/mcid";
import { type ScheduledTimepoint } from "@/lib/outcomes/timepoints";
import { type ComplicationRateSummary } from "@/lib/outcomes/verdict";

/**
 * Everything the outcomes dashboard shows, computed from a cohort with lib/stats (never in components).
 * The result holds counts and estimates only — no physician or patient identifiers — so the same summary
 * can describe the pooled practice to a physician.
 */

export type MeasureKey = "nprsBack" | "nprsLeg" | "odi" | "walkingMinutes" | "standingMinutes";
export type MeasureInfo = { key: MeasureKey; label: string; unit: string; better: "lower" | "higher" };

/** In this order everywhere (the trajectory buckets below rely on it). */
export const MEASURES: readonly MeasureInfo[] = [
  { key: "nprsBack", label: "NPRS back pain", unit: "points (0–10)", better: "lower" },
  { key: "nprsLeg", label: "NPRS leg pain", unit: "points (0–10)", better: "lower" },
  { key: "odi", label: "ODI (disability)", unit: "% (0–100)", better: "lower" },
  { key: "walkingMinutes", label: "Walking tolerance", unit: "minutes", better: "higher" },
  { key: "standingMinutes", label: "Standing tolerance", unit: "minutes", better: "higher" },
];

/** Below this many patients a curve or an estimate would mislead: the UI says "too few to estimate". */
export const MIN_PATIENTS_FOR_ESTIMATE = 10;

export type MeanWithCi = { n: number; mean: number; ciLower: number | null; ciUpper: number | null };

/**
 * Mean with its two-sided t interval, as R's t.test(x)$conf.int: built from lib/stats' R-exact mean,
 * variance and t quantile (the same arithmetic as pairedChange's t interval with a zero baseline, which the
 * unit tests check). The interval is null where R refuses it (n < 2 or constant data).
 */
export function meanWithCi(values: ArrayLike<number>, confLevel = 0.95): MeanWithCi | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = rMean(values);
  if (n < 2) return { n, mean, ciLower: null, ciUpper: null };
  const se = Math.sqrt(rVariance(values, mean) / n);
  if (!(se > 0) || se < 10 * 2 ** -52 * Math.abs(mean)) return { n, mean, ciLower: null, ciUpper: null };
  const t = mean / se;
  const q = qt(1 - (1 - confLevel) / 2, n - 1);
  return { n, mean, ciLower: (t - q) * se, ciUpper: (t + q) * se };
}

export type Rate = { events: number; n: number; estimate: number; lower: number; upper: number };
export const rateOf = (events: number, n: number): Rate | null => (n > 0 ? { events, n, ...clopperPearson({ events, n, confLevel: 0.95 }) } : null);

/** eligible: procedures still expected whose window has closed; notExpected: lost / withdrawn / deceased ones, apart. */
export type FollowUpCompleteness = { timepoint: ScheduledTimepoint; eligible: number; done: number; rate: Rate | null; notExpected: NotExpectedCounts };

export type ReliefCurvePoint = { day: number; relieved: number; lower: number | null; upper: number | null; atRisk: number; events: number; censored: number };
export type AtRiskTick = { day: number; atRisk: number };

export type ReliefCurve = {
  label: string;
  n: number;
  events: number;
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  /** Cumulative proportion relieved (1 − S) with its 95 % CI, one point per distinct day, starting at day 0. */
  points: ReliefCurvePoint[];
  atRisk: AtRiskTick[];
};

export type ReliefSummary = {
  criterion: { id: string; label: string; description: string };
  /** Procedures with a baseline and at least one follow-up: the ones the analysis uses. */
  n: number;
  events: number;
  excluded: { noBaseline: number; noFollowUp: number };
  /** Below MIN_PATIENTS_FOR_ESTIMATE: the UI shows no curve and no median ("too few to estimate"). */
  tooFew: boolean;
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  curve: ReliefCurve | null;
  /** Where the relief days come from: diary days (exact), dated onsets, visits; and how many are censored. */
  sources: ReliefSourceCounts;
  /** Turnbull's interval-censored estimate over the procedures judged from visits alone. */
  visitOnly: VisitOnlyRelief;
};

export type TrajectoryPoint = { timepoint: ScheduledTimepoint; day: number } & MeanWithCi;
export type Trajectory = { measure: MeasureInfo; points: TrajectoryPoint[] };

export type ChangeRow = { measure: MeasureInfo; baselineMean: number | null; followUpMean: number | null; change: PairedChangeResult | null };
export type ResponderRow = { preset: McidPreset; result: ResponderResult | null };

export type CountRow<K extends string | number> = { key: K; complications: number; procedures: number };

/** The all-grade rate shown beside the definition's (allGradeDefinition: same relatedness, window and adjudication). */
export type AllGradeRate = {
  events: number;
  procedures: number;
  rate: Rate | null;
  /** describeComplicationDefinition of the all-grade definition. */
  description: string;
  /** The definition already counts every grade: the two counts are one. */
  sameAsDefinition: boolean;
  /** Why the two counts differ (allGradeDifference). */
  difference: string;
};

export function allGradeRate(events: number, procedures: number, definition: ComplicationDefinition): AllGradeRate {
  return {
    events,
    procedures,
    rate: rateOf(events, procedures),
    description: describeComplicationDefinition(allGradeDefinition(definition)),
    sameAsDefinition: countsEveryGrade(definition),
    difference: allGradeDifference(definition),
  };
}

export type ComplicationSummary = ComplicationRateSummary & {
  definition: ComplicationDefinition;
  description: string;
  shortDescription: string;
  /** Qualifying complication reports (a procedure may have several). */
  reports: number;
  byType: CountRow<ComplicationType>[];
  byGrade: CountRow<number>[];
  byRelatedness: CountRow<RelatednessKind>[];
  allGrade: AllGradeRate;
};

export type OutcomeSummary = {
  procedures: number;
  patients: number;
  /** First and last procedure date in the view (null when empty). */
  firstDate: string | null;
  lastDate: string | null;
  followUp: FollowUpCompleteness[];
  relief: ReliefSummary;
  trajectories: Trajectory[];
  at: ScheduledTimepoint;
  change: ChangeRow[];
  responders: ResponderRow[];
  /** The preset chosen for headline figures. */
  mcid: McidPresetId;
  complications: ComplicationSummary;
  /** Freedom from subsequent lumbar surgery (lib/outcomes/durability.ts). */
  durability: DurabilitySummary;
  /** Assessments kept outside their timepoint's window, and whether these figures count them (by default they do not). */
  outOfWindow: { count: number; included: boolean };
};

/** The summary less its costlier parts (summariseHeadline): what the headline cards, the pool and the API read. */
export type HeadlineSummary = Omit<OutcomeSummary, "trajectories" | "durability" | "relief"> & { relief: Omit<ReliefSummary, "visitOnly"> };

/** The parts summariseCohort adds to the headline figures, each computed (and kept) on its own. */
export type SummaryDetail = { trajectories: Trajectory[]; durability: DurabilitySummary; visitOnly: VisitOnlyRelief };

export function withDetail(headline: HeadlineSummary, detail: SummaryDetail): OutcomeSummary {
  return { ...headline, relief: { ...headline.relief, visitOnly: detail.visitOnly }, trajectories: detail.trajectories, durability: detail.durability };
}
