/**
 * The plain verdict on a complication rate against the published "< 0.1 %" (domain brief), from the exact
 * statistics in lib/stats:
 *   "above"         the one-sided exact test of "rate > 0.1 %" gives p < 0.05;
 *   "shown-below"   the one-sided exact 95 % upper bound is below 0.1 %;
 *   "not-yet-shown" neither: consistent with < 0.1 %, and about N more event-free procedures would show it,
 *                   N = proceduresNeeded(events, 0.001, 95 %).n − n.
 */
import { binomOneSided, clopperPearson, proceduresNeeded } from "@/lib/stats";
import { formatCount, percentNumber } from "@/lib/format/numbers";

export const TARGET_RATE = 0.001;
export const VERDICT_ALPHA = 0.05;

export type Verdict = "shown-below" | "not-yet-shown" | "above";

export type ComplicationRateSummary = {
  /** Procedures with at least one qualifying complication. */
  events: number;
  procedures: number;
  /** null when there are no procedures. */
  rate: number | null;
  /** Clopper–Pearson 95 %; null when there are no procedures. */
  ciLower: number | null;
  ciUpper: number | null;
  /** One-sided exact 95 % upper bound (1 when there are no procedures: nothing is known). */
  upperBound95: number;
  /** Exact one-sided p-value for "rate > target". */
  pValueAboveTarget: number;
  target: number;
  verdict: Verdict;
  /** Additional event-free procedures after which the upper bound would fall below the target; null unless "not-yet-shown". */
  moreProceduresNeeded: number | null;
};

export function complicationRateSummary(events: number, procedures: number, target = TARGET_RATE): ComplicationRateSummary {
  const needed = () => proceduresNeeded({ events, p0: target, confLevel: 0.95 }).n;
  if (procedures === 0) {
    return {
      events: 0,
      procedures: 0,
      rate: null,
      ciLower: null,
      ciUpper: null,
      upperBound95: 1,
      pValueAboveTarget: 1,
      target,
      verdict: "not-yet-shown",
      moreProceduresNeeded: needed(),
    };
  }
  const ci = clopperPearson({ events, n: procedures, confLevel: 0.95 });
  const above = binomOneSided({ events, n: procedures, p0: target, alternative: "greater", confLevel: 0.95 });
  const below = binomOneSided({ events, n: procedures, p0: target, alternative: "less", confLevel: 0.95 });
  let verdict: Verdict;
  let more: number | null = null;
  if (above.pValue < VERDICT_ALPHA) verdict = "above";
  else if (below.upperBound < target) verdict = "shown-below";
  else {
    verdict = "not-yet-shown";
    // proceduresNeeded uses the very bound binomOneSided reports, so this is positive whenever the bound is ≥ target.
    more = Math.max(1, needed() - procedures);
  }
  return {
    events,
    procedures,
    rate: ci.estimate,
    ciLower: ci.lower,
    ciUpper: ci.upper,
    upperBound95: below.upperBound,
    pValueAboveTarget: above.pValue,
    target,
    verdict,
    moreProceduresNeeded: more,
  };
}

/** p-values as people read them: three significant digits, "< 0.0001" below that. */
export function formatPValue(p: number): string {
  if (p < 0.0001) return "< 0.0001";
  if (p >= 0.995) return p >= 1 ? "1" : p.toFixed(3);
  // Three significant digits below 0.1, so 0.0496 never reads as "0.050" beside the verdict "above".
  return p < 0.1 ? p.toPrecision(3) : p.toFixed(2);
}

/** "p = 0.0396", or "p < 0.0001" (never "p = < 0.0001"). */
export function pEquals(p: number): string {
  const text = formatPValue(p);
  return text.startsWith("<") ? `p ${text}` : `p = ${text}`;
}

/** The verdict in the words of the domain brief. */
export function verdictText(s: Pick<ComplicationRateSummary, "verdict" | "moreProceduresNeeded" | "pValueAboveTarget" | "target">): string {
  const target = `${percentNumber(s.target)} %`;
  if (s.verdict === "shown-below") return `shown to be below ${target}`;
  if (s.verdict === "above") return `above ${target} (${pEquals(s.pValueAboveTarget)})`;
  return `consistent with < ${target} but not yet shown — about ${formatCount(s.moreProceduresNeeded ?? 0)} more event-free procedures needed`;
}

/**
 * What it takes to show < target at 95 %, in words fitted to the events seen: the rule of three only when
 * there are none (the one-sided upper bound with 0 events is about 3/n), else the total number of procedures
 * at which these events would leave the exact bound below the target (proceduresNeeded), and how many more
 * event-free procedures that is from here.
 */
export function whatItTakesText(s: Pick<ComplicationRateSummary, "events" | "procedures" | "target">): string {
  const target = `${percentNumber(s.target)} %`;
  const inAll = proceduresNeeded({ events: s.events, p0: s.target, confLevel: 0.95 }).n;
  if (s.events === 0) {
    return `With 0 events the upper bound is about 3/n: showing a rate below ${target} takes ${formatCount(inAll)} event-free procedures${
      s.procedures > 0 ? ` (${formatCount(Math.max(0, inAll - s.procedures))} more than these ${formatCount(s.procedures)})` : ""
    }.`;
  }
  const more = inAll - s.procedures;
  const events = `${formatCount(s.events)} ${s.events === 1 ? "event" : "events"}`;
  return more > 0
    ? `With ${events}, showing a rate below ${target} takes ${formatCount(inAll)} procedures in all with no further event: ${formatCount(more)} more than these ${formatCount(s.procedures)}.`
    : `With ${events} in ${formatCount(s.procedures)} procedures, the exact upper bound is already below ${target} at ${formatCount(inAll)} procedures or more.`;
}
