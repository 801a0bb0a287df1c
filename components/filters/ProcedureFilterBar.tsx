import Link from "next/link";
import type { ProcedureListQuery } from "@/lib/validation/procedureList";
import { FilterDate, FilterSelect } from "./FilterFields";

type Option = { id: number; name: string };

/**
 * A plain GET form: applying filters changes the URL, so the view can be bookmarked and shared, and it works
 * before any JavaScript has loaded. Sort, page size and hidden columns ride along as hidden fields.
 */
export function ProcedureFilterBar({ action, query, sites, physicians }: { action: string; query: ProcedureListQuery; sites: Option[]; physicians: Option[] }) {
  return (
    <form className="filter-bar" method="get" action={action} aria-label="Filter procedures">
      {physicians.length > 0 && (
        <FilterSelect
          label="Physician"
          name="physician"
          value={query.physician}
          options={[{ value: "", label: "All physicians" }, ...physicians.map((p) => ({ value: p.id, label: p.name }))]}
        />
      )}
      <FilterSelect
        label="Site"
        name="site"
        value={query.site}
        options={[{ value: "", label: "All sites" }, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
      />
      <FilterDate label="From" name="from" value={query.from} />
      <FilterDate label="To" name="to" value={query.to} />
      <FilterSelect
        label="Diagnosis"
        name="diagnosis"
        value={query.diagnosis}
        options={[
          { value: "", label: "Any" },
          { value: "stenosis", label: "Stenosis" },
          { value: "herniated_disc", label: "Herniated disc" },
          { value: "other", label: "Other" },
        ]}
      />
      <FilterSelect
        label="Prior-treatment flag"
        name="flag"
        value={query.flag}
        options={[
          { value: "", label: "Included" },
          { value: "0", label: "Excluded" },
          { value: "1", label: "Only flagged" },
        ]}
      />
      <FilterSelect
        label="Complication"
        name="complication"
        value={query.complication}
        options={[
          { value: "", label: "Any" },
          { value: "1", label: "With a complication" },
          { value: "0", label: "Without" },
        ]}
      />
      <FilterSelect
        label="Follow-up"
        name="followUp"
        value={query.followUp}
        options={[
          { value: "", label: "Any" },
          { value: "overdue", label: "Has an overdue timepoint" },
          { value: "due", label: "Has a timepoint due now" },
          { value: "missed", label: "Has a missed timepoint" },
          { value: "up_to_date", label: "Up to date (none overdue or missed)" },
        ]}
      />
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
