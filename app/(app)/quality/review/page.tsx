import { PageHeader } from "@/components/layout/PageHeader";
import { tableViewOf } from "@/lib/validation/listQuery";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReviewFilterBar } from "@/components/adjudication/ReviewFilterBar";
import { ReviewQueueTable } from "@/components/adjudication/ReviewQueueTable";
import { ADJUDICATION_LABELS } from "@/lib/labels";
import { canAdjudicate } from "@/lib/dal/records/adjudication";
import { listReviewQueue, reviewPhysicianOptions, reviewStatusCounts } from "@/lib/dal/records/reviewQueue";
import { parseReviewQueueQuery } from "@/lib/validation/adjudication";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePrincipal();
  // Other roles get the same 404 as a page that does not exist.
  if (!canAdjudicate(me)) notFound();
  const query = parseReviewQueueQuery(await searchParams);
  const [{ rows, total }, counts, physicians] = await Promise.all([listReviewQueue(me, query), reviewStatusCounts(me), reviewPhysicianOptions(me)]);
  const open = counts.pending + counts.needs_info;
  return (
    <>
      <PageHeader title="Review queue">
        Reported complications to adjudicate: confirm, reject as not a complication, or ask the physician for information. Oldest reports first.
      </PageHeader>
      <section className="panel" aria-label="Reports by status">
        <ul className="adj-counts">
          <li>
            <Link href="/quality/review?status=open">
              <strong>{open.toLocaleString("en-GB")}</strong> open
            </Link>
          </li>
          {(["pending", "needs_info", "confirmed", "rejected"] as const).map((s) => (
            <li key={s}>
              <Link href={`/quality/review?status=${s}`}>
                <strong>{counts[s].toLocaleString("en-GB")}</strong> {ADJUDICATION_LABELS[s].toLowerCase()}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <ReviewFilterBar query={query} physicians={physicians} />
      </section>
      <section className="panel">
        <ReviewQueueTable rows={rows} total={total} view={tableViewOf(query)} />
      </section>
    </>
  );
}
