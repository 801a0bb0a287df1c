import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { Timepoint } from "@/db/enums";
import { AssessmentForm } from "@/components/forms/AssessmentForm";
import { orNotFound, recordIdFrom } from "@/components/records/loadOr404";
import { canEditProcedure, getProcedureDetail } from "@/lib/dal/procedures";
import { requirePrincipal } from "@/lib/dal/session";
import { displayDate } from "@/lib/outcomes/dates";
import { createAssessmentAction } from "@/app/(app)/assessments/actions";

export const metadata: Metadata = { title: "New assessment" };

export default async function NewAssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const { procedure, patient, assessments } = await orNotFound(getProcedureDetail(me, id));
  if (!canEditProcedure(me, procedure)) notFound();
  const taken = assessments.filter((a) => a.timepoint !== "unscheduled").map((a) => a.timepoint as Timepoint);

  return (
    <>
      <header className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href={`/patients/${patient.id}`}>{patient.name}</Link> /{" "}
          <Link href={`/procedures/${id}`}>Procedure {displayDate(procedure.procedureDate)}</Link>
        </nav>
        <h1>New assessment</h1>
        <p className="muted">
          {patient.name} · MILD on {displayDate(procedure.procedureDate)}
        </p>
      </header>
      <div className="panel form-panel">
        <AssessmentForm
          action={createAssessmentAction}
          initialValues={{ procedureId: String(id), odiMode: "total" }}
          procedure={{ id, procedureDate: procedure.procedureDate, procedureDateText: displayDate(procedure.procedureDate) }}
          takenTimepoints={taken}
          cancelHref={`/procedures/${id}`}
        />
      </div>
    </>
  );
}
