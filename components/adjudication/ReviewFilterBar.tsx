import Link from "next/link";
import { COMPLICATION_TYPES } from "@/db/enums";
import { FilterSelect } from "@/components/filters/FilterFields";
import { ADJUDICATION_LABELS, COMPLICATION_TYPE_LABELS, CLAVIEN_DINDO } from "@/lib/labels";
import { REVIEW_AGE_FILTERS, type ReviewQueueQuery } from "@/lib/validation/adjudication";

type Option = { id: number; name: string };

/** A plain GET form, so the queue's view lives in the URL and works before any JavaScript has loaded. */
export function ReviewFilterBar({ query, physicians }: { query: ReviewQueueQuery; physicians: Option[] }) {
  return (
    <form className="filter-bar" method="get" action="/quality/review" aria-label="Filter the review queue">
      <FilterSelect
        label="Status"
        name="status"
        value={query.status}
        options={[
          { value: "open", label: "Open (awaiting or needs information)" },
          ...(["pending", "needs_info", "confirmed", "rejected"] as const).map((s) => ({ value: s, label: ADJUDICATION_LABELS[s] })),
          { value: "all", label: "All reports" },
        ]}
      />
      <FilterSelect
        label="Physician"
        name="physician"
        value={query.physician}
        options={[{ value: "", label: "All physicians" }, ...physicians.map((p) => ({ value: p.id, label: p.name }))]}
      />
      <FilterSelect
        label="Type"
        name="type"
        value={query.type}
        options={[{ value: "", label: "Any type" }, ...COMPLICATION_TYPES.map((t) => ({ value: t, label: COMPLICATION_TYPE_LABELS[t] }))]}
      />
      <FilterSelect
        label="Grade (reported)"
        name="grade"
        value={query.grade}
        options={[{ value: "", label: "Any grade" }, ...CLAVIEN_DINDO.map((g) => ({ value: g.grade, label: g.roman }))]}
      />
      <FilterSelect
        label="Age of report"
        name="age"
        value={query.age}
        options={[{ value: "", label: "Any age" }, ...REVIEW_AGE_FILTERS.map((a) => ({ value: a, label: `Reported ${a}+ days ago` }))]}
      />
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <input type="hidden" name="size" value={query.size} />
      {query.hide && <input type="hidden" name="hide" value={query.hide} />}
      <div className="filter-actions">
        <button type="submit" className="button primary">
          Apply filters
        </button>
        <Link href="/quality/review" className="button subtle-light">
          Clear
        </Link>
      </div>
    </form>
  );
}
