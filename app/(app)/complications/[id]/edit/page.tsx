import type { Metadata } from "next";
import Link from "next/link";
import { ComplicationForm } from "@/components/forms/ComplicationForm";
import { isCorrectable } from "@/components/records/ComplicationsTable";
import { complicationFormValues } from "@/components/records/formValues";
import { ADJUDICATION_LABELS, COMPLICATION_TYPE_LABELS } from "@/lib/labels";
import { loadEditableProcedure, orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { ProcedureFormHeader } from "@/components/records/ProcedureFormHeader";
import { getComplication } from "@/lib/dal/records/complications";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { displayDate } from "@/lib/outcomes/dates";
import { updateComplicationAction } from "../../actions";

export const metadata: Metadata = { title: "Edit complication report" };

export default async function EditComplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const complication = await orNotFound(getComplication(me, id));
  const { procedure, patient } = await loadEditableProcedure(me, complication.procedureId);
  const procedureHref = `/procedures/${procedure.id}`;

  return (
    <>
      <ProcedureFormHeader patient={patient} procedure={procedure} title="Edit complication report">
        {COMPLICATION_TYPE_LABELS[complication.type]} · onset {displayDate(complication.onsetDate)} · {ADJUDICATION_LABELS[complication.adjudicationStatus]}
      </ProcedureFormHeader>
      {isCorrectable(complication) ? (
        <>
          {complication.adjudicationStatus === "needs_info" && (
            <div className="flag-banner" role="note" aria-label="Request from the quality officer">
              <p className="flag-title">The quality officer asked for more information</p>
              {complication.adjudicationNote && <p>“{complication.adjudicationNote}”</p>}
              <p>
                Saving your correction sends the report back for adjudication. To answer without changing the report, reply on the{" "}
                <Link href={procedureHref}>procedure page</Link>.
              </p>
            </div>
          )}
          <div className="panel form-panel">
            <ComplicationForm
              action={updateComplicationAction.bind(null, id)}
              initialValues={complicationFormValues(complication)}
              submitLabel="Save complication"
              procedureDateText={displayDate(procedure.procedureDate)}
              cancelHref={procedureHref}
            />
          </div>
        </>
      ) : (
        <section className="panel" aria-labelledby="locked-title">
          <h2 id="locked-title">This report can no longer be edited</h2>
          <p>
            A quality officer adjudicated it as <strong>{ADJUDICATION_LABELS[complication.adjudicationStatus].toLowerCase()}</strong>
            {complication.adjudicatedAt ? ` on ${displayDate(complication.adjudicatedAt.slice(0, 10))}` : ""}. Reports can be corrected only while they await
            adjudication or more information, so the adjudicated record stays as it was judged.
          </p>
          {complication.adjudicationNote && <p className="muted">Adjudicator’s note: “{complication.adjudicationNote}”</p>}
          <p>If something in it is wrong, ask the quality officer to reopen it.</p>
          <p>
            <Link href={procedureHref}>Back to the procedure</Link>
          </p>
        </section>
      )}
    </>
  );
}
