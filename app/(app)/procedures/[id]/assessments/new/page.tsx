import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { Timepoint } from "@/db/enums";
import { AssessmentForm } from "@/components/forms/AssessmentForm";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { ProcedureFormHeader } from "@/components/records/ProcedureFormHeader";
import { canEditProcedure, getProcedureDetail } from "@/lib/dal/records/procedures";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
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
      <ProcedureFormHeader patient={patient} procedure={procedure} title="New assessment">
        {patient.name} · MILD on {displayDate(procedure.procedureDate)}
      </ProcedureFormHeader>
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
