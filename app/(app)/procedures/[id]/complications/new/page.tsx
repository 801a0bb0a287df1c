import type { Metadata } from "next";
import { ComplicationForm } from "@/components/forms/ComplicationForm";
import { loadEditableProcedure, recordIdFrom } from "@/app/(app)/loadOr404";
import { ProcedureFormHeader } from "@/components/records/ProcedureFormHeader";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { displayDate } from "@/lib/outcomes/dates";
import { reportComplicationAction } from "@/app/(app)/complications/actions";

export const metadata: Metadata = { title: "Report complication" };

export default async function NewComplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const { procedure, patient } = await loadEditableProcedure(me, id);

  return (
    <>
      <ProcedureFormHeader patient={patient} procedure={procedure} title="Report a complication">
        {patient.name} · MILD on {displayDate(procedure.procedureDate)}. Record the facts; a quality officer adjudicates every report and your original is kept.
      </ProcedureFormHeader>
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
