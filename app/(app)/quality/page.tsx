import { ReportCards, type ReportCard } from "@/components/outcomes/ReportCards";
import { ReportTop } from "@/components/outcomes/ReportTop";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ViewHeader } from "@/components/outcomes/ViewHeader";
import { canSeeAllPhysicians } from "@/lib/dal/principal";
import { outcomeFilterOptions } from "@/lib/dal/outcomes/dashboard";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { parseOutcomeFiltersLenient, parseOutcomeView } from "@/lib/outcomes/outcomeFilters";
import { CusumCard } from "./components/CusumCard";
import { FunnelCard } from "./components/FunnelCard";
import { AdjustedCard } from "./components/AdjustedCard";
import { ReviewCard } from "./components/ReviewCard";
import { ReportCardsCard } from "./components/ReportCardsCard";

export const metadata: Metadata = { title: "Quality" };

const QUALITY_CARDS: ReportCard[] = [
  { id: "f", title: "Complication rates by physician: funnel plot", height: 400, Card: FunnelCard },
  { id: "a", title: "Risk-adjusted comparison", height: 420, Card: AdjustedCard },
  { id: "c", title: "Bernoulli CUSUM", height: 320, Card: CusumCard },
  { id: "r", title: "Complications to review", height: 200, Card: ReviewCard },
  { id: "p", title: "Report cards", height: 240, Card: ReportCardsCard },
];

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
  const card = { me, filters, view };
  return (
    <div className="outcomes-page quality-page">
      <ReportTop
        title="Quality"
        subtitle="Who is outside the funnel limits, whose CUSUM signalled, what awaits adjudication"
        ignored={ignored}
        filterBar={{ action: "/quality", mode: "quality", filters, view, sites: options.sites, physicians: options.physicians, focusIsOnePhysician: false }}
      />
      <ViewHeader filters={filters} siteName={options.sites.find((s) => s.id === filters.site)?.name} showRelief={false} extra={[]} />
      <ReportCards card={card} cards={QUALITY_CARDS} />
    </div>
  );
}
