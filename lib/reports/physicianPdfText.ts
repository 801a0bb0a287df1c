import { formatCount, formatRateWithCi } from "@/lib/format/numbers";
import { displayDate } from "@/lib/outcomes/dates";
import type { HeadlineSummary } from "@/lib/outcomes/outcomeSummary";
import { pEquals } from "@/lib/outcomes/verdict";
import type { PhysicianReport } from "@/lib/dal/reports/physicianReport";

/** The report card's figures in words (the dashboard's formatters), one function a line of the summary table. */

export const ci = (lower: number | null, upper: number | null, unit = "") =>
  lower === null || upper === null ? "CI not estimable" : `95 % CI ${lower.toFixed(2)} to ${upper.toFixed(2)}${unit}`;

/** `12 / 40 (30 %, 95 % CI 17–47 %)`, or what stands in for it with no denominator. */
function rateText(events: number, n: number, rate: { estimate: number; lower: number; upper: number } | null): string {
  return rate ? formatRateWithCi(events, n, rate) : `${formatCount(events)} / ${formatCount(n)} (no procedures)`;
}

export function medianText(r: HeadlineSummary["relief"]): string {
  if (r.tooFew) return `too few to estimate (n = ${formatCount(r.n)})`;
  if (r.median === null) return `median not reached (n = ${formatCount(r.n)}, ${formatCount(r.events)} relieved)`;
  const lo = r.medianLower === null ? "not reached" : formatCount(r.medianLower);
  const hi = r.medianUpper === null ? "not reached" : formatCount(r.medianUpper);
  return `median ${formatCount(r.median)} days (95 % CI ${lo}–${hi}), n = ${formatCount(r.n)}, ${formatCount(r.events)} relieved`;
}

export function followUpText(s: HeadlineSummary): string {
  const f = s.followUp.find((x) => x.timepoint === "month_12");
  if (!f) return "no 12-month follow-up";
  return f.rate ? formatRateWithCi(f.done, f.eligible, f.rate) : `${formatCount(f.done)} / ${formatCount(f.eligible)} (none due yet)`;
}

export function responderText(s: HeadlineSummary): string {
  const r = s.responders.find((x) => x.preset.id === s.mcid)?.result ?? null;
  if (!r) return "no patient with baseline and 12-month scores";
  return formatRateWithCi(r.responders, r.n, { estimate: r.rate, lower: r.lower, upper: r.upper });
}

export function complicationText(s: HeadlineSummary): string {
  const c = s.complications;
  return rateText(c.events, c.procedures, c.rate === null ? null : { estimate: c.rate, lower: c.ciLower!, upper: c.ciUpper! });
}

export function allGradeText(s: HeadlineSummary): string {
  const a = s.complications.allGrade;
  return rateText(a.events, a.procedures, a.rate);
}

export const sentence = (s: string) => s.trim().replace(/[.;:]+$/, "");

/** "too few events to adjust" (the quality page's words) and why, without saying it twice. */
export function notFittedText(m: PhysicianReport["adjusted"]["complication"]["model"]): string {
  const why = m.reason ? sentence(m.reason.replace(/^too few events to adjust[:;,.]?\s*/i, "")) : sentence(m.rule);
  return m.status === "too-few-events" ? `too few events to adjust: ${why}` : `not adjusted: ${why}`;
}

export function observedExpectedText(model: PhysicianReport["adjusted"]["complication"]): string {
  if (model.model.status !== "fitted") return notFittedText(model.model);
  const r = model.row;
  if (!r) return "no procedures in the model";
  return `O/E ${r.ratio.toFixed(2)} (95 % CI ${r.lower.toFixed(2)}–${r.upper.toFixed(2)}, ${pEquals(r.pValue)}): observed ${formatCount(r.observed)}, expected ${r.expected.toFixed(1)}, n = ${formatCount(r.n)}`;
}

export function cusumText(c: PhysicianReport["cusum"]): string {
  const state =
    c.firstSignal !== null
      ? `signalled at procedure ${formatCount(c.firstSignal)} (${displayDate(c.firstSignalDate!)})`
      : c.lastScore > 0
        ? "no signal"
        : "no signal (score at 0)";
  return `${state}; score now ${c.lastScore.toFixed(2)}, highest ${c.maxScore.toFixed(2)}, limit h = ${c.threshold} (odds ratio ${c.oddsRatio} against 0.1 %); ${formatCount(c.events)} events in ${formatCount(c.procedures)} procedures`;
}
