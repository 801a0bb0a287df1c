import Link from "next/link";
import { formatCount } from "@/components/outcomes/format";
import { outcomeFiltersToParams, outcomeViewToParams, type OutcomeFilters, type OutcomeView } from "@/lib/outcomes/outcomeFilters";

/**
 * Says whether the figures count the assessments kept outside their timepoint's window, how many there are, and
 * links to the same view with the other choice (the `outOfWindow` filter).
 */
export function OutOfWindowNotice({
  outOfWindow,
  filters,
  view,
  path,
}: {
  outOfWindow: { count: number; included: boolean };
  filters: OutcomeFilters;
  view: OutcomeView;
  path: "/outcomes" | "/quality";
}) {
  if (outOfWindow.count === 0) return null;
  const other = outOfWindow.included ? "exclude" : "include";
  const params = outcomeFiltersToParams({ ...filters, outOfWindow: other });
  for (const [k, v] of outcomeViewToParams(view)) params.set(k, v);
  const query = params.toString();
  const n = formatCount(outOfWindow.count);
  const noun = outOfWindow.count === 1 ? "out-of-window assessment" : "out-of-window assessments";
  return (
    <p className="out-of-window-notice" role="status">
      {n} {noun} {outOfWindow.included ? "included" : "excluded"} —{" "}
      <Link href={query ? `${path}?${query}` : path}>{outOfWindow.included ? "exclude them" : "include them"}</Link>
      <span className="muted small"> (dated outside their timepoint&apos;s window and kept with a reason; listed on the data-quality page)</span>
    </p>
  );
}
