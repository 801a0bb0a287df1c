/**
 * The monitoring charts' series, computed from a cohort (pure: no database): the funnel plot's exact limit
 * lines, a Bernoulli CUSUM thinned for drawing, and the g-chart of procedures between events.
 */
import { bernoulliCusum, funnelLimits } from "@/lib/stats";
import type { CohortProcedure } from "./cohort";
import { TARGET_RATE } from "./verdict";

/** The funnel plot's limits: 95 % and 99.8 %. */
export const FUNNEL_LEVELS = [0.95, 0.998] as const;
/**
 * Exact binomial limits (qbinom(q, n, p0)/n): the same exact tail the verdict uses, so a physician above the
 * 95 % limit is never "not yet shown" in the verdict. The limits are step-shaped (one more event is allowed
 * at certain volumes); the drawn lines keep those steps rather than smoothing them away.
 */
export const FUNNEL_METHOD = "exact" as const;

export type FunnelLine = { n: number; lower95: number; upper95: number; lower998: number; upper998: number };
export type CusumSeriesPoint = { index: number; date: string; score: number; event: 0 | 1 };
export type GChartPoint = { event: number; date: string; between: number };

/** Where one physician's Bernoulli CUSUM stands: its first signal (procedure number and date), its score now and its highest. */
export type CusumState = { firstSignal: number | null; firstSignalDate: string | null; lastScore: number; maxScore: number };

/**
 * Whether the quality page (lib/dal/outcomes/quality.ts: funnel, CUSUM, g-chart, pooled rates) reads the same from
 * two versions of one procedure: its physician, date, and whether it has a complication under the definition and
 * under its all-grade companion.
 */
export function sameMonitoringInput(a: CohortProcedure, b: CohortProcedure): boolean {
  return (
    a.physicianId === b.physicianId &&
    a.procedureDate === b.procedureDate &&
    a.hasQualifyingComplication === b.hasQualifyingComplication &&
    a.hasAllGradeComplication === b.hasAllGradeComplication
  );
}

/**
 * The CUSUM of one physician's procedures (in date order) against the target rate: the quality page's table and
 * the report card read it here, so both say the same.
 */
export function cusumState(procs: readonly CohortProcedure[], opts: { oddsRatio: number; threshold: number }): CusumState {
  const outcomes = procs.map((p) => (p.hasQualifyingComplication ? 1 : 0) as 0 | 1);
  const cusum = bernoulliCusum({ outcomes, p0: TARGET_RATE, oddsRatio: opts.oddsRatio, threshold: opts.threshold });
  return {
    firstSignal: cusum.firstSignal,
    firstSignalDate: cusum.firstSignal ? procs[cusum.firstSignal - 1].procedureDate : null,
    lastScore: cusum.scores[cusum.scores.length - 1] ?? 0,
    maxScore: cusum.scores.reduce((m, s) => Math.max(m, s), 0),
  };
}

/** Every volume up to this is evaluated for the lines (beyond it, a log-spaced sample). */
const FUNNEL_DENSE_UP_TO = 20000;

/**
 * The limit lines from n = 1 to a little beyond the largest volume. Between the jumps of the exact limits
 * the curve is r/n (smooth), so it is kept at a log-spaced sample of volumes plus both sides of every jump.
 */
export function funnelLines(p0: number, maxN: number): FunnelLine[] {
  const top = Math.max(10, Math.ceil(maxN * 1.1));
  const dense = Math.min(top, FUNNEL_DENSE_UP_TO);
  const all = Array.from({ length: dense }, (_, i) => i + 1);
  const sample = new Set<number>();
  for (let n = 1; n <= Math.min(top, 30); n++) sample.add(n);
  const steps = 160;
  for (let i = 0; i <= steps; i++) sample.add(Math.round(Math.exp(Math.log(30) + ((Math.log(top) - Math.log(30)) * i) / steps)));
  sample.add(top);
  const { limits } = funnelLimits({ p0, n: all, levels: [...FUNNEL_LEVELS], method: FUNNEL_METHOD });
  const at = (i: number): FunnelLine => ({
    n: all[i],
    lower95: limits[i * 2].lower,
    upper95: limits[i * 2].upper,
    lower998: limits[i * 2 + 1].lower,
    upper998: limits[i * 2 + 1].upper,
  });
  // r = limit × n changes exactly where a line jumps.
  const counts = (l: FunnelLine) => [l.lower95, l.upper95, l.lower998, l.upper998].map((x) => Math.round(x * l.n)).join(",");
  const keep: FunnelLine[] = [];
  let prev: FunnelLine | null = null;
  for (let i = 0; i < all.length; i++) {
    const cur = at(i);
    const jump = prev !== null && counts(prev) !== counts(cur);
    if (jump && keep[keep.length - 1]?.n !== prev!.n) keep.push(prev!);
    if (jump || sample.has(cur.n) || i === all.length - 1) keep.push(cur);
    prev = cur;
  }
  if (top > dense) {
    const extra = [...sample].filter((n) => n > dense).sort((a, b) => a - b);
    const more = funnelLimits({ p0, n: extra, levels: [...FUNNEL_LEVELS], method: FUNNEL_METHOD }).limits;
    extra.forEach((n, i) =>
      keep.push({ n, lower95: more[i * 2].lower, upper95: more[i * 2].upper, lower998: more[i * 2 + 1].lower, upper998: more[i * 2 + 1].upper }),
    );
  }
  return keep;
}

export function thinSeries(scores: number[], outcomes: (0 | 1)[], dates: string[], max = 1500): CusumSeriesPoint[] {
  const n = scores.length;
  if (n <= max) return scores.map((score, i) => ({ index: i + 1, date: dates[i], score, event: outcomes[i] }));
  const bucket = Math.ceil(n / max);
  const out: CusumSeriesPoint[] = [];
  for (let start = 0; start < n; start += bucket) {
    const end = Math.min(n, start + bucket);
    let best = start;
    for (let i = start; i < end; i++) {
      if (outcomes[i] === 1) out.push({ index: i + 1, date: dates[i], score: scores[i], event: 1 });
      if (scores[i] > scores[best]) best = i;
    }
    if (outcomes[best] !== 1) out.push({ index: best + 1, date: dates[best], score: scores[best], event: 0 });
    if (end - 1 !== best && outcomes[end - 1] !== 1) out.push({ index: end, date: dates[end - 1], score: scores[end - 1], event: 0 });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Procedures between consecutive qualifying events (the g-chart), in date order. */
export function gChart(procs: readonly CohortProcedure[]): GChartPoint[] {
  const out: GChartPoint[] = [];
  let since = 0;
  for (const p of procs) {
    if (p.hasQualifyingComplication) {
      out.push({ event: out.length + 1, date: p.procedureDate, between: since });
      since = 0;
    } else since++;
  }
  return out;
}

// Computed once per request however many cards show it (React's per-request cache; a pass-through elsewhere).
