import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { Timepoint } from "@/db/enums";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { AssessmentForm } from "@/components/forms/AssessmentForm";
import { assessmentFormValues } from "@/components/records/formValues";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { ProcedureFormHeader } from "@/components/records/ProcedureFormHeader";
import { getAssessment } from "@/lib/dal/records/assessments";
import { canEditProcedure, getProcedureDetail } from "@/lib/dal/records/procedures";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { displayDate } from "@/lib/outcomes/dates";
import { updateAssessmentAction } from "../../actions";

export const metadata: Metadata = { title: "Edit assessment" };

export default async function EditAssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const assessment = await orNotFound(getAssessment(me, id));
  const { procedure, patient, assessments } = await orNotFound(getProcedureDetail(me, assessment.procedureId));
  if (!canEditProcedure(me, procedure)) notFound();
  const taken = assessments.filter((a) => a.id !== id && a.timepoint !== "unscheduled").map((a) => a.timepoint as Timepoint);

  return (
    <>
      <ProcedureFormHeader patient={patient} procedure={procedure} title="Edit assessment">
        {TIMEPOINT_LABELS[assessment.timepoint]} assessment of {displayDate(assessment.assessedOn)} · {patient.name}. Every change is kept in the record’s
        history.
      </ProcedureFormHeader>
      <div className="panel form-panel">
        <AssessmentForm
          action={updateAssessmentAction.bind(null, id)}
          initialValues={assessmentFormValues(assessment)}
          procedure={{ id: procedure.id, procedureDate: procedure.procedureDate, procedureDateText: displayDate(procedure.procedureDate) }}
          takenTimepoints={taken}
          cancelHref={`/procedures/${procedure.id}`}
          patientReported={assessment.source === "patient"}
        />
      </div>
    </>
  );
}
