import { NewPatientLink } from "@/components/records/NewPatientLink";
import { PageHeader } from "@/components/layout/PageHeader";
import { FilterBar, FilterText } from "@/components/filters/FilterFields";
import type { Metadata } from "next";
import { PatientTable } from "@/components/patients/PatientTable";
import { listPatients } from "@/lib/dal/records/patients";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { isClinicalWriter } from "@/lib/dal/access";
import { tableViewOf } from "@/lib/validation/listQuery";
import { parsePatientListQuery } from "@/lib/validation/patientList";

export const metadata: Metadata = { title: "Patients" };

const PATIENT_SCOPE_LINES = {
  physician: "Patients you are responsible for or have treated",
  coordinator: "Patients of your sites",
  all: "Every patient in the practice (read only)",
} as const;

export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePrincipal();
  const query = parsePatientListQuery(await searchParams);
  const { rows, total } = await listPatients(me, query);
  return (
    <>
      <PageHeader title="Patients" actions={isClinicalWriter(me) && <NewPatientLink />}>
        {PATIENT_SCOPE_LINES[me.role === "physician" || me.role === "coordinator" ? me.role : "all"]}
      </PageHeader>
      <section className="panel">
        <FilterBar action="/patients" label="Find a patient" submitLabel="Search" clearable={false} search>
          <FilterText label="Name or medical record number" name="q" type="search" value={query.q} grow />
        </FilterBar>
      </section>
      <section className="panel">
        <PatientTable rows={rows} total={total} view={tableViewOf(query)} />
      </section>
    </>
  );
}
