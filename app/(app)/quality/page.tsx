import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CardSkeleton } from "@/components/outcomes/CardSkeleton";
import { OutcomeFilterBar } from "@/components/outcomes/OutcomeFilterBar";
import { PrintButton } from "@/components/outcomes/PrintButton";
import { ViewHeader } from "@/components/outcomes/ViewHeader";
import { canSeeAllPhysicians } from "@/lib/dal/principal";
import { outcomeFilterOptions } from "@/lib/dal/outcomes";
import { requirePrincipal } from "@/lib/dal/session";
import { parseOutcomeFiltersLenient, parseOutcomeView } from "@/lib/outcomes/outcomeFilters";
import { CusumCard } from "./components/CusumCard";
import { FunnelCard } from "./components/FunnelCard";
import { ReviewCard } from "./components/ReviewCard";

export const metadata: Metadata = { title: "Quality" };

export default async function QualityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePrincipal();
  // Quality officers and admins only; for anyone else the page does not exist (the DAL refuses it too).
  if (!canSeeAllPhysicians(me)) notFound();
  const params = await searchParams;
  const { filters: parsed, ignored } = parseOutcomeFiltersLenient(params);
  // The quality view compares every physician; a physician filter does not apply here.
  const filters = { ...parsed, physician: undefined };
  const view = parseOutcomeView(params);
  const options = await outcomeFilterOptions(me);
  const key = JSON.stringify({ filters, view });
  const card = { me, filters, view };
  return (
    <div className="outcomes-page quality-page">
      <header className="page-header with-actions">
        <div>
          <h1>Quality</h1>
          <p className="muted">Who is outside the funnel limits, whose CUSUM signalled, what awaits adjudication</p>
        </div>
        <div className="actions">
          <PrintButton />
        </div>
      </header>
      <section className="panel no-print filter-panel">
        <OutcomeFilterBar
          action="/quality"
          mode="quality"
          filters={filters}
          view={view}
          sites={options.sites}
          physicians={options.physicians}
          focusIsOnePhysician={false}
        />
        {Object.keys(ignored).length > 0 && (
          <p className="form-error small" role="status">
            Ignored in the address:{" "}
            {Object.entries(ignored)
              .map(([k, m]) => `${k} (${m.join("; ")})`)
              .join(", ")}
            . Defaults were used instead.
          </p>
        )}
      </section>
      <ViewHeader filters={filters} siteName={options.sites.find((s) => s.id === filters.site)?.name} showRelief={false} extra={[]} />
      <div className="outcome-sections">
        <Suspense key={`f${key}`} fallback={<CardSkeleton title="Complication rates by physician: funnel plot" height={400} />}>
          <FunnelCard {...card} />
        </Suspense>
        <Suspense key={`c${key}`} fallback={<CardSkeleton title="Bernoulli CUSUM" height={320} />}>
          <CusumCard {...card} />
        </Suspense>
        <Suspense key={`r${key}`} fallback={<CardSkeleton title="Complications to review" height={200} />}>
          <ReviewCard {...card} />
        </Suspense>
      </div>
    </div>
  );
}
