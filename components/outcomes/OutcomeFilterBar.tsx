import Link from "next/link";
import { DateRangeFilter, DiagnosisFilter, FilterSelect, namedOptions, PhysicianFilter, SiteFilter, withAny } from "@/components/filters/FilterFields";
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
  const windowOptions = new Set<string>(["30", "90", "any"]);
  windowOptions.add(def.windowDays === null ? "any" : String(def.windowDays));
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
          <FilterSelect
            label="Risk factor"
            name="riskFactor"
            value={filters.riskFactor}
            options={withAny(
              "Any patient",
              RISK_FACTORS.map((r) => ({ value: r, label: `With ${RISK_FACTOR_LABELS[r].toLowerCase()}` })),
            )}
          />
          <FilterSelect
            label="Prior-treatment flag"
            name="flag"
            value={filters.flag}
            options={[
              { value: "include", label: "Included" },
              { value: "exclude", label: "Excluded" },
              { value: "only", label: "Only flagged" },
            ]}
          />
          <FilterSelect
            label="Level treated"
            name="levels"
            value={filters.levels?.join(",")}
            options={[
              { value: "", label: "Any level" },
              ...(filters.levels && filters.levels.length > 1 ? [{ value: filters.levels.join(","), label: filters.levels.join(" or ") }] : []),
              ...LEVELS.map((l) => ({ value: l, label: l })),
            ]}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>Complication definition</legend>
        <div className="filter-bar">
          <FilterSelect
            label="Clavien–Dindo grade"
            name="minGrade"
            value={def.minGrade}
            options={CLAVIEN_DINDO.map((g) => ({ value: g.grade, label: g.grade === 1 ? "Any grade (I–V)" : `${g.roman} or higher` }))}
          />
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
          <FilterSelect
            label="Onset window"
            name="windowDays"
            value={def.windowDays === null ? "any" : def.windowDays}
            options={[...windowOptions].map((w) => ({ value: w, label: w === "any" ? "Any time" : `Within ${w} days` }))}
          />
          <FilterSelect
            label="Counting"
            name="adjudicated"
            value={def.adjudicated}
            options={[
              { value: "reported", label: "Reported (not rejected)" },
              { value: "confirmed", label: "Adjudicated-confirmed only" },
            ]}
          />
        </div>
      </fieldset>

      {mode === "outcomes" ? (
        <fieldset>
          <legend>Relief and responders</legend>
          <div className="filter-bar">
            <FilterSelect
              label="Relief criterion"
              name="reliefCriterion"
              value={filters.reliefCriterion}
              options={RELIEF_CRITERIA.map((c) => ({ value: c.id, label: c.label }))}
            />
            <FilterSelect
              label="Compare relief"
              name="compare"
              value={view.compare}
              options={COMPARE_OPTIONS.filter((o) => o !== "pool" || focusIsOnePhysician).map((o) => ({
                value: o,
                label: compareLabel(o, focusIsOnePhysician),
              }))}
            />
            <FilterSelect
              label="Change at"
              name="at"
              value={view.at}
              options={SCHEDULED_TIMEPOINTS.filter((t) => t !== "baseline").map((t) => ({ value: t, label: TIMEPOINT_LABELS[t] }))}
            />
            <FilterSelect label="Responder rule (MCID)" name="mcid" value={view.mcid} options={MCID_PRESETS.map((p) => ({ value: p.id, label: p.label }))} />
          </div>
        </fieldset>
      ) : (
        <fieldset>
          <legend>Monitoring</legend>
          <div className="filter-bar">
            <FilterSelect
              label="Funnel limits around"
              name="limits"
              value={view.limits}
              options={[
                { value: "target", label: "the 0.1 % target" },
                { value: "pooled", label: "the practice's pooled rate" },
              ]}
            />
            <FilterSelect label="CUSUM for" name="cusum" value={view.cusum} options={withAny("Highest score now", namedOptions(physicians))} />
            <FilterSelect
              label="CUSUM odds ratio"
              name="oddsRatio"
              value={view.oddsRatio}
              options={CUSUM_ODDS_RATIOS.map((o) => ({ value: o, label: String(o) }))}
            />
            <FilterSelect
              label="CUSUM threshold h"
              name="threshold"
              value={view.threshold}
              options={CUSUM_THRESHOLDS.map((h) => ({ value: h, label: String(h) }))}
            />
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
