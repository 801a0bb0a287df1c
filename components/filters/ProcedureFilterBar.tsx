import Link from "next/link";
import type { ProcedureListQuery } from "@/lib/validation/procedureList";

type Option = { id: number; name: string };

/**
 * A plain GET form: applying filters changes the URL, so the view can be bookmarked and shared, and it works
 * before any JavaScript has loaded. Sort, page size and hidden columns ride along as hidden fields.
 */
export function ProcedureFilterBar({ action, query, sites, physicians }: { action: string; query: ProcedureListQuery; sites: Option[]; physicians: Option[] }) {
  return (
    <form className="filter-bar" method="get" action={action} aria-label="Filter procedures">
      {physicians.length > 0 && (
        <label className="field compact">
          <span>Physician</span>
          <select name="physician" defaultValue={query.physician ?? ""}>
            <option value="">All physicians</option>
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
        <select name="site" defaultValue={query.site ?? ""}>
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
        <input type="date" name="from" defaultValue={query.from ?? ""} />
      </label>
      <label className="field compact">
        <span>To</span>
        <input type="date" name="to" defaultValue={query.to ?? ""} />
      </label>
      <label className="field compact">
        <span>Diagnosis</span>
        <select name="diagnosis" defaultValue={query.diagnosis ?? ""}>
          <option value="">Any</option>
          <option value="stenosis">Stenosis</option>
          <option value="herniated_disc">Herniated disc</option>
          <option value="other">Other</option>
        </select>
      </label>
      <label className="field compact">
        <span>Prior-treatment flag</span>
        <select name="flag" defaultValue={query.flag ?? ""}>
          <option value="">Included</option>
          <option value="0">Excluded</option>
          <option value="1">Only flagged</option>
        </select>
      </label>
      <label className="field compact">
        <span>Complication</span>
        <select name="complication" defaultValue={query.complication ?? ""}>
          <option value="">Any</option>
          <option value="1">With a complication</option>
          <option value="0">Without</option>
        </select>
      </label>
      <label className="field compact">
        <span>Follow-up</span>
        <select name="followUp" defaultValue={query.followUp ?? ""}>
          <option value="">Any</option>
          <option value="overdue">Has an overdue timepoint</option>
          <option value="due">Has a timepoint due now</option>
          <option value="missed">Has a missed timepoint</option>
          <option value="up_to_date">Up to date (none overdue or missed)</option>
        </select>
      </label>
      <label className="field compact grow">
        <span>Patient name or MRN</span>
        <input type="search" name="q" defaultValue={query.q ?? ""} />
      </label>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <input type="hidden" name="size" value={query.size} />
      {query.hide && <input type="hidden" name="hide" value={query.hide} />}
      <div className="filter-actions">
        <button type="submit" className="button primary">
          Apply filters
        </button>
        <Link href={action} className="button subtle-light">
          Clear
        </Link>
      </div>
    </form>
  );
}
