/** The view in words, for the report header and the lines under the figures. */
import { DIAGNOSIS_LABELS, RISK_FACTOR_LABELS } from "@/lib/labels";
import { displayDate } from "@/lib/outcomes/dates";
import type { OutcomeFilters } from "@/lib/outcomes/outcomeFilters";

export function describeFilters(f: OutcomeFilters, names: { physician?: string; site?: string }): string {
  const parts: string[] = [];
  parts.push(names.physician ?? "All physicians");
  parts.push(names.site ?? "all sites");
  if (f.from && f.to) parts.push(`procedures ${displayDate(f.from)} – ${displayDate(f.to)}`);
  else if (f.from) parts.push(`procedures from ${displayDate(f.from)}`);
  else if (f.to) parts.push(`procedures up to ${displayDate(f.to)}`);
  else parts.push("all dates");
  if (f.diagnosis) parts.push(`diagnosis: ${DIAGNOSIS_LABELS[f.diagnosis].toLowerCase()}`);
  if (f.riskFactor) parts.push(`patients with ${RISK_FACTOR_LABELS[f.riskFactor].toLowerCase()}`);
  parts.push(
    f.flag === "include"
      ? "prior-treatment flagged cases included"
      : f.flag === "exclude"
        ? "prior-treatment flagged cases excluded"
        : "only prior-treatment flagged cases",
  );
  if (f.levels?.length) parts.push(`levels ${f.levels.join(" or ")}`);
  parts.push(f.outOfWindow === "include" ? "out-of-window assessments included" : "out-of-window assessments excluded");
  return parts.join(" · ");
}
