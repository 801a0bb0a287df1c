import type { ProcedureListQuery } from "@/lib/validation/procedureList";
import { DateRangeFilter, DiagnosisFilter, FilterBar, FilterSelect, FilterText, PhysicianFilter, SiteFilter } from "./FilterFields";

type Option = { id: number; name: string };

/** The procedure list's filters; sort, page size and hidden columns ride along. */
export function ProcedureFilterBar({ action, query, sites, physicians }: { action: string; query: ProcedureListQuery; sites: Option[]; physicians: Option[] }) {
  return (
    <FilterBar action={action} label="Filter procedures" keep={{ sort: query.sort, dir: query.dir, size: query.size, hide: query.hide }}>
      {physicians.length > 0 && <PhysicianFilter value={query.physician} physicians={physicians} />}
      <SiteFilter value={query.site} sites={sites} />
      <DateRangeFilter from={query.from} to={query.to} />
      <DiagnosisFilter value={query.diagnosis} />
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
      <FilterText label="Patient name or MRN" name="q" type="search" value={query.q} grow />
    </FilterBar>
  );
}
