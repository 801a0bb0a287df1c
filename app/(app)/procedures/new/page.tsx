import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProcedureForm } from "@/components/forms/ProcedureForm";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { getPatient, listPatients } from "@/lib/dal/records/patients";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { createProcedureAction } from "../actions";

export const metadata: Metadata = { title: "New procedure" };

/** How many patients the choice offers when the form is not opened from a patient's page. */
const PATIENT_CHOICES = 200;

export default async function NewProcedurePage({ searchParams }: { searchParams: Promise<{ patient?: string | string[] }> }) {
  const me = await requirePrincipal();
  if (me.role !== "physician") notFound();
  const raw = (await searchParams).patient;
  const patientId = typeof raw === "string" && raw !== "" ? recordIdFrom(raw) : null;
  const patient = patientId ? (await orNotFound(getPatient(me, patientId))).patient : null;
  const sites = await listSiteOptions(me);
  const patientChoices = patient
    ? undefined
    : (await listPatients(me, { page: 1, size: PATIENT_CHOICES })).rows.map((p) => ({ id: p.id, label: `${p.name} · MRN ${p.mrn} · ${p.siteName}` }));
  const siteId = me.siteId ?? patient?.siteId ?? null;

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
        <p className="muted">Recorded as performed by you. All fields are required unless marked optional.</p>
      </header>
      <div className="panel form-panel">
        <ProcedureForm
          action={createProcedureAction}
          initialValues={{ patientId: patient ? String(patient.id) : "", siteId: siteId ? String(siteId) : "" }}
          sites={sites}
          patient={patient ? { id: patient.id, name: patient.name, mrn: patient.mrn } : null}
          patientChoices={patientChoices}
          cancelHref={patient ? `/patients/${patient.id}` : "/procedures"}
        />
      </div>
    </>
  );
}
