import { COMPLICATION_TYPES } from "@/db/enums";
import { FilterBar, FilterSelect, PhysicianFilter, withAny } from "@/components/filters/FilterFields";
import { ADJUDICATION_LABELS, COMPLICATION_TYPE_LABELS, CLAVIEN_DINDO } from "@/lib/labels";
import { REVIEW_AGE_FILTERS, type ReviewQueueQuery } from "@/lib/validation/adjudication";

type Option = { id: number; name: string };

/** The review queue's filters; sort, page size and hidden columns ride along. */
export function ReviewFilterBar({ query, physicians }: { query: ReviewQueueQuery; physicians: Option[] }) {
  return (
    <FilterBar action="/quality/review" label="Filter the review queue" keep={{ sort: query.sort, dir: query.dir, size: query.size, hide: query.hide }}>
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
      <PhysicianFilter value={query.physician} physicians={physicians} />
      <FilterSelect
        label="Type"
        name="type"
        value={query.type}
        options={withAny(
          "Any type",
          COMPLICATION_TYPES.map((t) => ({ value: t, label: COMPLICATION_TYPE_LABELS[t] })),
        )}
      />
      <FilterSelect
        label="Grade (reported)"
        name="grade"
        value={query.grade}
        options={withAny(
          "Any grade",
          CLAVIEN_DINDO.map((g) => ({ value: g.grade, label: g.roman })),
        )}
      />
      <FilterSelect
        label="Age of report"
        name="age"
        value={query.age}
        options={withAny(
          "Any age",
          REVIEW_AGE_FILTERS.map((a) => ({ value: a, label: `Reported ${a}+ days ago` })),
        )}
      />
    </FilterBar>
  );
}
