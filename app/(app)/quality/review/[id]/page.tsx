import { Panel } from "@/components/layout/Panel";
import { Facts } from "@/components/records/Facts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionForm } from "@/components/adjudication/DecisionForm";
import { Thread } from "@/components/adjudication/Thread";
import { dash, displayTimestamp, levelsText } from "@/components/records/format";
import {
  ADJUDICATION_LABELS,
  COMPLICATION_OUTCOME_LABELS,
  COMPLICATION_TYPE_LABELS,
  RELATEDNESS_LABELS,
  SEX_LABELS,
  SIDE_LABELS,
  labelOf,
  romanGrade,
} from "@/lib/labels";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { canAdjudicate, getReviewItem } from "@/lib/dal/records/adjudication";
import { ADJUDICATION_TEXT_MAX_LENGTH } from "@/lib/validation/adjudication";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { ageInYears, daysBetween, displayDate } from "@/lib/outcomes/dates";
import { adjudicateAction } from "../actions";

export const metadata: Metadata = { title: "Review a complication" };

const DECIDED_MESSAGES: Record<string, string> = {
  confirm: "Decision recorded: confirmed.",
  reject: "Decision recorded: not a complication.",
  needs_info: "Your question was sent to the physician; the report waits for the answer.",
};

export default async function ReviewItemPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ decided?: string }> }) {
  const me = await requirePrincipal();
  if (!canAdjudicate(me)) notFound();
  const id = recordIdFrom((await params).id);
  const { complication: c, context: p, otherReports, thread, reporterName, adjudicatorName } = await orNotFound(getReviewItem(me, id));
  const decided = (await searchParams).decided;
  const typeLabel = c.type === "other" && c.typeOther ? `Other: ${c.typeOther}` : COMPLICATION_TYPE_LABELS[c.type];
  const initialValues = {
    decision: "",
    finalGrade: c.adjudicationStatus === "confirmed" && c.finalGrade !== null ? String(c.finalGrade) : "",
    finalRelatedness: c.adjudicationStatus === "confirmed" && c.finalRelatedness ? c.finalRelatedness : "",
    reason: "",
  };

  return (
    <>
      <header className="page-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/quality/review">Review queue</Link> / report {c.id}
        </nav>
        <h1>
          {typeLabel} <span className="muted">· reported {displayDate(c.reportedAt.slice(0, 10))}</span>
        </h1>
        <p className="muted">
          <span className={`adjudication adjudication-${c.adjudicationStatus}`}>{ADJUDICATION_LABELS[c.adjudicationStatus]}</span>
          {c.adjudicatedAt && adjudicatorName && ` · last decision by ${adjudicatorName}, ${displayTimestamp(c.adjudicatedAt)}`}
        </p>
      </header>

      {decided && DECIDED_MESSAGES[decided] && (
        <p className="adj-success" role="status">
          {DECIDED_MESSAGES[decided]} <Link href="/quality/review">Back to the queue</Link>
        </p>
      )}

      <div className="record-grid">
        <Panel id="report-title" title="The report as filed">
          <p className="muted small">The reporter&apos;s values stay as reported; your decision sets the final grade and relatedness beside them.</p>
          <Facts
            facts={[
              ["Type", typeLabel],
              [
                "Onset",
                <>
                  {displayDate(c.onsetDate)} <span className="muted small">(day {daysBetween(p.procedureDate, c.onsetDate)})</span>
                </>,
              ],
              ["Serious", c.serious ? "Yes" : "No"],
              ["Grade (reported)", romanGrade(c.grade)],
              ["Relatedness (reported)", labelOf(RELATEDNESS_LABELS, c.relatedness)],
              ["Outcome", COMPLICATION_OUTCOME_LABELS[c.outcome]],
              ["Treatment", c.treatment ?? dash],
              [
                "Reported by",
                <>
                  {reporterName ?? dash} <span className="muted small">{displayTimestamp(c.reportedAt)}</span>
                </>,
              ],
              ["Final grade", c.adjudicationStatus === "confirmed" ? romanGrade(c.finalGrade) : dash],
              ["Final relatedness", c.adjudicationStatus === "confirmed" ? labelOf(RELATEDNESS_LABELS, c.finalRelatedness) : dash],
            ]}
          />
        </Panel>

        <Panel id="context-title" title="Procedure and patient">
          <Facts
            facts={[
              [
                "Procedure",
                <>
                  <Link href={`/procedures/${p.procedureId}`}>MILD {displayDate(p.procedureDate)}</Link>
                </>,
              ],
              [
                "Levels",
                <>
                  {levelsText(p.levels)} · {SIDE_LABELS[p.side]}
                </>,
              ],
              ["Physician", p.physicianName],
              ["Site", p.siteName],
              [
                "Patient",
                <>
                  <Link href={`/patients/${p.patientId}`}>{p.patientName}</Link> <span className="muted small">{p.mrn}</span>
                </>,
              ],
              [
                "Age, sex",
                <>
                  {ageInYears(p.dateOfBirth, p.procedureDate)} years · {SEX_LABELS[p.sex]}
                </>,
              ],
            ]}
          />
          {p.priorTreatmentFlag && <p className="badge warn">Exclusion flagged: lumbar treatment within 12 months before</p>}
          {otherReports.length > 0 && (
            <>
              <h3 className="facts-heading">Other reports on this procedure</h3>
              <ul className="adj-other-reports">
                {otherReports.map((o) => (
                  <li key={o.id}>
                    <Link href={`/quality/review/${o.id}`}>{COMPLICATION_TYPE_LABELS[o.type]}</Link>, onset {displayDate(o.onsetDate)} ·{" "}
                    <span className={`adjudication adjudication-${o.status}`}>{ADJUDICATION_LABELS[o.status]}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Panel>
      </div>

      <Panel id="thread-title" title="Conversation">
        {c.adjudicationNote && thread.length === 0 && (
          <p className="adj-reason">
            <span className="muted small">Earlier note (before the conversation was kept): </span>
            {c.adjudicationNote}
          </p>
        )}
        <Thread notes={thread} emptyText="No decisions or questions yet." />
        <p className="small">
          <Link href={`/audit?entity=complication&entityId=${c.id}`}>This report in the audit log</Link>
        </p>
      </Panel>

      <Panel
        id="decision-title"
        title={<>{c.adjudicationStatus === "confirmed" || c.adjudicationStatus === "rejected" ? "Change the decision" : "Decide"}</>}
        className="form-panel"
      >
        <DecisionForm action={adjudicateAction.bind(null, c.id)} initialValues={initialValues} maxReason={ADJUDICATION_TEXT_MAX_LENGTH} />
      </Panel>
    </>
  );
}
