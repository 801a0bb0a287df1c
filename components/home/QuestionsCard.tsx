import Link from "next/link";
import { Panel } from "@/components/layout/Panel";
import { displayTimestamp } from "@/components/records/format";
import { COMPLICATION_TYPE_LABELS, labelOf } from "@/lib/labels";
import { displayDate } from "@/lib/outcomes/dates";

export type OpenQuestion = {
  complicationId: number;
  type: string;
  typeOther: string | null;
  onsetDate: string;
  procedureId: number;
  procedureDate: string;
  patientName: string;
  question: string | null;
  askedAt: string | null;
};

/**
 * The adjudicator's questions waiting for this physician's answer, first on the home page: each with its words
 * and a link straight to the answer box on the procedure page. A report waits in "needs information" (and out of
 * the confirmed figures) until it is answered.
 */
export function QuestionsCard({ questions }: { questions: OpenQuestion[] }) {
  return (
    <Panel id="questions-title" title={`Questions from the adjudicator (${questions.length})`} className="questions-card">
      <p className="muted small">A report waits, and is not confirmed, until you answer.</p>
      <ul className="question-list">
        {questions.map((q) => (
          <li key={q.complicationId}>
            <p className="question-head">
              <strong>{q.type === "other" && q.typeOther ? `Other: ${q.typeOther}` : labelOf(COMPLICATION_TYPE_LABELS, q.type)}</strong> · {q.patientName} ·
              procedure {displayDate(q.procedureDate)}, onset {displayDate(q.onsetDate)}
            </p>
            {q.question && (
              <blockquote className="question-text">
                {q.question}
                {q.askedAt && <span className="muted small"> — asked {displayTimestamp(q.askedAt)}</span>}
              </blockquote>
            )}
            <Link className="button primary small" href={`/procedures/${q.procedureId}#adjudication-${q.complicationId}`}>
              Answer this question
            </Link>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
