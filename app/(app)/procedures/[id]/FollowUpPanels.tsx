import Link from "next/link";
import { Panel } from "@/components/layout/Panel";
import { ContactAttemptForm, FollowUpStatusForm, SubsequentSurgeryForm } from "@/components/forms/FollowUpForms";
import { SimpleTable } from "@/components/table/SimpleTable";
import { dash, levelsText } from "@/components/records/format";
import { CONTACT_CHANNEL_LABELS, CONTACT_OUTCOME_LABELS, FOLLOW_UP_STATUS_LABELS, SUBSEQUENT_SURGERY_LABELS } from "@/lib/labels";
import type { getFollowUpRecord } from "@/lib/dal/records/followUp";
import type { listSubsequentSurgeries } from "@/lib/dal/records/subsequentSurgeries";
import { displayDate } from "@/lib/outcomes/dates";
import { isFailedContact, ordinal } from "@/lib/outcomes/followUpStatus";
import { recordContactAttemptAction, recordSubsequentSurgeryAction, setFollowUpStatusAction } from "./followUpActions";

type FollowUpRecord = Awaited<ReturnType<typeof getFollowUpRecord>>;
type Surgery = Awaited<ReturnType<typeof listSubsequentSurgeries>>[number];

/** Whether the patient is still followed, the attempts to reach them, and (for those who may) the forms. */
export function FollowUpStatusPanel({ procedureId, record, canEdit }: { procedureId: number; record: FollowUpRecord; canEdit: boolean }) {
  const { status, attempts, failedInARow, lostAfter, canMarkLost, deathComplication } = record;
  const here = `/procedures/${procedureId}`;
  return (
    <Panel id="procedure-follow-up" title="Follow-up status and contact attempts">
      <p className="follow-up-status">
        <strong>{status ? FOLLOW_UP_STATUS_LABELS[status.status] : FOLLOW_UP_STATUS_LABELS.active}</strong>
        {status ? (
          <>
            {" "}
            since {displayDate(status.statusDate)}: no longer expected at the timepoints whose window had not closed by then (completeness counts them apart).
            {status.note && <span className="muted"> {status.note}</span>}
          </>
        ) : (
          " — expected at every timepoint."
        )}
        {status?.status === "deceased" &&
          (deathComplication ? (
            <>
              {" "}
              Death recorded as a complication on {displayDate(deathComplication.onsetDate)}:{" "}
              <Link href={`/complications/${deathComplication.id}/edit`}>the report</Link>.
            </>
          ) : (
            <span className="muted"> No death is recorded as a complication; report one if it was related to the procedure.</span>
          ))}
      </p>
      {attempts.length === 0 ? (
        <p className="muted">No contact attempts recorded.</p>
      ) : (
        <SimpleTable
          caption={`Contact attempts (${failedInARow} failed in a row; lost to follow-up is offered after ${lostAfter})`}
          rows={attempts.map((a, i) => ({ ...a, n: i + 1 }))}
          rowKey={(a) => a.id}
          columns={[
            { header: "Attempt", rowHeader: true, cell: (a) => ordinal(a.n) },
            { header: "Date", cell: (a) => displayDate(a.attemptedOn) },
            { header: "How", cell: (a) => CONTACT_CHANNEL_LABELS[a.channel] },
            {
              header: "Outcome",
              cell: (a) =>
                isFailedContact(a.outcome) ? <span className="badge warn">{CONTACT_OUTCOME_LABELS[a.outcome]}</span> : CONTACT_OUTCOME_LABELS[a.outcome],
            },
            { header: "Note", cell: (a) => a.note ?? dash },
          ]}
        />
      )}
      {canEdit && (
        <div className="follow-up-forms">
          <section aria-labelledby="contact-attempt-title">
            <h3 id="contact-attempt-title">Record a contact attempt</h3>
            <ContactAttemptForm
              action={recordContactAttemptAction.bind(null, procedureId)}
              initialValues={{}}
              cancelHref={here}
              nextOrdinal={ordinal(attempts.length + 1)}
            />
          </section>
          <section aria-labelledby="follow-up-status-title">
            <h3 id="follow-up-status-title">Change the follow-up status</h3>
            <FollowUpStatusForm
              action={setFollowUpStatusAction.bind(null, procedureId)}
              initialValues={status ? { status: status.status, statusDate: status.statusDate, note: status.note ?? "" } : { status: "active" }}
              cancelHref={here}
              canMarkLost={canMarkLost}
              lostHint={
                canMarkLost
                  ? `Lost to follow-up is available: ${failedInARow} attempts in a row failed.`
                  : `Lost to follow-up becomes available after ${lostAfter} failed contact attempts in a row (${failedInARow} so far).`
              }
            />
          </section>
        </div>
      )}
    </Panel>
  );
}

/** Lumbar surgery after this procedure: the durability outcome the dashboard's "free of subsequent surgery" card counts. */
export function SubsequentSurgeryPanel({ procedureId, surgeries, canEdit }: { procedureId: number; surgeries: Surgery[]; canEdit: boolean }) {
  return (
    <Panel id="procedure-surgery" title="Subsequent lumbar surgery">
      {surgeries.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <SimpleTable
          caption="Lumbar surgery after this procedure"
          hiddenCaption
          rows={surgeries}
          rowKey={(s) => s.id}
          columns={[
            { header: "Date", rowHeader: true, cell: (s) => displayDate(s.surgeryDate) },
            { header: "Kind", cell: (s) => SUBSEQUENT_SURGERY_LABELS[s.type] },
            { header: "Levels", cell: (s) => (s.levels ? levelsText(s.levels) : dash) },
            { header: "Note", cell: (s) => s.note ?? dash },
          ]}
        />
      )}
      {canEdit && (
        <section aria-labelledby="surgery-form-title">
          <h3 id="surgery-form-title">Record a subsequent surgery</h3>
          <SubsequentSurgeryForm
            action={recordSubsequentSurgeryAction.bind(null, procedureId)}
            initialValues={{ levels: [] }}
            cancelHref={`/procedures/${procedureId}`}
          />
        </section>
      )}
    </Panel>
  );
}
