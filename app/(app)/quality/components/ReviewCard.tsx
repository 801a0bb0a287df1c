import Link from "next/link";
import { SimpleTable } from "@/components/table/SimpleTable";
import { COMPLICATION_TYPE_LABELS, RELATEDNESS_LABELS, romanGrade } from "@/lib/labels";
import { formatCount } from "@/components/outcomes/format";
import { complicationsAwaitingReview } from "@/lib/dal/records/reviewQueue";
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
      <SimpleTable
        caption={total > items.length ? `The first ${formatCount(items.length)} of ${formatCount(total)}` : `${formatCount(total)} awaiting review`}
        columns={[
          {
            header: "Complication",
            rowHeader: true,
            cell: (c) => (
              <>
                {COMPLICATION_TYPE_LABELS[c.type as ComplicationType] ?? c.type}
                {c.serious && <span className="badge warn">serious</span>}
              </>
            ),
          },
          { header: "Grade", cell: (c) => romanGrade(c.grade) },
          { header: "Related to", cell: (c) => RELATEDNESS_LABELS[c.relatedness as RelatednessKind] },
          { header: "Onset", cell: (c) => displayDate(c.onsetDate) },
          { header: "Reported", cell: (c) => displayDate(c.reportedAt.slice(0, 10)) },
          { header: "Physician", cell: (c) => c.physicianName },
          { header: "Status", cell: (c) => (c.status === "pending" ? "Pending" : "Needs information") },
          { header: "Action", hiddenHeader: true, cell: (c) => <Link href={`/quality/review/${c.id}`}>Review</Link> },
        ]}
        rows={items}
        rowKey={(c) => c.id}
        empty="Nothing awaits review."
      />
    </section>
  );
}
