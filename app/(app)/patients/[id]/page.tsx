import { RecordHeader } from "@/components/records/RecordHeader";
import { Panel } from "@/components/layout/Panel";
import type { Metadata } from "next";
import Link from "next/link";
import { SimpleTable } from "@/components/table/SimpleTable";
import { AssessmentsTable } from "@/components/records/AssessmentsTable";
import { ComplicationsTable } from "@/components/records/ComplicationsTable";
import { levelsText } from "@/components/records/format";
import { HistoryList } from "@/components/records/HistoryList";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { PatientSummary } from "@/components/records/PatientSummary";
import { ScoreCharts } from "@/components/records/ScoreCharts";
import { buildScoreCharts } from "@/components/records/scoreSeries";
import { getPatient, getPatientFollowUp, getPatientHistory } from "@/lib/dal/records/patients";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { isClinicalWriter } from "@/lib/dal/access";
import { listSiteOptions } from "@/lib/dal/admin/siteOptions";
import { displayDate } from "@/lib/outcomes/dates";

export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const { patient, siteName, physicianName, procedures } = await orNotFound(getPatient(me, id));
  const [followUp, history, sites] = await Promise.all([getPatientFollowUp(me, id), getPatientHistory(me, id), listSiteOptions(me)]);

  const canWrite = isClinicalWriter(me);
  const several = procedures.length > 1;
  const procedureLabel = new Map(procedures.map((p) => [p.id, `MILD ${displayDate(p.procedureDate)}`]));
  // The procedures this user may add to: a physician their own; a coordinator every one they can see (their sites).
  const ownProcedure = new Set(procedures.filter((p) => canWrite && (me.role === "coordinator" || p.physicianId === me.id)).map((p) => p.id));
  const charts = buildScoreCharts(
    procedures.map((p) => ({ id: p.id, procedureDate: p.procedureDate, label: procedureLabel.get(p.id)! })),
    followUp.assessments,
  );

  return (
    <>
      <RecordHeader
        breadcrumb={<Link href="/patients">Patients</Link>}
        title={patient.name}
        actions={
          canWrite && [
            { href: `/patients/${id}/edit`, label: "Edit patient" },
            { href: `/procedures/new?patient=${id}`, label: "New procedure for this patient", primary: true },
          ]
        }
      >
        MRN {patient.mrn} · {siteName}
      </RecordHeader>

      <div className="record-grid">
        <Panel id="patient-details" title="Patient">
          <PatientSummary patient={patient} siteName={siteName} physicianName={physicianName} />
        </Panel>

        <Panel id="patient-procedures" title="Procedures">
          {procedures.length === 0 ? (
            <p className="muted">
              {me.role === "physician" ? "No procedures of yours recorded for this patient yet." : "No procedures recorded for this patient."}
            </p>
          ) : (
            <SimpleTable
              caption="Procedures of this patient, oldest first"
              hiddenCaption
              columns={[
                {
                  header: "Date",
                  rowHeader: true,
                  cell: (p) => (
                    <>
                      <Link href={`/procedures/${p.id}`}>{displayDate(p.procedureDate)}</Link>
                      {p.priorTreatmentFlag && <span className="badge warn">Exclusion flagged</span>}
                    </>
                  ),
                },
                { header: "Levels", cell: (p) => levelsText(p.levels) },
                { header: "Physician", cell: (p) => p.physicianName },
                { header: "Complications", num: true, cell: (p) => p.complicationCount },
              ]}
              rows={procedures}
              rowKey={(p) => p.id}
            />
          )}
        </Panel>
      </div>

      <Panel id="patient-scores" title="Scores over time">
        <p className="muted small">
          Days since {several ? "each" : "the"} procedure; the dashed line is the baseline value{several ? " of that procedure" : ""}.
        </p>
        <ScoreCharts charts={charts} />
      </Panel>

      <Panel id="patient-assessments" title="Assessments">
        <AssessmentsTable
          showProcedure={several}
          rows={followUp.assessments.map((a) => ({ ...a, procedureLabel: procedureLabel.get(a.procedureId), editable: ownProcedure.has(a.procedureId) }))}
        />
      </Panel>

      <Panel id="patient-complications" title="Complications">
        <ComplicationsTable
          showProcedure={several}
          rows={followUp.complications.map((c) => ({ ...c, procedureLabel: procedureLabel.get(c.procedureId), editable: ownProcedure.has(c.procedureId) }))}
        />
      </Panel>

      <Panel id="patient-history" title="History">
        <p className="muted small">Every change to this patient and to their procedures, assessments and complications, newest first.</p>
        <HistoryList entries={history} siteNames={Object.fromEntries(sites.map((s) => [s.id, s.name]))} />
      </Panel>
    </>
  );
}
