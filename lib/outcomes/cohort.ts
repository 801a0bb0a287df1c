/**
 * The outcomes cohort as the statistics see it: each procedure a principal may see under the filters, with its
 * baseline, follow-ups and qualifying complications, and what is derived from them (relief, worst grade). Read
 * by lib/dal/outcomes/cohort.ts; summarised by ./analysis.ts.
 */
import type { SubsequentSurgeryType } from "@/db/enums";
import type { FollowUpStatusMark } from "./followUpStatus";
import { RISK_FACTORS, type ComplicationType, type RiskFactor, type SEXES, type Timepoint } from "@/db/enums";
import type { AdjudicationStatus, ComplicationDefinition, RelatednessKind } from "./complicationDefinition";
import type { Diagnosis, OutcomeFilters } from "./outcomeFilters";
import type { ReliefCriterion, ReliefExclusion, ReliefOutcome, ReliefVisit } from "./relief";

export type Sex = (typeof SEXES)[number];

export type CohortAssessment = ReliefVisit & {
  /** The assessment's id: breaks ties between visits on the same day, so every backend orders them alike. */
  id: number;
  timepoint: Timepoint;
  assessedOn: string;
  walkingMinutes: number | null;
  standingMinutes: number | null;
  /** Why it was kept outside its timepoint's window; null for an assessment inside it. */
  outOfWindowReason: string | null;
};

export type CohortComplication = {
  id: number;
  type: ComplicationType;
  /** The grade and relatedness the definition used (adjudicator's where set, else the reporter's). */
  grade: number;
  relatedness: RelatednessKind;
  onsetDay: number;
  adjudicationStatus: AdjudicationStatus;
  serious: boolean;
};

export type CohortProcedure = {
  id: number;
  patientId: number;
  physicianId: number;
  siteId: number;
  procedureDate: string;
  levels: string;
  priorTreatmentFlag: boolean;
  diagnosis: Diagnosis;
  /** Whole years on the day of the procedure. */
  ageAtProcedure: number;
  sex: Sex;
  /** Bit i set = the patient has RISK_FACTORS[i]; see hasRiskFactor. */
  riskMask: number;
  baseline: CohortAssessment | null;
  /** Assessments after the baseline, by day since the procedure. */
  followUps: CohortAssessment[];
  /** The patient's relief-diary days (1–14), in day order; empty for a procedure without a diary. */
  diary: ReliefVisit[];
  /** Complications qualifying under the cohort's definition only. */
  complications: CohortComplication[];
  // derived
  relief: ReliefOutcome | { excluded: ReliefExclusion };
  hasQualifyingComplication: boolean;
  /** A complication under the definition's all-grade companion (allGradeDefinition): shown beside the rate. */
  hasAllGradeComplication: boolean;
  /** Worst grade among qualifying complications, null when none. */
  worstGrade: number | null;
  /** Lost, withdrawn or deceased from a date (lib/outcomes/followUpStatus.ts); null or absent while followed. */
  followUpStatus?: FollowUpStatusMark | null;
  /** The first lumbar surgery after the procedure (days since it), for durability (lib/outcomes/durability.ts). */
  firstSubsequentSurgery?: { day: number; type: SubsequentSurgeryType } | null;
};

export type OutcomeCohort = {
  filters: OutcomeFilters;
  /** Assessments of these procedures kept outside their timepoint's window: left out unless the filters include them. */
  outOfWindow: { count: number; included: boolean };
  definition: ComplicationDefinition;
  criterion: ReliefCriterion;
  today: string;
  procedures: CohortProcedure[];
};

/** The risk factor's bit in riskMask. */
export const riskFactorBit = (factor: RiskFactor) => 1 << RISK_FACTORS.indexOf(factor);
export const hasRiskFactor = (p: Pick<CohortProcedure, "riskMask">, factor: RiskFactor) => (p.riskMask & riskFactorBit(factor)) !== 0;
