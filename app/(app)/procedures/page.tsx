import { NewPatientLink, NewProcedureLink } from "@/components/records/NewPatientLink";
import { PageHeader } from "@/components/layout/PageHeader";
import { tableViewOf } from "@/lib/validation/listQuery";
import type { Metadata } from "next";
import { ExportLinks } from "@/components/csv/ExportLinks";
import { ProcedureFilterBar } from "@/components/filters/ProcedureFilterBar";
import { ProcedureTable } from "@/components/procedures/ProcedureTable";
import { procedureListExportParams } from "@/lib/csv/export/links";
import { canSeeAllPhysicians } from "@/lib/dal/principal";
import { listFilterOptions, listProcedures } from "@/lib/dal/records/procedureList";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { isClinicalWriter } from "@/lib/dal/access";
import { parseProcedureListQuery } from "@/lib/validation/procedureList";

export const metadata: Metadata = { title: "Procedures" };

export default async function ProceduresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePrincipal();
  const query = parseProcedureListQuery(await searchParams);
  const [{ rows, total }, options] = await Promise.all([listProcedures(me, query), listFilterOptions(me)]);
  const view = tableViewOf(query);
  return (
    <>
      <PageHeader
        title="Procedures"
        actions={
          <>
            {me.role !== "coordinator" && <ExportLinks {...procedureListExportParams(query)} canIdentify={canSeeAllPhysicians(me)} />}
            {isClinicalWriter(me) && (
              <>
                <NewProcedureLink />
                <NewPatientLink />
              </>
            )}
          </>
        }
      >
        {me.role === "physician"
          ? "The procedures you performed"
          : me.role === "coordinator"
            ? "The procedures performed at your sites"
            : "Every procedure in the practice (read only)"}
      </PageHeader>
      <section className="panel">
        <ProcedureFilterBar action="/procedures" query={query} sites={options.sites} physicians={options.physicians} />
      </section>
      <section className="panel">
        <ProcedureTable rows={rows} total={total} view={view} hidePhysician={me.role === "physician"} />
      </section>
    </>
  );
}
