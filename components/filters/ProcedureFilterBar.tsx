import type { ProcedureListQuery } from "@/lib/validation/procedureList";
import { choices, DateRangeFilter, DiagnosisFilter, FilterBar, FilterSelect, FilterText, PhysicianFilter, SiteFilter } from "./FilterFields";

type Option = { id: number; name: string };

// The list's own filters, as data: one select each, in this order.
const CHOICE_FILTERS = [
  {
    label: "Prior-treatment flag",
    name: "flag",
    options: choices([
      ["", "Included"],
      ["0", "Excluded"],
      ["1", "Only flagged"],
    ]),
  },
  {
    label: "Complication",
    name: "complication",
    options: choices([
      ["", "Any"],
      ["1", "With a complication"],
      ["0", "Without"],
    ]),
  },
  {
    label: "Follow-up",
    name: "followUp",
    options: choices([
      ["", "Any"],
      ["overdue", "Has an overdue timepoint"],
      ["due", "Has a timepoint due now"],
      ["missed", "Has a missed timepoint"],
      ["up_to_date", "Up to date (none overdue or missed)"],
    ]),
  },
] as const;

/** The procedure list's filters; sort, page size and hidden columns ride along. */
export function ProcedureFilterBar({ action, query, sites, physicians }: { action: string; query: ProcedureListQuery; sites: Option[]; physicians: Option[] }) {
  return (
    <FilterBar action={action} label="Filter procedures" keep={{ sort: query.sort, dir: query.dir, size: query.size, hide: query.hide }}>
      {physicians.length > 0 && <PhysicianFilter value={query.physician} physicians={physicians} />}
      <SiteFilter value={query.site} sites={sites} />
      <DateRangeFilter from={query.from} to={query.to} />
      <DiagnosisFilter value={query.diagnosis} />
      {CHOICE_FILTERS.map((f) => (
        <FilterSelect key={f.name} label={f.label} name={f.name} value={query[f.name]} options={f.options} />
      ))}
      <FilterText label="Patient name or MRN" name="q" type="search" value={query.q} grow />
    </FilterBar>
  );
}
