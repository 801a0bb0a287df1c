import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProcedureForm } from "@/components/forms/ProcedureForm";
import { displayDate } from "@/lib/outcomes/dates";
import { procedureFormValues } from "@/components/records/formValues";
import { orNotFound, recordIdFrom } from "@/components/records/loadOr404";
import { getPatient } from "@/lib/dal/patients";
import { canEditProcedure, getProcedure } from "@/lib/dal/procedures";
import { requirePrincipal } from "@/lib/dal/session";
import { listSiteOptions } from "@/lib/dal/siteOptions";
import { updateProcedureAction } from "../../actions";

export const metadata: Metadata = { title: "Edit procedure" };

export default async function EditProcedurePage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const procedure = await orNotFound(getProcedure(me, id));
  // Only the physician who performed it may change it; anyone else gets the same 404 as a missing record.
  if (!canEditProcedure(me, procedure)) notFound();
  const [{ patient }, sites] = await Promise.all([orNotFound(getPatient(me, procedure.patientId)), listSiteOptions(me)]);

  return (
    <>
      <header className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href={`/patients/${patient.id}`}>{patient.name}</Link> /{" "}
          <Link href={`/procedures/${id}`}>Procedure {displayDate(procedure.procedureDate)}</Link>
        </nav>
        <h1>Edit procedure</h1>
        <p className="muted">Every change is kept in the record’s history.</p>
      </header>
      <div className="panel form-panel">
        <ProcedureForm
          action={updateProcedureAction.bind(null, id)}
          initialValues={procedureFormValues(procedure)}
          sites={sites}
          patient={{ id: patient.id, name: patient.name, mrn: patient.mrn }}
          cancelHref={`/procedures/${id}`}
        />
      </div>
    </>
  );
}
