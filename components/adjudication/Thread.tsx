import { ROLE_LABELS } from "@/lib/labels";
import { displayTimestamp } from "@/components/records/format";
import type { ThreadNote } from "@/lib/dal/records/adjudication";

const KIND_LABELS: Record<ThreadNote["kind"], string> = { question: "Asked for information", answer: "Answered", decision: "Decided" };

/** The adjudication conversation in order: questions, answers and the reasons given with each decision. */
export function Thread({ notes, emptyText = "No messages yet." }: { notes: ThreadNote[]; emptyText?: string }) {
  if (notes.length === 0) return <p className="muted small">{emptyText}</p>;
  return (
    <ol className="adj-thread">
      {notes.map((n) => (
        <li key={n.id} className={`adj-note adj-note-${n.kind}`}>
          <p className="adj-note-head small">
            <strong>{n.authorName}</strong> <span className="muted">({ROLE_LABELS[n.authorRole]})</span> · {KIND_LABELS[n.kind]} ·{" "}
            <time dateTime={n.at}>{displayTimestamp(n.at)}</time>
          </p>
          <p className="adj-note-body">{n.body}</p>
        </li>
      ))}
    </ol>
  );
}
