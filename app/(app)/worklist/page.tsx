import { PageHeader } from "@/components/layout/PageHeader";
import type { Metadata } from "next";
import { listFilterOptions } from "@/lib/dal/records/procedureList";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { isClinicalWriter } from "@/lib/dal/access";
import { canSeeAllPhysicians } from "@/lib/dal/principal";
import { getWorklist } from "@/lib/dal/records/worklist";
import { FilterBar, PhysicianFilter } from "@/components/filters/FilterFields";
import { WorklistTable } from "@/components/worklist/WorklistTable";
import { tableViewOf } from "@/lib/validation/listQuery";
import { parseWorklistQuery } from "@/lib/validation/worklist";

export const metadata: Metadata = { title: "Worklist" };

export default async function WorklistPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePrincipal();
  const query = parseWorklistQuery(await searchParams);
  const [{ rows, total, counts }, options] = await Promise.all([getWorklist(me, query), listFilterOptions(me)]);
  // The physician filter for those who see everyone; a physician's worklist is their own anyway.
  const filterable = canSeeAllPhysicians(me);

  return (
    <>
      <PageHeader title="Follow-up worklist">
        Scheduled assessments whose window is open now, most urgent first unless sorted otherwise:{" "}
        <strong>{counts.overdue.toLocaleString("en-GB")} overdue</strong> (past the target day, window still open) and {counts.due.toLocaleString("en-GB")} due.
      </PageHeader>
      {filterable && (
        <FilterBar action="/worklist" label="Choose a physician" submitLabel="Show" clearable={false} className="filter-bar panel">
          <PhysicianFilter value={query.physician} physicians={options.physicians} />
        </FilterBar>
      )}
      <section className="panel">
        <WorklistTable
          rows={rows}
          total={total}
          view={tableViewOf(query)}
          hidePhysician={me.role === "physician"}
          canEnter={isClinicalWriter(me)}
          canPrintLetter={isClinicalWriter(me)}
        />
      </section>
    </>
  );
}
