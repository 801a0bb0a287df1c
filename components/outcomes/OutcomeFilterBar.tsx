import Link from "next/link";
import {
  choices,
  DateRangeFilter,
  DiagnosisFilter,
  FilterSelect,
  namedOptions,
  PhysicianFilter,
  plainChoices,
  SiteFilter,
  withAny,
} from "@/components/filters/FilterFields";
import { LEVELS, RELATEDNESS_KINDS, RISK_FACTORS } from "@/db/enums";
import { CLAVIEN_DINDO, RELATEDNESS_LABELS, RISK_FACTOR_LABELS, TIMEPOINT_LABELS } from "@/lib/labels";
import { MCID_PRESETS } from "@/lib/outcomes/mcid";
import {
  COMPARE_OPTIONS,
  CUSUM_ODDS_RATIOS,
  CUSUM_THRESHOLDS,
  outcomeFiltersToQueryString,
  type OutcomeFilters,
  type OutcomeView,
} from "@/lib/outcomes/outcomeFilters";
import { RELIEF_CRITERIA } from "@/lib/outcomes/relief";
import { SCHEDULED_TIMEPOINTS } from "@/lib/outcomes/timepoints";

type Option = { id: number; name: string };

export function compareLabel(option: string, single: boolean): string {
  if (option === "none") return "No comparison";
  if (option === "pool") return single ? "This physician vs the rest of the practice" : "Me vs the rest (choose one physician)";
  if (option === "site") return "Site vs site";
  if (option === "flag") return "Flagged prior treatment vs not";
  const factor = option.slice("risk:".length) as (typeof RISK_FACTORS)[number];
  return `With vs without ${RISK_FACTOR_LABELS[factor].toLowerCase()}`;
}

// The choices of the bar, as data: each select below is one line.
const RISK_FACTOR_CHOICES = withAny("Any patient", choices(RISK_FACTORS.map((r) => [r, `With ${RISK_FACTOR_LABELS[r].toLowerCase()}`])));
const FLAG_CHOICES = choices([
  ["include", "Included"],
  ["exclude", "Excluded"],
  ["only", "Only flagged"],
]);
const OUT_OF_WINDOW_CHOICES = choices([
  ["exclude", "Excluded"],
  ["include", "Included"],
]);
const GRADE_CHOICES = choices(CLAVIEN_DINDO.map((g) => [g.grade, g.grade === 1 ? "Any grade (I–V)" : `${g.roman} or higher`]));
const SEVERITY_CHOICES = choices([
  ["serious", "Serious only (like the published 0.1 %)"],
  ["any", "Every grade"],
]);
const COUNTING_CHOICES = choices([
  ["reported", "Reported (not rejected)"],
  ["confirmed", "Adjudicated-confirmed only"],
]);
const RELIEF_CHOICES = choices(RELIEF_CRITERIA.map((c) => [c.id, c.label]));
const FOLLOW_UP_CHOICES = choices(SCHEDULED_TIMEPOINTS.filter((t) => t !== "baseline").map((t) => [t, TIMEPOINT_LABELS[t]]));
const MCID_CHOICES = choices(MCID_PRESETS.map((p) => [p.id, p.label]));
const LIMIT_CHOICES = choices([
  ["target", "the 0.1 % target"],
  ["pooled", "the practice's pooled rate"],
]);

/** Any level, each level, and a several-level filter arriving in the address. */
const levelChoices = (levels: readonly string[] | undefined) =>
  withAny("Any level", [...(levels && levels.length > 1 ? [{ value: levels.join(","), label: levels.join(" or ") }] : []), ...plainChoices(LEVELS)]);

/** 30 and 90 days, any time, and a window arriving in the address that is neither. */
const windowChoices = (current: number | null) =>
  [...new Set(["30", "90", "any", current === null ? "any" : String(current)])].map((w) => ({
    value: w,
    label: w === "any" ? "Any time" : `Within ${w} days`,
  }));

const compareChoices = (onePhysician: boolean) =>
  choices(COMPARE_OPTIONS.filter((o) => o !== "pool" || onePhysician).map((o) => [o, compareLabel(o, onePhysician)]));

/**
 * The one filter bar of the outcomes and quality views: a plain GET form, so the URL holds the whole view
 * (bookmark it, share it, export it) and it works before any JavaScript. "Export this view" sends exactly
 * the same filters to the CSV export.
 */
export function OutcomeFilterBar({
  action,
  mode,
  filters,
  view,
  sites,
  physicians,
  focusIsOnePhysician,
}: {
  action: "/outcomes" | "/quality";
  mode: "outcomes" | "quality";
  filters: OutcomeFilters;
  view: OutcomeView;
  sites: Option[];
  physicians: Option[];
  focusIsOnePhysician: boolean;
}) {
  const def = filters.definition;
  const exportQuery = outcomeFiltersToQueryString(filters);
  return (
    <form className="outcome-filters" method="get" action={action} aria-label="Filters and definitions">
      <fieldset>
        <legend>Procedures</legend>
        <div className="filter-bar">
          {mode === "outcomes" && physicians.length > 0 && <PhysicianFilter value={filters.physician} physicians={physicians} anyLabel="Everyone" />}
          <SiteFilter value={filters.site} sites={sites} />
          <DateRangeFilter from={filters.from} to={filters.to} />
          <DiagnosisFilter value={filters.diagnosis} />
          <FilterSelect label="Risk factor" name="riskFactor" value={filters.riskFactor} options={RISK_FACTOR_CHOICES} />
          <FilterSelect label="Prior-treatment flag" name="flag" value={filters.flag} options={FLAG_CHOICES} />
          <FilterSelect label="Level treated" name="levels" value={filters.levels?.join(",")} options={levelChoices(filters.levels)} />
          <FilterSelect label="Out-of-window assessments" name="outOfWindow" value={filters.outOfWindow} options={OUT_OF_WINDOW_CHOICES} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Complication definition</legend>
        <div className="filter-bar">
          <FilterSelect label="Events" name="severity" value={def.severity} options={SEVERITY_CHOICES} />
          <FilterSelect label="Clavien–Dindo grade" name="minGrade" value={def.minGrade} options={GRADE_CHOICES} />
          <div className="field compact" role="group" aria-labelledby="related-label">
            <span id="related-label">Related to</span>
            <div className="check-row">
              {RELATEDNESS_KINDS.map((k) => (
                <label key={k} className="check">
                  <input type="checkbox" name="related" value={k} defaultChecked={def.related.includes(k)} />
                  {RELATEDNESS_LABELS[k]}
                </label>
              ))}
            </div>
          </div>
          <FilterSelect label="Onset window" name="windowDays" value={def.windowDays ?? "any"} options={windowChoices(def.windowDays)} />
          <FilterSelect label="Counting" name="adjudicated" value={def.adjudicated} options={COUNTING_CHOICES} />
        </div>
      </fieldset>

      {mode === "outcomes" ? (
        <fieldset>
          <legend>Relief and responders</legend>
          <div className="filter-bar">
            <FilterSelect label="Relief criterion" name="reliefCriterion" value={filters.reliefCriterion} options={RELIEF_CHOICES} />
            <FilterSelect label="Compare relief" name="compare" value={view.compare} options={compareChoices(focusIsOnePhysician)} />
            <FilterSelect label="Change at" name="at" value={view.at} options={FOLLOW_UP_CHOICES} />
            <FilterSelect label="Responder rule (MCID)" name="mcid" value={view.mcid} options={MCID_CHOICES} />
          </div>
        </fieldset>
      ) : (
        <fieldset>
          <legend>Monitoring</legend>
          <div className="filter-bar">
            <FilterSelect label="Funnel limits around" name="limits" value={view.limits} options={LIMIT_CHOICES} />
            <FilterSelect label="CUSUM for" name="cusum" value={view.cusum} options={withAny("Highest score now", namedOptions(physicians))} />
            <FilterSelect label="CUSUM odds ratio" name="oddsRatio" value={view.oddsRatio} options={plainChoices(CUSUM_ODDS_RATIOS)} />
            <FilterSelect label="CUSUM threshold h" name="threshold" value={view.threshold} options={plainChoices(CUSUM_THRESHOLDS)} />
          </div>
        </fieldset>
      )}

      <div className="filter-actions outcome-filter-actions">
        <button type="submit" className="button primary">
          Apply
        </button>
        <Link href={action} className="button subtle-light">
          Reset
        </Link>
        <a className="export-link" href={`/api/export/procedures.csv${exportQuery ? `?${exportQuery}` : ""}`}>
          Export this view (CSV)
        </a>
      </div>
    </form>
  );
}
