import "server-only";
import { DURABILITY_DEFINITION } from "@/lib/outcomes/durability";
import type { NotExpectedCounts } from "@/lib/outcomes/followUpStatus";
import { describeComplicationDefinition } from "@/lib/outcomes/complicationDefinition";
import { todayIso } from "@/lib/outcomes/dates";
import { DEFAULT_VIEW, parseOutcomeFilters, type OutcomeFilters, type SearchParamsInput } from "@/lib/outcomes/outcomeFilters";
import type { ComplicationRateSummary } from "@/lib/outcomes/verdict";
import { NotFoundError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { outcomeDurability, outcomeHeadline } from "@/lib/dal/outcomes/dashboard";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import type { AdjustedComparison } from "@/lib/outcomes/adjustedModels";

/**
 * The core of GET /api/v1/outcomes/summary, kept apart from the route so tests can call it with a principal:
 * strict parsing (400 naming the field), the principal's scope (a physician asking for another physician
 * gets 404, exactly as for one who does not exist), then the same cohort and statistics as the dashboard.
 */

export type OutcomeSummaryJson = {
  procedures: number;
  patients: number;
  complications: ComplicationRateSummary & {
    reports: number;
    /** The definition sentence (describeComplicationDefinition), the same words as on every page. */
    definition: string;
    /** The all-grade rate beside it, with its own sentence and why the two differ. */
    allGrade: {
      events: number;
      procedures: number;
      rate: number | null;
      ciLower: number | null;
      ciUpper: number | null;
      definition: string;
      difference: string;
    };
  };
  relief: {
    n: number;
    events: number;
    median: number | null;
    medianLower: number | null;
    medianUpper: number | null;
    excluded: { noBaseline: number; noFollowUp: number };
  };
  /** Freedom from subsequent lumbar surgery: Kaplan–Meier at 6, 12 and 24 months with 95 % CI and numbers at risk. */
  durability: {
    n: number;
    events: number;
    noFollowUp: number;
    at: { day: number; free: number | null; lower: number | null; upper: number | null; atRisk: number }[];
    byType: { type: string; n: number }[];
    definition: string;
  };
  /** notExpected: lost / withdrawn / deceased procedures outside the timepoint's denominator. */
  followUp: { timepoint: string; eligible: number; done: number; rate: number | null; notExpected: NotExpectedCounts }[];
  definition: {
    severity: "serious" | "any";
    minGrade: number;
    related: string[];
    windowDays: number | null;
    adjudicated: "reported" | "confirmed";
    complicationDefinition: string;
    reliefCriterion: string;
    reliefCriterionDescription: string;
    confLevel: 0.95;
  };
  /** Assessments kept outside their timepoint's window: how many the cohort has, and whether the figures count them. */
  outOfWindowAssessments: { count: number; included: boolean };
  filters: Omit<OutcomeFilters, "definition" | "reliefCriterion">;
  /**
   * The risk-adjusted comparison (the quality page's figures): each model as fitted on the pooled practice under
   * these filters, and the per-physician rows this principal may see (a physician: their own), without the
   * funnel's drawn limit lines.
   */
  adjusted: {
    complication: Omit<AdjustedComparison["complication"], "funnel">;
    responder: Omit<AdjustedComparison["responder"], "funnel">;
    odiChange: AdjustedComparison["odiChange"];
    poolProcedures: number;
  };
  generatedOn: string;
};

export type ApiResult =
  | { status: 200; body: OutcomeSummaryJson }
  | { status: 400; body: { error: string; fieldErrors: Record<string, string[]> } }
  | { status: 404; body: { error: string } };

export async function outcomeSummaryFor(principal: Principal, params: SearchParamsInput, today = todayIso()): Promise<ApiResult> {
  const parsed = parseOutcomeFilters(params);
  if (!parsed.success) return { status: 400, body: { error: "Some query parameters are not valid", fieldErrors: parsed.fieldErrors } };
  const filters = parsed.filters;
  let s, durability;
  try {
    // The dashboard's kept figures (the same keys): the API computes nothing the pages have already computed.
    s = await outcomeHeadline(principal, filters, DEFAULT_VIEW, today);
    durability = await outcomeDurability(principal, filters, today);
  } catch (e) {
    if (e instanceof NotFoundError) return { status: 404, body: { error: e.message } };
    throw e;
  }
  const adjusted = await adjustedComparison(principal, filters, DEFAULT_VIEW.mcid, today);
  const c = s.complications;
  const { definition, reliefCriterion, ...rest } = filters;
  return {
    status: 200,
    body: {
      procedures: s.procedures,
      patients: s.patients,
      complications: {
        events: c.events,
        procedures: c.procedures,
        rate: c.rate,
        ciLower: c.ciLower,
        ciUpper: c.ciUpper,
        upperBound95: c.upperBound95,
        pValueAboveTarget: c.pValueAboveTarget,
        target: c.target,
        verdict: c.verdict,
        moreProceduresNeeded: c.moreProceduresNeeded,
        reports: c.reports,
        definition: c.description,
        allGrade: {
          events: c.allGrade.events,
          procedures: c.allGrade.procedures,
          rate: c.allGrade.rate?.estimate ?? null,
          ciLower: c.allGrade.rate?.lower ?? null,
          ciUpper: c.allGrade.rate?.upper ?? null,
          definition: c.allGrade.description,
          difference: c.allGrade.difference,
        },
      },
      relief: {
        n: s.relief.n,
        events: s.relief.events,
        median: s.relief.median,
        medianLower: s.relief.medianLower,
        medianUpper: s.relief.medianUpper,
        excluded: s.relief.excluded,
      },
      durability: {
        n: durability.n,
        events: durability.events,
        noFollowUp: durability.noFollowUp,
        at: durability.at.map(({ day, free, lower, upper, atRisk }) => ({ day, free, lower, upper, atRisk })),
        byType: durability.byType,
        definition: DURABILITY_DEFINITION,
      },
      followUp: s.followUp.map((f) => ({
        timepoint: f.timepoint,
        eligible: f.eligible,
        done: f.done,
        rate: f.rate?.estimate ?? null,
        notExpected: f.notExpected,
      })),
      definition: {
        severity: definition.severity,
        minGrade: definition.minGrade,
        related: definition.related,
        windowDays: definition.windowDays,
        adjudicated: definition.adjudicated,
        complicationDefinition: describeComplicationDefinition(definition),
        reliefCriterion,
        reliefCriterionDescription: s.relief.criterion.description,
        confLevel: 0.95,
      },
      outOfWindowAssessments: s.outOfWindow,
      filters: rest,
      adjusted: {
        complication: { model: adjusted.complication.model, rows: adjusted.complication.rows },
        responder: { model: adjusted.responder.model, rows: adjusted.responder.rows },
        odiChange: adjusted.odiChange,
        poolProcedures: adjusted.poolProcedures,
      },
      generatedOn: today,
    },
  };
}
