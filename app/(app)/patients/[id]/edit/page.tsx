import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PatientForm } from "@/components/forms/PatientForm";
import { patientFormValues } from "@/components/records/formValues";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { getPatient } from "@/lib/dal/records/patients";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { isClinicalWriter } from "@/lib/dal/access";
import { listActingPhysicians } from "@/lib/dal/onBehalfOf";
import { updatePatientAction } from "../../actions";

export const metadata: Metadata = { title: "Edit patient" };

export default async function EditPatientPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  if (!isClinicalWriter(me)) notFound();
  const { patient } = await orNotFound(getPatient(me, id));
  const [sites, physicians] = await Promise.all([listSiteOptions(me), listActingPhysicians(me)]);
  const coordinator = me.role === "coordinator";
  const initialValues = { ...patientFormValues(patient), ...(coordinator ? { physicianId: String(patient.primaryPhysicianId ?? "") } : {}) };
  return (
    <>
      <header className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/patients">Patients</Link> / <Link href={`/patients/${id}`}>{patient.name}</Link>
        </nav>
        <h1>Edit patient</h1>
        <p className="muted">
          {patient.name} · MRN {patient.mrn}. Every change is kept in the record’s history.
        </p>
      </header>
      <div className="panel form-panel">
        <PatientForm
          action={updatePatientAction.bind(null, id)}
          initialValues={initialValues}
          sites={sites}
          physicians={coordinator ? physicians : undefined}
          cancelHref={`/patients/${id}`}
        />
      </div>
    </>
  );
}
