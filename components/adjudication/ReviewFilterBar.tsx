import { COMPLICATION_TYPES } from "@/db/enums";
import { choices, FilterBar, FilterSelect, PhysicianFilter, withAny } from "@/components/filters/FilterFields";
import { ADJUDICATION_LABELS, CLAVIEN_DINDO, COMPLICATION_TYPE_LABELS, labelledOptions } from "@/lib/labels";
import { REVIEW_AGE_FILTERS, type ReviewQueueQuery } from "@/lib/validation/adjudication";

type Option = { id: number; name: string };

// The queue's own filters, as data: one select each, in this order.
const CHOICE_FILTERS = [
  {
    label: "Status",
    name: "status",
    options: [
      { value: "open", label: "Open (awaiting or needs information)" },
      ...labelledOptions(["pending", "needs_info", "confirmed", "rejected"], ADJUDICATION_LABELS),
      { value: "all", label: "All reports" },
    ],
  },
  { label: "Type", name: "type", options: withAny("Any type", choices(COMPLICATION_TYPES.map((t) => [t, COMPLICATION_TYPE_LABELS[t]]))) },
  { label: "Grade (reported)", name: "grade", options: withAny("Any grade", choices(CLAVIEN_DINDO.map((g) => [g.grade, g.roman]))) },
  { label: "Age of report", name: "age", options: withAny("Any age", choices(REVIEW_AGE_FILTERS.map((a) => [a, `Reported ${a}+ days ago`]))) },
] as const;

/** The review queue's filters; sort, page size and hidden columns ride along. */
export function ReviewFilterBar({ query, physicians }: { query: ReviewQueueQuery; physicians: Option[] }) {
  const [status, ...others] = CHOICE_FILTERS;
  return (
    <FilterBar action="/quality/review" label="Filter the review queue" keep={{ sort: query.sort, dir: query.dir, size: query.size, hide: query.hide }}>
      <FilterSelect {...status} value={query.status} />
      <PhysicianFilter value={query.physician} physicians={physicians} />
      {others.map((f) => (
        <FilterSelect key={f.name} {...f} value={query[f.name]} />
      ))}
    </FilterBar>
  );
}
