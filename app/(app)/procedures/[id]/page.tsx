import { RecordHeader } from "@/components/records/RecordHeader";
import { Panel } from "@/components/layout/Panel";
import { Facts } from "@/components/records/Facts";
import type { Metadata } from "next";
import Link from "next/link";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { AdjudicationPanel } from "./AdjudicationPanel";
import { FollowUpStatusPanel, SubsequentSurgeryPanel } from "./FollowUpPanels";
import { getFollowUpRecord } from "@/lib/dal/records/followUp";
import { listSubsequentSurgeries } from "@/lib/dal/records/subsequentSurgeries";
import { AssessmentsTable } from "@/components/records/AssessmentsTable";
import { ComplicationsTable } from "@/components/records/ComplicationsTable";
import { FollowUpSchedule } from "@/components/records/FollowUpSchedule";
import { dash, levelsText } from "@/components/records/format";
import { HistoryList } from "@/components/records/HistoryList";
import { ANAESTHESIA_LABELS, FOLLOW_UP_STATE_LABELS, PRIOR_TREATMENT_LABELS, SIDE_LABELS, labelOf } from "@/lib/labels";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { PatientSummary } from "@/components/records/PatientSummary";
import { ScoreCharts } from "@/components/records/ScoreCharts";
import { buildScoreCharts } from "@/components/records/scoreSeries";
import { canEditProcedure, getProcedureDetail } from "@/lib/dal/records/procedures";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { addDaysIso, daysBetween, displayDate } from "@/lib/outcomes/dates";
import { PatientReportedPanel } from "@/components/invitations/PatientReportedPanel";
import { listProcedureInvitations } from "@/lib/dal/invitations/staffInvitations";
import { sendInvitationAction } from "./invitationActions";
import { formatCount } from "@/lib/format/numbers";

export const metadata: Metadata = { title: "Procedure" };

function dayText(daysSince: number) {
  if (daysSince < 0) return `in ${formatCount(-daysSince)} day${daysSince === -1 ? "" : "s"}`;
  if (daysSince === 0) return "today";
  return `${formatCount(daysSince)} day${daysSince === 1 ? "" : "s"} ago`;
}

export default async function ProcedurePage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const d = await orNotFound(getProcedureDetail(me, id));
  const [sites, followUp, surgeries] = await Promise.all([listSiteOptions(me), getFollowUpRecord(me, id), listSubsequentSurgeries(me, id)]);
  const { procedure: p, patient } = d;
  const canEdit = canEditProcedure(me, p);
  const charts = buildScoreCharts([{ id: p.id, procedureDate: p.procedureDate, label: `MILD ${displayDate(p.procedureDate)}` }], d.assessments);
  const doneOn = Object.fromEntries(d.assessments.map((a) => [a.timepoint, a.assessedOn]));
  const openFollowUps = d.schedule.filter((w) => w.state === "due" || w.state === "overdue");
  const reported = await listProcedureInvitations(me, id);

  return (
    <>
      <RecordHeader
        breadcrumb={
          <>
            <Link href="/patients">Patients</Link> / <Link href={`/patients/${patient.id}`}>{patient.name}</Link>
          </>
        }
        title={`MILD procedure · ${displayDate(p.procedureDate)}`}
        actions={
          canEdit && [
            { href: `/procedures/${id}/edit`, label: "Edit procedure" },
            { href: `/procedures/${id}/assessments/new`, label: "Add assessment", primary: true },
            { href: `/procedures/${id}/complications/new`, label: "Report complication" },
          ]
        }
      >
        {patient.name} · {levelsText(p.levels)} · {SIDE_LABELS[p.side]} · {d.physicianName} · {dayText(d.daysSince)}
      </RecordHeader>

      {p.priorTreatmentFlag ? (
        <div className="flag-banner" role="note" aria-label="Eligibility">
          <p className="flag-title">Exclusion flagged: lumbar treatment within 12 months before MILD</p>
          <p>
            {labelOf(PRIOR_TREATMENT_LABELS, p.priorTreatmentType)} on {p.priorTreatmentDate ? displayDate(p.priorTreatmentDate) : dash}
            {p.priorTreatmentDate && `, ${formatCount(daysBetween(p.priorTreatmentDate, p.procedureDate))} days before the procedure`}.{" "}
            {p.priorTreatmentAcknowledged ? "The physician confirmed it when recording." : "Not confirmed by the physician."} Analyses can include or exclude
            flagged procedures.
          </p>
        </div>
      ) : null}

      {openFollowUps.length > 0 && (
        <p className="followup-note">
          <strong>Follow-up open:</strong>{" "}
          {openFollowUps
            .map(
              (w) =>
                `${TIMEPOINT_LABELS[w.timepoint]} ${FOLLOW_UP_STATE_LABELS[w.state].toLowerCase()}, window closes ${displayDate(addDaysIso(p.procedureDate, w.to))}`,
            )
            .join("; ")}
        </p>
      )}

      <div className="record-grid">
        <Panel id="procedure-patient" title="Patient">
          <PatientSummary patient={patient} siteName={sites.find((s) => s.id === patient.siteId)?.name ?? ""} linkToPatient />
        </Panel>

        <Panel id="procedure-details" title="Procedure">
          <Facts
            facts={[
              ["Date", displayDate(p.procedureDate)],
              ["Levels treated", levelsText(p.levels)],
              ["Side", SIDE_LABELS[p.side]],
              ["Anaesthesia", ANAESTHESIA_LABELS[p.anaesthesia]],
              ["Physician", d.physicianName],
              ["Site", d.siteName],
              ["Device lot", p.deviceLot ?? dash],
              [
                "Prior lumbar treatment",
                <>
                  {p.priorTreatmentType ? (
                    <>
                      {labelOf(PRIOR_TREATMENT_LABELS, p.priorTreatmentType)}
                      {p.priorTreatmentDate && `, ${displayDate(p.priorTreatmentDate)}`}{" "}
                      {p.priorTreatmentFlag ? (
                        <span className="badge warn">Exclusion flagged</span>
                      ) : (
                        <span className="muted small">(more than 12 months before: not an exclusion)</span>
                      )}
                    </>
                  ) : (
                    "None recorded"
                  )}
                </>,
              ],
            ]}
          />
          {p.notes && (
            <>
              <h3 className="facts-heading">Notes</h3>
              <p className="notes">{p.notes}</p>
            </>
          )}
        </Panel>
      </div>

      <Panel id="procedure-schedule" title="Follow-up schedule">
        <FollowUpSchedule schedule={d.schedule} procedureDate={p.procedureDate} doneOn={doneOn} />
      </Panel>

      <FollowUpStatusPanel procedureId={id} record={followUp} canEdit={canEdit} />

      <Panel id="procedure-scores" title="Scores over time">
        <p className="muted small">Days since the procedure; the dashed line is the baseline value.</p>
        <ScoreCharts charts={charts} />
      </Panel>

      <Panel id="procedure-assessments" title="Assessments">
        <AssessmentsTable rows={d.assessments.map((a) => ({ ...a, procedureDate: p.procedureDate, editable: canEdit }))} />
      </Panel>

      <PatientReportedPanel
        procedure={p}
        patient={patient}
        assessments={d.assessments}
        reported={reported}
        canEdit={canEdit}
        sendAction={sendInvitationAction.bind(null, id)}
      />

      <Panel id="procedure-complications" title="Complications">
        <ComplicationsTable rows={d.complications.map((c) => ({ ...c, procedureDate: p.procedureDate, editable: canEdit }))} />
        {d.complications.length > 0 && (
          <div className="record-adjudications">
            <h3>Adjudication</h3>
            {/* The quality officer's decision, reasons and questions per report; the physician answers requests here. */}
            {d.complications.map((c) => (
              <AdjudicationPanel key={c.id} complicationId={c.id} principal={me} />
            ))}
          </div>
        )}
      </Panel>

      <SubsequentSurgeryPanel procedureId={id} surgeries={surgeries} canEdit={canEdit} />

      <Panel id="procedure-history" title="History">
        <p className="muted small">Every change to this procedure and to its assessments and complications, newest first.</p>
        <HistoryList entries={d.history} siteNames={Object.fromEntries(sites.map((s) => [s.id, s.name]))} />
      </Panel>
    </>
  );
}
