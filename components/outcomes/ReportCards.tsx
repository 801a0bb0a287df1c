import { Suspense, type ReactNode } from "react";
import { CardSkeleton } from "./CardSkeleton";
import type { CardProps } from "./cardProps";

/** One card of a report, with the title and height its skeleton shows while the card's figures are computed. */
export type ReportCard = { id: string; title: string; height: number; Card: (props: CardProps) => Promise<ReactNode> };

/**
 * A report's cards, each streamed in behind its skeleton. Each is keyed by the whole view, so changing a filter
 * shows its skeleton again instead of stale figures.
 */
export function ReportCards({ cards, card }: { cards: ReportCard[]; card: CardProps }) {
  const viewKey = JSON.stringify({ filters: card.filters, view: card.view });
  return (
    <div className="outcome-sections">
      {cards.map(({ id, title, height, Card }) => (
        <Suspense key={`${id}${viewKey}`} fallback={<CardSkeleton title={title} height={height} />}>
          <Card {...card} />
        </Suspense>
      ))}
    </div>
  );
}
