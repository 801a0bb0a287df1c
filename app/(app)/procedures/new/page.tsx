import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProcedureForm } from "@/components/forms/ProcedureForm";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { getPatient, listPatients } from "@/lib/dal/records/patients";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { FilterBar, FilterText } from "@/components/filters/FilterFields";
import { formatCount } from "@/lib/format/numbers";
import { isClinicalWriter } from "@/lib/dal/access";
import { listActingPhysicians } from "@/lib/dal/onBehalfOf";
import { createProcedureAction } from "../actions";

export const metadata: Metadata = { title: "New procedure" };

/** How many patients the choice offers: the most recently updated, or the best matches of a search. */
const PATIENT_CHOICES = 50;

export default async function NewProcedurePage({ searchParams }: { searchParams: Promise<{ patient?: string | string[]; find?: string | string[] }> }) {
  const me = await requirePrincipal();
  if (!isClinicalWriter(me)) notFound();
  const coordinator = me.role === "coordinator";
  const params = await searchParams;
  const raw = params.patient;
  // Any patient can be found by name or MRN (the search the patient list uses), not only the most recent ones.
  const find = typeof params.find === "string" ? params.find.trim().slice(0, 100) : "";
  const patientId = typeof raw === "string" && raw !== "" ? recordIdFrom(raw) : null;
  const patient = patientId ? (await orNotFound(getPatient(me, patientId))).patient : null;
  const [sites, physicians] = await Promise.all([listSiteOptions(me), listActingPhysicians(me)]);
  const found = patient ? null : await listPatients(me, { page: 1, size: PATIENT_CHOICES, q: find || undefined });
  const patientChoices = found?.rows.map((p) => ({ id: p.id, label: `${p.name} · MRN ${p.mrn} · ${p.siteName}` }));
  // One match of a search is the patient meant: chosen already.
  const onlyMatch = find && found?.rows.length === 1 ? String(found.rows[0]!.id) : "";
  // A coordinator of a single site has only that one to choose.
  const siteId = coordinator ? (patient?.siteId ?? (sites.length === 1 ? sites[0]!.id : null)) : (me.siteId ?? patient?.siteId ?? null);
  // A coordinator's procedure is usually the responsible physician's: offered first, still a choice.
  const physicianId =
    coordinator && patient?.primaryPhysicianId && physicians.some((p) => p.id === patient.primaryPhysicianId) ? patient.primaryPhysicianId : null;

  return (
    <>
      <header className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          {patient ? (
            <>
              <Link href="/patients">Patients</Link> / <Link href={`/patients/${patient.id}`}>{patient.name}</Link>
            </>
          ) : (
            <Link href="/procedures">Procedures</Link>
          )}
        </nav>
        <h1>New procedure</h1>
        <p className="muted">
          {coordinator ? "Recorded as performed by the physician you choose." : "Recorded as performed by you."} All fields are required unless marked optional.
        </p>
      </header>
      {!patient && found && (
        <section className="panel" aria-labelledby="find-patient-title">
          <h2 id="find-patient-title">Find the patient</h2>
          <FilterBar action="/procedures/new" label="Find the patient" submitLabel="Find" clearable={false} search>
            <FilterText label="Name or medical record number" name="find" type="search" value={find} grow />
          </FilterBar>
          <p className="muted small" role="status">
            {find
              ? `${formatCount(found.total)} patient${found.total === 1 ? "" : "s"} match “${find}”${found.total > PATIENT_CHOICES ? `: the first ${PATIENT_CHOICES} are offered below — type more of the name or MRN` : ""}.`
              : `The Patient choice below offers your ${PATIENT_CHOICES} most recently updated patients; search to find any other.`}
          </p>
        </section>
      )}
      <div className="panel form-panel">
        <ProcedureForm
          action={createProcedureAction}
          initialValues={{
            patientId: patient ? String(patient.id) : onlyMatch,
            siteId: siteId ? String(siteId) : "",
            physicianId: physicianId ? String(physicianId) : "",
          }}
          physicians={coordinator ? physicians : undefined}
          sites={sites}
          patient={patient ? { id: patient.id, name: patient.name, mrn: patient.mrn } : null}
          patientChoices={patientChoices}
          cancelHref={patient ? `/patients/${patient.id}` : "/procedures"}
        />
      </div>
    </>
  );
}
