import { describeComplicationDefinition } from "@/lib/outcomes/complicationDefinition";
import type { OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { todayIso } from "@/lib/outcomes/dates";
import { reliefCriterion } from "@/lib/outcomes/relief";
import { describeFilters } from "./describe";

/**
 * The view in words: which procedures, which complication definition, which relief criterion. On screen it
 * sits under the filters; printed, it is the report's header.
 */
export function ViewHeader({
  filters,
  physicianName,
  siteName,
  extra = [],
  showRelief = true,
}: {
  filters: OutcomeFilters;
  physicianName?: string;
  siteName?: string;
  extra?: string[];
  showRelief?: boolean;
}) {
  return (
    <section className="view-header" aria-label="This view">
      <p>
        <strong>Procedures:</strong> {describeFilters(filters, { physician: physicianName, site: siteName })}
      </p>
      <p>
        <strong>Complications:</strong> {describeComplicationDefinition(filters.definition)}
      </p>
      {showRelief && (
        <p>
          <strong>Relief:</strong> {reliefCriterion(filters.reliefCriterion).description}
          {extra.length > 0 && <> · {extra.join(" · ")}</>}
        </p>
      )}
      <p className="print-only small">Printed {todayIso()} from MILD Outcomes. Exact (Clopper–Pearson) 95 % CIs throughout.</p>
    </section>
  );
}
