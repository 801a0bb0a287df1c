import { Panel } from "@/components/layout/Panel";
import type { Assessment, Patient, Procedure } from "@/db/schema";
import type { InvitationListRow } from "@/lib/dal/invitations/staffInvitations";
import type { DiaryEntry } from "@/db/schema";
import { CONSENT_WORDINGS, hasActiveConsent, type ConsentVersion } from "@/lib/outcomes/contactConsent";
import { displayDate } from "@/lib/outcomes/dates";
import { DEFAULT_RELIEF_CRITERION, reliefCriterion, reliefFromRecords } from "@/lib/outcomes/relief";
import type { FormAction } from "@/lib/validation/formData";
import { DiaryTable, InvitationsTable, invitationLabel } from "./InvitationsPanel";
import { SendInvitationForm } from "./SendInvitationForm";
import Link from "next/link";

/**
 * The procedure's patient-reported side: consent, the relief day from the diary (exact) or the visits, the
 * invitations with their states and message failures, the diary, and for the procedure's physician the way to
 * send a questionnaire now or print it as a letter.
 */
export function PatientReportedPanel({
  procedure,
  patient,
  assessments,
  reported,
  canEdit,
  sendAction,
}: {
  procedure: Procedure;
  patient: Patient;
  assessments: Assessment[];
  reported: { invitations: InvitationListRow[]; diary: DiaryEntry[]; sendable: string[] };
  canEdit: boolean;
  sendAction: FormAction;
}) {
  const criterion = reliefCriterion(DEFAULT_RELIEF_CRITERION);
  const relief = reliefFromRecords(criterion, procedure.procedureDate, assessments, reported.diary);
  const consent = hasActiveConsent(patient);
  const options = reported.sendable.map((k) => ({ value: k, label: invitationLabel(k) }));
  const reliefText =
    "excluded" in relief
      ? "Relief cannot be judged yet (no baseline or no follow-up)."
      : relief.event === 1
        ? `Relief on day ${relief.day} (${relief.source === "diary" ? "exact, from the patient's diary" : relief.source === "onset" ? "onset reported by the patient" : "at a visit: relief began on or before this day"}).`
        : `Not relieved by day ${relief.day} (last ${relief.source === "diary" ? "diary day" : "assessment"}).`;
  return (
    <Panel id="procedure-patient-reported" title="Patient-reported: invitations and diary">
      <p>
        {consent ? (
          <>
            Consent to be contacted recorded {displayDate(patient.contactConsentAt!.slice(0, 10))} (wording{" "}
            <abbr title={CONSENT_WORDINGS[patient.contactConsentVersion as ConsentVersion] ?? ""}>{patient.contactConsentVersion}</abbr>); by{" "}
            {patient.preferredChannel === "letter" ? "printed letter" : "email"}.
          </>
        ) : patient.optedOutAt ? (
          <>
            The patient opted out on {displayDate(patient.optedOutAt.slice(0, 10))} (
            {patient.optOutMethod === "link" ? "from a message's link" : "told the clinic"}).
          </>
        ) : (
          <>No consent to be contacted recorded: edit the patient to record it.</>
        )}
      </p>
      <p className="relief-day">
        <strong>{reliefText}</strong> <span className="muted small">Criterion: {criterion.description}.</span>
      </p>
      <h3>Invitations</h3>
      <InvitationsTable rows={reported.invitations} procedureId={procedure.id} canPrint={canEdit && consent} />
      <h3>Relief diary</h3>
      <DiaryTable
        entries={reported.diary}
        procedureDate={procedure.procedureDate}
        reliefDay={"excluded" in relief || relief.source !== "diary" || relief.event !== 1 ? null : relief.day}
      />
      {canEdit && consent && options.length > 0 && (
        <div className="invitation-actions">
          <h3>Send a questionnaire now</h3>
          {patient.preferredChannel === "email" && patient.email ? (
            <SendInvitationForm action={sendAction} options={options} />
          ) : (
            <p className="muted">The patient has no email address or prefers letters.</p>
          )}
          <p className="small">
            Or print a letter with the link as a QR code:{" "}
            {options.slice(0, 4).map((o, i) => (
              <span key={o.value}>
                {i > 0 && " · "}
                <Link href={`/procedures/${procedure.id}/letter?key=${encodeURIComponent(o.value)}`}>{o.label}</Link>
              </span>
            ))}
          </p>
        </div>
      )}
    </Panel>
  );
}
