import { verdictText, type ComplicationRateSummary } from "@/lib/outcomes/verdict";

const MARK: Record<ComplicationRateSummary["verdict"], string> = { "shown-below": "✓", "not-yet-shown": "…", above: "!" };
const TITLE: Record<ComplicationRateSummary["verdict"], string> = { "shown-below": "Below 0.1 %", "not-yet-shown": "Not yet shown", above: "Above 0.1 %" };

/** The plain verdict against 0.1 %, carried by words and a mark as well as colour. */
export function VerdictBadge({
  summary,
  compact = false,
}: {
  summary: Pick<ComplicationRateSummary, "verdict" | "moreProceduresNeeded" | "pValueAboveTarget" | "target">;
  compact?: boolean;
}) {
  return (
    <span className={`verdict verdict-${summary.verdict}`}>
      <span className="verdict-mark" aria-hidden="true">
        {MARK[summary.verdict]}
      </span>
      {compact ? TITLE[summary.verdict] : <span>{verdictText(summary).replace(/^./, (c) => c.toUpperCase())}</span>}
    </span>
  );
}
