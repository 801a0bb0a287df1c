import { ReportCards, type ReportCard } from "@/components/outcomes/ReportCards";
import { ReportTop } from "@/components/outcomes/ReportTop";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CardSkeleton } from "@/components/outcomes/CardSkeleton";
import { ViewHeader } from "@/components/outcomes/ViewHeader";
import { NotFoundError } from "@/lib/dal/errors";
import { focusPhysician, outcomeFilterOptions } from "@/lib/dal/outcomes/dashboard";
import { assertOutcomeAccess } from "@/lib/dal/outcomes/cohort";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { mcidPreset } from "@/lib/outcomes/mcid";
import { parseOutcomeFiltersLenient, parseOutcomeView } from "@/lib/outcomes/outcomeFilters";
import { ComplicationCard } from "./cards/ComplicationCard";
import { DurabilityCard } from "./cards/DurabilityCard";
import { HeadlineCards } from "./cards/HeadlineCards";
import { PoolCard } from "./cards/PoolCard";
import { AdjustedRowCard } from "./cards/AdjustedRowCard";
import { ReliefCard } from "./cards/ReliefCard";
import { ResponseRatesCard } from "./cards/ResponseRatesCard";
import { TrajectoryCard } from "./cards/TrajectoryCard";
import { ReportCardLink } from "@/components/reports/ReportCardLink";
import { defaultReportPeriods } from "@/lib/dal/reports/physicianReport";
import { reportCardHref } from "@/lib/reports/reportHref";

export const metadata: Metadata = { title: "Outcomes" };

const OUTCOME_CARDS: ReportCard[] = [
  { id: "r", title: "Time to symptom relief", height: 360, Card: ReliefCard },
  { id: "c", title: "Complications against the published < 0.1 %", height: 220, Card: ComplicationCard },
  { id: "t", title: "Scores over time", height: 480, Card: TrajectoryCard },
  { id: "d", title: "Free of subsequent surgery", height: 420, Card: DurabilityCard },
  { id: "i", title: "Patients answering from a link: response rates", height: 300, Card: ResponseRatesCard },
];

const POOL_CARD: ReportCard = { id: "p", title: "My results vs the practice", height: 240, Card: PoolCard };
const ADJUSTED_CARD: ReportCard = { id: "a", title: "Adjusted for case mix: observed against expected", height: 260, Card: AdjustedRowCard };

export default async function OutcomesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePrincipal();
  const params = await searchParams;
  const { filters, ignored } = parseOutcomeFiltersLenient(params);
  const view = parseOutcomeView(params);
  // Before anything streams, so the answer is a real 404: a physician asking for another physician's
  // outcomes learns nothing, not even whether that physician exists.
  try {
    await assertOutcomeAccess(me, filters);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const options = await outcomeFilterOptions(me);
  const focus = focusPhysician(me, filters);
  const physicianName = filters.physician !== undefined ? options.physicians.find((p) => p.id === filters.physician)?.name : undefined;
  const title = me.role === "physician" ? "My outcomes" : physicianName ? `Outcomes: ${physicianName}` : "Outcomes: everyone";
  const subtitle =
    me.role === "physician"
      ? "The procedures you performed, with the uncertainty shown"
      : physicianName
        ? "One physician's procedures, beside the rest of the practice"
        : "Every physician's procedures, pooled";
  if (view.compare === "pool" && focus === null) view.compare = "none";
  // Each card is keyed by the whole view, so changing a filter shows its skeleton again instead of stale figures.
  const key = JSON.stringify({ filters, view });
  const card = { me, filters, view };
  // The report card of the physician in view (one's own for a physician), with these filters and a period.
  const reportHref = focus !== null ? reportCardHref(filters, view, focus, (await defaultReportPeriods())(focus)) : null;

  return (
    <div className="outcomes-page">
      <ReportTop
        title={title}
        subtitle={subtitle}
        ignored={ignored}
        filterBar={{
          action: "/outcomes",
          mode: "outcomes",
          filters,
          view,
          sites: options.sites,
          physicians: options.physicians,
          focusIsOnePhysician: focus !== null,
        }}
      />

      <ViewHeader
        filters={filters}
        physicianName={me.role === "physician" ? me.name : physicianName}
        siteName={options.sites.find((s) => s.id === filters.site)?.name}
        extra={[`Responder rule: ${mcidPreset(view.mcid).label}`]}
      />
      {reportHref && (
        <p className="report-card-actions">
          <ReportCardLink href={reportHref} label="Report card (PDF)" />
        </p>
      )}

      <Suspense key={`h${key}`} fallback={<CardSkeleton cards={5} />}>
        <HeadlineCards {...card} />
      </Suspense>
      <ReportCards card={card} cards={focus !== null ? [...OUTCOME_CARDS, POOL_CARD, ADJUSTED_CARD] : OUTCOME_CARDS} />
    </div>
  );
}
