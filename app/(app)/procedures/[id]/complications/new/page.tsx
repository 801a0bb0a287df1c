import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ComplicationForm } from "@/components/forms/ComplicationForm";
import { orNotFound, recordIdFrom } from "@/components/records/loadOr404";
import { getPatient } from "@/lib/dal/patients";
import { canEditProcedure, getProcedure } from "@/lib/dal/procedures";
import { requirePrincipal } from "@/lib/dal/session";
import { displayDate } from "@/lib/outcomes/dates";
import { reportComplicationAction } from "@/app/(app)/complications/actions";

export const metadata: Metadata = { title: "Report complication" };

export default async function NewComplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const procedure = await orNotFound(getProcedure(me, id));
  if (!canEditProcedure(me, procedure)) notFound();
  const { patient } = await orNotFound(getPatient(me, procedure.patientId));

  return (
    <>
      <header className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href={`/patients/${patient.id}`}>{patient.name}</Link> /{" "}
          <Link href={`/procedures/${id}`}>Procedure {displayDate(procedure.procedureDate)}</Link>
        </nav>
        <h1>Report a complication</h1>
        <p className="muted">
          {patient.name} · MILD on {displayDate(procedure.procedureDate)}. Record the facts; a quality officer adjudicates every report and your original is
          kept.
        </p>
      </header>
      <div className="panel form-panel">
        <ComplicationForm
          action={reportComplicationAction}
          initialValues={{ procedureId: String(id) }}
          submitLabel="Report complication"
          procedureDateText={displayDate(procedure.procedureDate)}
          cancelHref={`/procedures/${id}`}
        />
      </div>
    </>
  );
}
