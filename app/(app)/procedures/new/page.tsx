import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProcedureForm } from "@/components/forms/ProcedureForm";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { getPatient, listPatients } from "@/lib/dal/records/patients";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { isClinicalWriter } from "@/lib/dal/access";
import { listActingPhysicians } from "@/lib/dal/onBehalfOf";
import { createProcedureAction } from "../actions";

export const metadata: Metadata = { title: "New procedure" };

/** How many patients the choice offers when the form is not opened from a patient's page. */
const PATIENT_CHOICES = 200;

export default async function NewProcedurePage({ searchParams }: { searchParams: Promise<{ patient?: string | string[] }> }) {
  const me = await requirePrincipal();
  if (!isClinicalWriter(me)) notFound();
  const coordinator = me.role === "coordinator";
  const raw = (await searchParams).patient;
  const patientId = typeof raw === "string" && raw !== "" ? recordIdFrom(raw) : null;
  const patient = patientId ? (await orNotFound(getPatient(me, patientId))).patient : null;
  const [sites, physicians] = await Promise.all([listSiteOptions(me), listActingPhysicians(me)]);
  const patientChoices = patient
    ? undefined
    : (await listPatients(me, { page: 1, size: PATIENT_CHOICES })).rows.map((p) => ({ id: p.id, label: `${p.name} · MRN ${p.mrn} · ${p.siteName}` }));
  const siteId = coordinator ? (patient?.siteId ?? null) : (me.siteId ?? patient?.siteId ?? null);
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
      <div className="panel form-panel">
        <ProcedureForm
          action={createProcedureAction}
          initialValues={{
            patientId: patient ? String(patient.id) : "",
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
