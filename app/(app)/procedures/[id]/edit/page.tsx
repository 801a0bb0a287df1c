import type { Metadata } from "next";
import { ProcedureForm } from "@/components/forms/ProcedureForm";
import { procedureFormValues } from "@/components/records/formValues";
import { loadEditableProcedure, recordIdFrom } from "@/app/(app)/loadOr404";
import { ProcedureFormHeader } from "@/components/records/ProcedureFormHeader";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { listActingPhysicians } from "@/lib/dal/onBehalfOf";
import { updateProcedureAction } from "../../actions";

export const metadata: Metadata = { title: "Edit procedure" };

export default async function EditProcedurePage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const [{ procedure, patient }, sites, physicians] = await Promise.all([loadEditableProcedure(me, id), listSiteOptions(me), listActingPhysicians(me)]);
  const coordinator = me.role === "coordinator";

  return (
    <>
      <ProcedureFormHeader patient={patient} procedure={procedure} title="Edit procedure">
        Every change is kept in the record’s history.
      </ProcedureFormHeader>
      <div className="panel form-panel">
        <ProcedureForm
          action={updateProcedureAction.bind(null, id)}
          initialValues={{ ...procedureFormValues(procedure), ...(coordinator ? { physicianId: String(procedure.physicianId) } : {}) }}
          sites={sites}
          physicians={coordinator ? physicians : undefined}
          patient={{ id: patient.id, name: patient.name, mrn: patient.mrn }}
          cancelHref={`/procedures/${id}`}
        />
      </div>
    </>
  );
}
