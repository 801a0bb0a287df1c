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
            <div className="field compact">
              <label htmlFor="of-physician">Physician</label>
              <select id="of-physician" name="physician" defaultValue={filters.physician ?? ""}>
                <option value="">Everyone</option>
                {physicians.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field compact">
            <label htmlFor="of-site">Site</label>
            <select id="of-site" name="site" defaultValue={filters.site ?? ""}>
              <option value="">All sites</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field compact">
            <label htmlFor="of-from">From</label>
            <input type="date" id="of-from" name="from" defaultValue={filters.from ?? ""} />
          </div>
          <div className="field compact">
            <label htmlFor="of-to">To</label>
            <input type="date" id="of-to" name="to" defaultValue={filters.to ?? ""} />
          </div>
          <div className="field compact">
            <label htmlFor="of-diagnosis">Diagnosis</label>
            <select id="of-diagnosis" name="diagnosis" defaultValue={filters.diagnosis ?? ""}>
              <option value="">Any</option>
              {DIAGNOSES.map((d) => (
                <option key={d} value={d}>
                  {DIAGNOSIS_LABELS[d]}
                </option>
              ))}
            </select>
          </div>
          <div className="field compact">
            <label htmlFor="of-riskFactor">Risk factor</label>
            <select id="of-riskFactor" name="riskFactor" defaultValue={filters.riskFactor ?? ""}>
              <option value="">Any patient</option>
              {RISK_FACTORS.map((r) => (
                <option key={r} value={r}>
                  With {RISK_FACTOR_LABELS[r].toLowerCase()}
                </option>
              ))}
            </select>
          </div>
          <div className="field compact">
            <label htmlFor="of-flag">Prior-treatment flag</label>
            <select id="of-flag" name="flag" defaultValue={filters.flag}>
              <option value="include">Included</option>
              <option value="exclude">Excluded</option>
              <option value="only">Only flagged</option>
            </select>
          </div>
          <div className="field compact">
            <label htmlFor="of-levels">Level treated</label>
            <select id="of-levels" name="levels" defaultValue={filters.levels?.join(",") ?? ""}>
              <option value="">Any level</option>
              {filters.levels && filters.levels.length > 1 && <option value={filters.levels.join(",")}>{filters.levels.join(" or ")}</option>}
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>Complication definition</legend>
        <div className="filter-bar">
          <div className="field compact">
            <label htmlFor="of-minGrade">Clavien–Dindo grade</label>
            <select id="of-minGrade" name="minGrade" defaultValue={String(def.minGrade)}>
              {GRADE_NUMERALS.map((g, i) => (
                <option key={g} value={i + 1}>
                  {i === 0 ? "Any grade (I–V)" : `${g} or higher`}
                </option>
              ))}
            </select>
          </div>
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
          <div className="field compact">
            <label htmlFor="of-windowDays">Onset window</label>
            <select id="of-windowDays" name="windowDays" defaultValue={def.windowDays === null ? "any" : String(def.windowDays)}>
              {[...windowOptions].map((w) => (
                <option key={w} value={w}>
                  {w === "any" ? "Any time" : `Within ${w} days`}
                </option>
              ))}
            </select>
          </div>
          <div className="field compact">
            <label htmlFor="of-adjudicated">Counting</label>
            <select id="of-adjudicated" name="adjudicated" defaultValue={def.adjudicated}>
              <option value="reported">Reported (not rejected)</option>
              <option value="confirmed">Adjudicated-confirmed only</option>
            </select>
          </div>
        </div>
      </fieldset>

      {mode === "outcomes" ? (
        <fieldset>
          <legend>Relief and responders</legend>
          <div className="filter-bar">
            <div className="field compact">
              <label htmlFor="of-reliefCriterion">Relief criterion</label>
              <select id="of-reliefCriterion" name="reliefCriterion" defaultValue={filters.reliefCriterion}>
                {RELIEF_CRITERIA.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field compact">
              <label htmlFor="of-compare">Compare relief</label>
              <select id="of-compare" name="compare" defaultValue={view.compare}>
                {COMPARE_OPTIONS.filter((o) => o !== "pool" || focusIsOnePhysician).map((o) => (
                  <option key={o} value={o}>
                    {compareLabel(o, focusIsOnePhysician)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field compact">
              <label htmlFor="of-at">Change at</label>
              <select id="of-at" name="at" defaultValue={view.at}>
                {SCHEDULED_TIMEPOINTS.filter((t) => t !== "baseline").map((t) => (
                  <option key={t} value={t}>
                    {TIMEPOINT_LABELS[t]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field compact">
              <label htmlFor="of-mcid">Responder rule (MCID)</label>
              <select id="of-mcid" name="mcid" defaultValue={view.mcid}>
                {MCID_PRESETS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
      ) : (
        <fieldset>
          <legend>Monitoring</legend>
          <div className="filter-bar">
            <div className="field compact">
              <label htmlFor="of-limits">Funnel limits around</label>
              <select id="of-limits" name="limits" defaultValue={view.limits}>
                <option value="target">the 0.1 % target</option>
                <option value="pooled">the practice&apos;s pooled rate</option>
              </select>
            </div>
            <div className="field compact">
              <label htmlFor="of-cusum">CUSUM for</label>
              <select id="of-cusum" name="cusum" defaultValue={view.cusum ?? ""}>
                <option value="">Highest score now</option>
                {physicians.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field compact">
              <label htmlFor="of-oddsRatio">CUSUM odds ratio</label>
              <select id="of-oddsRatio" name="oddsRatio" defaultValue={String(view.oddsRatio)}>
                {CUSUM_ODDS_RATIOS.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </div>
            <div className="field compact">
              <label htmlFor="of-threshold">CUSUM threshold h</label>
              <select id="of-threshold" name="threshold" defaultValue={String(view.threshold)}>
                {CUSUM_THRESHOLDS.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
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
