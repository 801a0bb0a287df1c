import Link from "next/link";
import { COMPLICATION_TYPE_LABELS, RELATEDNESS_LABELS, romanGrade } from "@/lib/labels";
import { formatCount } from "@/components/outcomes/format";
import { complicationsAwaitingReview } from "@/lib/dal/outcomes/quality";
import type { RelatednessKind } from "@/lib/outcomes/complicationDefinition";
import { displayDate } from "@/lib/outcomes/dates";
import type { ComplicationType } from "@/db/enums";
import type { CardProps } from "@/components/outcomes/cardProps";

export async function ReviewCard({ me, filters }: CardProps) {
  const { total, items } = await complicationsAwaitingReview(me, filters);
  return (
    <section className="panel outcome-section" aria-labelledby="review-title">
      <h2 id="review-title">Complications to review ({formatCount(total)})</h2>
      <p className="muted small">
        Reports pending adjudication or waiting for more information, serious first, then the oldest report. Every report is listed, whatever the complication
        definition.
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <caption>
            {total > items.length ? `The first ${formatCount(items.length)} of ${formatCount(total)}` : `${formatCount(total)} awaiting review`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Complication</th>
              <th scope="col">Grade</th>
              <th scope="col">Related to</th>
              <th scope="col">Onset</th>
              <th scope="col">Reported</th>
              <th scope="col">Physician</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={8} className="empty">
                  Nothing awaits review.
                </td>
              </tr>
            ) : (
              items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {COMPLICATION_TYPE_LABELS[c.type as ComplicationType] ?? c.type}
                    {c.serious && <span className="badge warn">serious</span>}
                  </th>
                  <td>{romanGrade(c.grade)}</td>
                  <td>{RELATEDNESS_LABELS[c.relatedness as RelatednessKind]}</td>
                  <td>{displayDate(c.onsetDate)}</td>
                  <td>{displayDate(c.reportedAt.slice(0, 10))}</td>
                  <td>{c.physicianName}</td>
                  <td>{c.status === "pending" ? "Pending" : "Needs information"}</td>
                  <td>
                    <Link href={`/quality/review/${c.id}`}>Review</Link>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
