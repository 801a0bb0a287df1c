import "server-only";
import Link from "next/link";
import { ADJUDICATION_LABELS, COMPLICATION_TYPE_LABELS, RELATEDNESS_LABELS, labelOf, romanGrade } from "@/lib/labels";
import { displayTimestamp } from "@/components/records/format";
import { canAdjudicate, getAdjudicationView } from "@/lib/dal/records/adjudication";
import { ADJUDICATION_TEXT_MAX_LENGTH } from "@/lib/validation/adjudication";
import type { Principal } from "@/lib/dal/principal";
import { displayDate } from "@/lib/outcomes/dates";
import { answerInformationRequestAction } from "./answerAction";
import { AnswerForm } from "@/components/adjudication/AnswerForm";
import { Thread } from "@/components/adjudication/Thread";

/**
 * The adjudication of one reported complication, as the procedure's readers see it: the status, the quality
 * officer's reason, the final grade and relatedness beside the reporter's originals, the thread, and — for the
 * physician who performed the procedure, while information is requested — the form to answer.
 */
export async function AdjudicationPanel({ complicationId, principal }: { complicationId: number; principal: Principal }) {
  const { complication: c, thread, canAnswer, adjudicatorName } = await getAdjudicationView(principal, complicationId);
  const typeLabel = c.type === "other" && c.typeOther ? `Other: ${c.typeOther}` : COMPLICATION_TYPE_LABELS[c.type];
  const headingId = `adjudication-${c.id}`;
  const decided = c.adjudicationStatus === "confirmed" || c.adjudicationStatus === "rejected";
  return (
    <section className={`adj-panel adj-panel-${c.adjudicationStatus}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="adj-panel-title">
        {typeLabel} <span className="muted small">· onset {displayDate(c.onsetDate)}</span>
      </h3>
      <p className="adj-status">
        <span className={`adjudication adjudication-${c.adjudicationStatus}`}>{ADJUDICATION_LABELS[c.adjudicationStatus]}</span>
        {c.adjudicatedAt && adjudicatorName && (
          <span className="muted small">
            {" "}
            · {c.adjudicationStatus === "needs_info" ? "asked" : c.adjudicationStatus === "pending" ? "last reviewed" : "decided"} by {adjudicatorName},{" "}
            {displayTimestamp(c.adjudicatedAt)}
          </span>
        )}
      </p>
      <dl className="facts compact">
        <div>
          <dt>Grade as reported</dt>
          <dd>{romanGrade(c.grade)}</dd>
        </div>
        <div>
          <dt>Relatedness as reported</dt>
          <dd>{labelOf(RELATEDNESS_LABELS, c.relatedness)}</dd>
        </div>
        {decided && (
          <>
            <div>
              <dt>Final grade</dt>
              <dd>{c.adjudicationStatus === "rejected" ? "— (not a complication)" : romanGrade(c.finalGrade)}</dd>
            </div>
            <div>
              <dt>Final relatedness</dt>
              <dd>{c.adjudicationStatus === "rejected" ? "—" : labelOf(RELATEDNESS_LABELS, c.finalRelatedness)}</dd>
            </div>
          </>
        )}
      </dl>
      {c.adjudicationNote && thread.length === 0 && (
        <p className="adj-reason">
          <span className="muted small">Quality officer&apos;s note: </span>
          {c.adjudicationNote}
        </p>
      )}
      {thread.length > 0 && (
        <details className="adj-thread-details" open={c.adjudicationStatus === "needs_info" || undefined}>
          <summary>Conversation ({thread.length})</summary>
          <Thread notes={thread} />
        </details>
      )}
      {c.adjudicationStatus === "pending" && thread.at(-1)?.kind === "answer" && (
        <p className="adj-success small" role="status">
          Answer sent {displayTimestamp(thread.at(-1)!.at)}; the report is back with the quality officer for a decision.
        </p>
      )}
      {canAdjudicate(principal) && (
        <p className="small">
          <Link href={`/quality/review/${c.id}`}>Review this report</Link>
        </p>
      )}
      {canAnswer && <AnswerForm action={answerInformationRequestAction.bind(null, c.id)} maxLength={ADJUDICATION_TEXT_MAX_LENGTH} />}
    </section>
  );
}
