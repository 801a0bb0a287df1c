import Link from "next/link";
import { DIAGNOSES, LEVELS, RELATEDNESS_KINDS, RISK_FACTORS } from "@/db/enums";
import { RISK_FACTOR_LABELS, TIMEPOINT_LABELS } from "@/db/labels";
import { GRADE_NUMERALS } from "@/lib/outcomes/complicationDefinition";
import { MCID_PRESETS } from "@/lib/outcomes/mcid";
import { COMPARE_OPTIONS, CUSUM_ODDS_RATIOS, CUSUM_THRESHOLDS, outcomeFiltersToQueryString, type OutcomeFilters, type OutcomeView } from "@/lib/outcomes/outcomeFilters";
import { RELIEF_CRITERIA } from "@/lib/outcomes/relief";
import { SCHEDULED_TIMEPOINTS } from "@/lib/outcomes/timepoints";

type Option = { id: number; name: string };

export const DIAGNOSIS_LABELS: Record<(typeof DIAGNOSES)[number], string> = { stenosis: "Lumbar spinal stenosis", herniated_disc: "Herniated disc", other: "Other nerve compression" };
const RELATEDNESS_TEXT: Record<(typeof RELATEDNESS_KINDS)[number], string> = { device: "Device", procedure: "Procedure", anaesthesia: "Anaesthesia", unrelated: "Unrelated", unknown: "Unknown" };

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
          {mode === "outcomes" && physicians.length > 0 && (
            <label className="field compact">
              <span>Physician</span>
              <select name="physician" defaultValue={filters.physician ?? ""}>
                <option value="">Everyone</option>
                {physicians.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field compact">
            <span>Site</span>
            <select name="site" defaultValue={filters.site ?? ""}>
              <option value="">All sites</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field compact">
            <span>From</span>
            <input type="date" name="from" defaultValue={filters.from ?? ""} />
          </label>
          <label className="field compact">
            <span>To</span>
            <input type="date" name="to" defaultValue={filters.to ?? ""} />
          </label>
          <label className="field compact">
            <span>Diagnosis</span>
            <select name="diagnosis" defaultValue={filters.diagnosis ?? ""}>
              <option value="">Any</option>
              {DIAGNOSES.map((d) => (
                <option key={d} value={d}>
                  {DIAGNOSIS_LABELS[d]}
                </option>
              ))}
            </select>
          </label>
          <label className="field compact">
            <span>Risk factor</span>
            <select name="riskFactor" defaultValue={filters.riskFactor ?? ""}>
              <option value="">Any patient</option>
              {RISK_FACTORS.map((r) => (
                <option key={r} value={r}>
                  With {RISK_FACTOR_LABELS[r].toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <label className="field compact">
            <span>Prior-treatment flag</span>
            <select name="flag" defaultValue={filters.flag}>
              <option value="include">Included</option>
              <option value="exclude">Excluded</option>
              <option value="only">Only flagged</option>
            </select>
          </label>
          <label className="field compact">
            <span>Level treated</span>
            <select name="levels" defaultValue={filters.levels?.join(",") ?? ""}>
              <option value="">Any level</option>
              {filters.levels && filters.levels.length > 1 && <option value={filters.levels.join(",")}>{filters.levels.join(" or ")}</option>}
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>Complication definition</legend>
        <div className="filter-bar">
          <label className="field compact">
            <span>Clavien–Dindo grade</span>
            <select name="minGrade" defaultValue={String(def.minGrade)}>
              {GRADE_NUMERALS.map((g, i) => (
                <option key={g} value={i + 1}>
                  {i === 0 ? "Any grade (I–V)" : `${g} or higher`}
                </option>
              ))}
            </select>
          </label>
          <div className="field compact" role="group" aria-labelledby="related-label">
            <span id="related-label">Related to</span>
            <div className="check-row">
              {RELATEDNESS_KINDS.map((k) => (
                <label key={k} className="check">
                  <input type="checkbox" name="related" value={k} defaultChecked={def.related.includes(k)} />
                  {RELATEDNESS_TEXT[k]}
                </label>
              ))}
            </div>
          </div>
          <label className="field compact">
            <span>Onset window</span>
            <select name="windowDays" defaultValue={def.windowDays === null ? "any" : String(def.windowDays)}>
              {[...windowOptions].map((w) => (
                <option key={w} value={w}>
                  {w === "any" ? "Any time" : `Within ${w} days`}
                </option>
              ))}
            </select>
          </label>
          <label className="field compact">
            <span>Counting</span>
            <select name="adjudicated" defaultValue={def.adjudicated}>
              <option value="reported">Reported (not rejected)</option>
              <option value="confirmed">Adjudicated-confirmed only</option>
            </select>
          </label>
        </div>
      </fieldset>

      {mode === "outcomes" ? (
        <fieldset>
          <legend>Relief and responders</legend>
          <div className="filter-bar">
            <label className="field compact">
              <span>Relief criterion</span>
              <select name="reliefCriterion" defaultValue={filters.reliefCriterion}>
                {RELIEF_CRITERIA.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field compact">
              <span>Compare relief</span>
              <select name="compare" defaultValue={view.compare}>
                {COMPARE_OPTIONS.filter((o) => o !== "pool" || focusIsOnePhysician).map((o) => (
                  <option key={o} value={o}>
                    {compareLabel(o, focusIsOnePhysician)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field compact">
              <span>Change at</span>
              <select name="at" defaultValue={view.at}>
                {SCHEDULED_TIMEPOINTS.filter((t) => t !== "baseline").map((t) => (
                  <option key={t} value={t}>
                    {TIMEPOINT_LABELS[t]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field compact">
              <span>Responder rule (MCID)</span>
              <select name="mcid" defaultValue={view.mcid}>
                {MCID_PRESETS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
      ) : (
        <fieldset>
          <legend>Monitoring</legend>
          <div className="filter-bar">
            <label className="field compact">
              <span>Funnel limits around</span>
              <select name="limits" defaultValue={view.limits}>
                <option value="target">the 0.1 % target</option>
                <option value="pooled">the practice&apos;s pooled rate</option>
              </select>
            </label>
            <label className="field compact">
              <span>CUSUM for</span>
              <select name="cusum" defaultValue={view.cusum ?? ""}>
                <option value="">Highest score now</option>
                {physicians.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field compact">
              <span>CUSUM odds ratio</span>
              <select name="oddsRatio" defaultValue={String(view.oddsRatio)}>
                {CUSUM_ODDS_RATIOS.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
            <label className="field compact">
              <span>CUSUM threshold h</span>
              <select name="threshold" defaultValue={String(view.threshold)}>
                {CUSUM_THRESHOLDS.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
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
