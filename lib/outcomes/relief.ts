/**
 * Time to symptom relief (domain brief): days from the procedure to the first assessment at which the chosen
 * relief criterion is met, or to a recorded patient-reported onset of relief when one is recorded. Patients
 * not yet relieved are censored at their last assessment. Procedures without a baseline (for the criterion's
 * measure) or without any follow-up assessment cannot say anything about relief and are left out; the UI
 * says how many.
 */
import { daysBetween } from "./dates";
import { idsOf, presetOf } from "./presets";

export type ReliefMeasure = "nprs" | "odi" | "pgic";

export type ReliefCriterion = {
  id: string;
  label: string;
  /** Written under every chart that uses it. */
  description: string;
  /** "nprs": back OR leg must improve as required; "odi": the ODI must; "pgic": the patient's global impression (no baseline). */
  measure: ReliefMeasure;
  /** Minimum improvement in points (null = no points requirement). */
  minPoints: number | null;
  /** Minimum improvement in per cent of baseline (null = no percentage requirement). */
  minPercent: number | null;
};

export const RELIEF_CRITERIA = [
  {
    id: "nprs-2pt-30pct",
    label: "NPRS −2 points and −30 % (back or leg)",
    description: "back or leg NPRS improved by at least 2 points and at least 30 % from baseline",
    measure: "nprs",
    minPoints: 2,
    minPercent: 30,
  },
  {
    id: "nprs-2pt",
    label: "NPRS −2 points (back or leg)",
    description: "back or leg NPRS improved by at least 2 points from baseline",
    measure: "nprs",
    minPoints: 2,
    minPercent: null,
  },
  {
    id: "nprs-30pct",
    label: "NPRS −30 % (back or leg)",
    description: "back or leg NPRS improved by at least 30 % from baseline",
    measure: "nprs",
    minPoints: null,
    minPercent: 30,
  },
  {
    id: "odi-10pt",
    label: "ODI −10 points (MiDAS ENCORE)",
    description: "ODI improved by at least 10 points from baseline",
    measure: "odi",
    minPoints: 10,
    minPercent: null,
  },
  {
    id: "odi-15pt",
    label: "ODI −15 points (FDA)",
    description: "ODI improved by at least 15 points from baseline",
    measure: "odi",
    minPoints: 15,
    minPercent: null,
  },
  {
    id: "odi-30pct",
    label: "ODI −30 %",
    description: "ODI improved by at least 30 % from baseline",
    measure: "odi",
    minPoints: null,
    minPercent: 30,
  },
  {
    id: "pgic-much-improved",
    label: "Global impression much or very much improved",
    description: "the patient's global impression of change is much improved or very much improved (PGIC 1–2)",
    measure: "pgic",
    minPoints: null,
    minPercent: null,
  },
] as const satisfies readonly ReliefCriterion[];

export type ReliefCriterionId = (typeof RELIEF_CRITERIA)[number]["id"];
export const RELIEF_CRITERION_IDS = idsOf(RELIEF_CRITERIA);
export const DEFAULT_RELIEF_CRITERION: ReliefCriterionId = "nprs-2pt-30pct";

export const reliefCriterion = (id: ReliefCriterionId): ReliefCriterion => presetOf(RELIEF_CRITERIA, id, "reliefCriterion");

/** Scores of one assessment or diary day, as far as relief needs them (PGIC 1 = very much improved … 7). */
export type ReliefScores = { nprsBack: number | null; nprsLeg: number | null; odi: number | null; pgic?: number | null };

/** PGIC answers that count as relief: very much improved (1) or much improved (2). */
const PGIC_RELIEVED = 2;

export type ReliefOutcome = {
  event: 0 | 1;
  /** Days since the procedure: of relief (event) or of the last assessment (censored). */
  day: number;
  /** "onset" when the day is a recorded patient-reported onset of relief, "diary" a diary day (exact), else "assessment" (a visit). */
  source: "onset" | "assessment" | "diary";
};

export type ReliefExclusion = "no-baseline" | "no-follow-up";

/**
 * Cross-multiplied so integer scores are exact (NRS 10 → 7 is exactly 30 %), as the responder statistic
 * does; a baseline of 0 cannot improve by a share.
 */
function improved(criterion: ReliefCriterion, pre: number | null, post: number | null): boolean {
  if (pre === null || post === null) return false;
  const gain = pre - post;
  if (criterion.minPoints !== null && gain < criterion.minPoints) return false;
  if (criterion.minPercent !== null && !(pre > 0 && 100 * gain >= criterion.minPercent * pre)) return false;
  return true;
}

export function meetsReliefCriterion(criterion: ReliefCriterion, baseline: ReliefScores, at: ReliefScores): boolean {
  if (criterion.measure === "pgic") return at.pgic !== null && at.pgic !== undefined && at.pgic <= PGIC_RELIEVED;
  if (criterion.measure === "odi") return improved(criterion, baseline.odi, at.odi);
  return improved(criterion, baseline.nprsBack, at.nprsBack) || improved(criterion, baseline.nprsLeg, at.nprsLeg);
}

const NO_SCORES: ReliefScores = { nprsBack: null, nprsLeg: null, odi: null };

export function hasReliefBaseline(criterion: ReliefCriterion, baseline: ReliefScores | null): baseline is ReliefScores {
  // The global impression is itself a change since the procedure: it needs no baseline.
  if (criterion.measure === "pgic") return true;
  if (!baseline) return false;
  return criterion.measure === "odi" ? baseline.odi !== null : baseline.nprsBack !== null || baseline.nprsLeg !== null;
}

/** A follow-up assessment (or, with `diary`, a diary day) located in days since the procedure. */
export type ReliefVisit = ReliefScores & { day: number; reliefOnsetDay: number | null; diary?: boolean };

/**
 * One procedure's relief outcome from its follow-up visits, located in days since the procedure (what the
 * cohort query reads); visits before the procedure are not follow-ups and are ignored, as is an onset before it.
 */
export function reliefOutcomeFromDays(
  criterion: ReliefCriterion,
  baseline: ReliefScores | null,
  followUps: readonly ReliefVisit[],
): ReliefOutcome | { excluded: ReliefExclusion } {
  if (!hasReliefBaseline(criterion, baseline)) return { excluded: "no-baseline" };
  const base = baseline ?? NO_SCORES;
  let visits = followUps.filter((v) => v.day >= 0);
  if (visits.length === 0) return { excluded: "no-follow-up" };
  let sorted = true;
  for (let i = 1; i < visits.length; i++) if (visits[i].day < visits[i - 1].day) sorted = false;
  if (!sorted) visits = [...visits].sort((x, y) => x.day - y.day);

  // A recorded onset is the patient's own dating of relief, more precise than the visit that found it.
  let onsetDay: number | null = null;
  for (const v of visits) {
    const d = v.reliefOnsetDay;
    if (d !== null && d >= 0 && (onsetDay === null || d < onsetDay)) onsetDay = d;
  }

  if (onsetDay !== null) return { event: 1, day: onsetDay, source: "onset" };
  // Diary days and visits in day order: with a diary, relief during the first two weeks falls on its exact day.
  for (const v of visits) if (meetsReliefCriterion(criterion, base, v)) return { event: 1, day: v.day, source: v.diary ? "diary" : "assessment" };
  const last = visits[visits.length - 1];
  return { event: 0, day: last.day, source: last.diary ? "diary" : "assessment" };
}

type RecordedAssessment = ReliefScores & { timepoint: string; assessedOn: string; reliefOnsetDate: string | null };
type RecordedDiaryDay = { day: number; nprsBack: number | null; nprsLeg: number | null; pgic: number | null };

/** One procedure's relief from its stored assessments and diary days (the procedure page's reading of the cohort rule). */
export function reliefFromRecords(
  criterion: ReliefCriterion,
  procedureDate: string,
  assessments: readonly RecordedAssessment[],
  diary: readonly RecordedDiaryDay[],
): ReliefOutcome | { excluded: ReliefExclusion } {
  const dayOf = (iso: string) => daysBetween(procedureDate, iso);
  const baseline = assessments.find((a) => a.timepoint === "baseline") ?? null;
  const visits: ReliefVisit[] = assessments
    .filter((a) => a.timepoint !== "baseline")
    .map((a) => ({
      day: dayOf(a.assessedOn),
      nprsBack: a.nprsBack,
      nprsLeg: a.nprsLeg,
      odi: a.odi,
      pgic: a.pgic ?? null,
      reliefOnsetDay: a.reliefOnsetDate ? dayOf(a.reliefOnsetDate) : null,
    }));
  const days: ReliefVisit[] = diary.map((d) => ({
    day: d.day,
    nprsBack: d.nprsBack,
    nprsLeg: d.nprsLeg,
    odi: null,
    pgic: d.pgic,
    reliefOnsetDay: null,
    diary: true,
  }));
  return reliefOutcomeFromDays(
    criterion,
    baseline,
    [...days, ...visits].sort((a, b) => a.day - b.day),
  );
}
