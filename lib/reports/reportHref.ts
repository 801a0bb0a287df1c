import { addDaysIso, addYearsIso } from "@/lib/outcomes/dates";
import { outcomeFiltersToParams, outcomeViewToParams, type OutcomeFilters, type OutcomeView } from "@/lib/outcomes/outcomeFilters";

/**
 * Links to the report cards carrying the view's filters (and its MCID and CUSUM settings) with a period: the view's
 * own dates where it has them, else the last 12 months ending on the clinic's today.
 */

export type ReportPeriod = { from: string; to: string };

/** The 12 months ending on `today` (a calendar date on the clinic's clock), both ends included. */
export function lastTwelveMonths(today: string): ReportPeriod {
  return { from: addDaysIso(addYearsIso(today, -1), 1), to: today };
}

function reportParams(
  filters: OutcomeFilters,
  view: Pick<OutcomeView, "mcid" | "oddsRatio" | "threshold">,
  physician: number | undefined,
  fallback: ReportPeriod,
) {
  const from = filters.from ?? (filters.to && filters.to < fallback.from ? addDaysIso(addYearsIso(filters.to, -1), 1) : fallback.from);
  const to = filters.to ?? (from > fallback.to ? from : fallback.to);
  const params = outcomeFiltersToParams({ ...filters, physician, from, to });
  for (const [k, v] of outcomeViewToParams({ mcid: view.mcid, oddsRatio: view.oddsRatio, threshold: view.threshold })) params.set(k, v);
  return params;
}

export function reportCardHref(
  filters: OutcomeFilters,
  view: Pick<OutcomeView, "mcid" | "oddsRatio" | "threshold">,
  physician: number,
  fallback: ReportPeriod,
): string {
  return `/api/reports/physician.pdf?${reportParams(filters, view, physician, fallback).toString()}`;
}

export function reportCardsZipHref(filters: OutcomeFilters, view: Pick<OutcomeView, "mcid" | "oddsRatio" | "threshold">, fallback: ReportPeriod): string {
  return `/api/reports/physicians.zip?${reportParams(filters, view, undefined, fallback).toString()}`;
}
