import "server-only";
import { cache } from "react";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { complications, patients, procedures, sites, users } from "@/db/schema";
import { describeComplicationDefinition } from "@/lib/outcomes/complicationDefinition";
import { todayIso } from "@/lib/outcomes/dates";
import { outcomeFiltersKey, parseOutcomeFiltersLenient, type OutcomeFilters, type OutcomeView } from "@/lib/outcomes/outcomeFilters";
import { complicationRateSummary, TARGET_RATE, type ComplicationRateSummary } from "@/lib/outcomes/verdict";
import { bernoulliCusum, funnelLimits } from "@/lib/stats";
import { NotFoundError } from "@/lib/dal/errors";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import type { CohortProcedure } from "@/lib/outcomes/cohort";
import { inProcedureContext } from "@/lib/dal/records/complicationContext";
import { outcomeFilterSql, readCohort } from "@/lib/dal/outcomes/cohort";

/**
 * The quality officer's view: every physician's complication rate on a funnel plot, a Bernoulli CUSUM and
 * a g-chart per physician, and the complication reports waiting for adjudication. QO and admin only; anyone
 * else is told the page does not exist.
 */

export const FUNNEL_LEVELS = [0.95, 0.998] as const;
/**
 * Exact binomial limits (qbinom(q, n, p0)/n): the same exact tail the verdict uses, so a physician above the
 * 95 % limit is never "not yet shown" in the verdict. The limits are step-shaped (one more event is allowed
 * at certain volumes); the drawn lines keep those steps rather than smoothing them away.
 */
export const FUNNEL_METHOD = "exact" as const;

export type PhysicianRate = {
  id: number;
  name: string;
  site: string | null;
  rate: ComplicationRateSummary;
  /** Where the physician lies against the chosen centre's limits. */
  position: "within" | "above-95" | "above-99.8" | "below-95" | "below-99.8";
  /** The limits at this physician's volume, for the table and tooltips. */
  limitsAtN: { level: number; lower: number; upper: number }[];
  cusum: { firstSignal: number | null; firstSignalDate: string | null; lastScore: number; maxScore: number };
};

export type FunnelLine = { n: number; lower95: number; upper95: number; lower998: number; upper998: number };

export type CusumSeriesPoint = { index: number; date: string; score: number; event: 0 | 1 };
export type GChartPoint = { event: number; date: string; between: number };

export type QualityOverview = {
  definition: string;
  target: number;
  /** The practice as a whole under the filters (rate null when there are no procedures). */
  pooled: { events: number; procedures: number; rate: number | null; summary: ComplicationRateSummary };
  centre: "target" | "pooled";
  centreRate: number;
  physicians: PhysicianRate[];
  /** Limit lines around the chosen centre. */
  funnel: FunnelLine[];
  outside: PhysicianRate[];
  cusum: {
    p0: number;
    oddsRatio: number;
    threshold: number;
    weights: { success: number; failure: number };
    physician: { id: number; name: string } | null;
    procedures: number;
    events: number;
    firstSignal: { index: number; date: string } | null;
    /** Drawn series, thinned to at most ~1,500 points keeping every event and each bucket's highest score. */
    series: CusumSeriesPoint[];
    gChart: GChartPoint[];
  };
};

function requireQuality(principal: Principal) {
  if (!canSeeAllPhysicians(principal)) throw new NotFoundError("Page");
}

/** Every volume up to this is evaluated for the lines (beyond it, a log-spaced sample). */
const FUNNEL_DENSE_UP_TO = 20000;

/**
 * The limit lines from n = 1 to a little beyond the largest volume. Between the jumps of the exact limits
 * the curve is r/n (smooth), so it is kept at a log-spaced sample of volumes plus both sides of every jump.
 */
function funnelLines(p0: number, maxN: number): FunnelLine[] {
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

function thinSeries(scores: number[], outcomes: (0 | 1)[], dates: string[], max = 1500): CusumSeriesPoint[] {
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
function gChart(procs: readonly CohortProcedure[]): GChartPoint[] {
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

type QualityView = Pick<OutcomeView, "limits" | "cusum" | "oddsRatio" | "threshold">;

// Computed once per request however many cards show it (React's per-request cache; a pass-through elsewhere).
const overviewByKey = cache(
  (principal: Principal, key: string, limits: QualityView["limits"], cusum: number | undefined, oddsRatio: number, threshold: number, today: string) =>
    computeOverview(parseOutcomeFiltersLenient(new URLSearchParams(key)).filters, { limits, cusum, oddsRatio, threshold } as QualityView, today),
);

export async function qualityOverview(principal: Principal, filters: OutcomeFilters, view: QualityView, today = todayIso()): Promise<QualityOverview> {
  requireQuality(principal);
  return overviewByKey(principal, outcomeFiltersKey(filters), view.limits, view.cusum, view.oddsRatio, view.threshold, today);
}

async function computeOverview(filters: OutcomeFilters, view: QualityView, today: string): Promise<QualityOverview> {
  const db = getDb();
  // Every physician: the quality view compares them, so the physician filter does not apply here.
  const cohort = await readCohort(outcomeFilterSql(filters, { includePhysician: false }), { ...filters, physician: undefined }, today);
  // Id breaks ties between equal names: the funnel table and the CUSUM's tie-break then agree on every backend.
  const people = await db
    .select({ id: users.id, name: users.name, site: sites.name })
    .from(users)
    .leftJoin(sites, eq(sites.id, users.siteId))
    .where(eq(users.role, "physician"))
    .orderBy(asc(users.name), asc(users.id));

  // Cohort rows come in date order, so each physician's list is their procedures in date order.
  const byPhysician = new Map<number, CohortProcedure[]>(people.map((p) => [p.id, []]));
  let events = 0;
  for (const p of cohort.procedures) {
    (byPhysician.get(p.physicianId) ?? byPhysician.set(p.physicianId, []).get(p.physicianId)!).push(p);
    if (p.hasQualifyingComplication) events++;
  }
  const total = cohort.procedures.length;
  const pooledRate = total > 0 ? events / total : null;
  const centre = view.limits === "pooled" && pooledRate !== null && pooledRate > 0 ? "pooled" : "target";
  const centreRate = centre === "pooled" ? (pooledRate as number) : TARGET_RATE;

  const withProcedures = people.filter((p) => (byPhysician.get(p.id)?.length ?? 0) > 0);
  const volumes = withProcedures.map((p) => byPhysician.get(p.id)!.length);
  const atN = volumes.length ? funnelLimits({ p0: centreRate, n: volumes, levels: [...FUNNEL_LEVELS], method: FUNNEL_METHOD }).limits : [];

  const physicians: PhysicianRate[] = withProcedures.map((person, i) => {
    const procs = byPhysician.get(person.id)!;
    const outcomes = procs.map((p) => (p.hasQualifyingComplication ? 1 : 0) as 0 | 1);
    const k = outcomes.reduce<number>((s, e) => s + e, 0);
    const rate = complicationRateSummary(k, procs.length);
    const l95 = atN[i * 2];
    const l998 = atN[i * 2 + 1];
    const r = k / procs.length;
    const position: PhysicianRate["position"] =
      r > l998.upper ? "above-99.8" : r > l95.upper ? "above-95" : r < l998.lower ? "below-99.8" : r < l95.lower ? "below-95" : "within";
    const cusum = bernoulliCusum({ outcomes, p0: TARGET_RATE, oddsRatio: view.oddsRatio, threshold: view.threshold });
    return {
      id: person.id,
      name: person.name,
      site: person.site,
      rate,
      position,
      limitsAtN: [
        { level: l95.level, lower: l95.lower, upper: l95.upper },
        { level: l998.level, lower: l998.lower, upper: l998.upper },
      ],
      cusum: {
        firstSignal: cusum.firstSignal,
        firstSignalDate: cusum.firstSignal ? procs[cusum.firstSignal - 1].procedureDate : null,
        lastScore: cusum.scores[cusum.scores.length - 1] ?? 0,
        maxScore: cusum.scores.reduce((m, s) => Math.max(m, s), 0),
      },
    };
  });

  const maxN = Math.max(0, ...volumes);
  const funnel = funnelLines(centreRate, maxN);

  // The CUSUM shown: the one asked for, else the physician whose score is highest now.
  const chosen =
    physicians.find((p) => p.id === view.cusum) ??
    [...physicians].sort((a, b) => b.cusum.lastScore - a.cusum.lastScore || (a.cusum.firstSignal ?? Infinity) - (b.cusum.firstSignal ?? Infinity))[0] ??
    null;
  const procs = chosen ? byPhysician.get(chosen.id)! : [];
  const outcomes = procs.map((p) => (p.hasQualifyingComplication ? 1 : 0) as 0 | 1);
  const cusum = bernoulliCusum({ outcomes, p0: TARGET_RATE, oddsRatio: view.oddsRatio, threshold: view.threshold });

  return {
    definition: describeComplicationDefinition(filters.definition),
    target: TARGET_RATE,
    pooled: { events, procedures: total, rate: pooledRate, summary: complicationRateSummary(events, total) },
    centre,
    centreRate,
    physicians,
    funnel,
    outside: physicians.filter((p) => p.position !== "within").sort((a, b) => (b.rate.rate ?? 0) - (a.rate.rate ?? 0)),
    cusum: {
      p0: TARGET_RATE,
      oddsRatio: view.oddsRatio,
      threshold: view.threshold,
      weights: cusum.weights,
      physician: chosen ? { id: chosen.id, name: chosen.name } : null,
      procedures: procs.length,
      events: outcomes.reduce<number>((s, e) => s + e, 0),
      firstSignal: cusum.firstSignal ? { index: cusum.firstSignal, date: procs[cusum.firstSignal - 1].procedureDate } : null,
      series: thinSeries(
        cusum.scores,
        outcomes,
        procs.map((p) => p.procedureDate),
      ),
      gChart: gChart(procs),
    },
  };
}

export type ReviewItem = {
  id: number;
  procedureId: number;
  procedureDate: string;
  physicianName: string;
  siteName: string;
  type: string;
  grade: number;
  relatedness: string;
  serious: boolean;
  onsetDate: string;
  reportedAt: string;
  status: "pending" | "needs_info";
};

/** Complication reports awaiting adjudication (pending or needing information), oldest report first. */
export async function complicationsAwaitingReview(principal: Principal, filters: OutcomeFilters, limit = 100): Promise<{ total: number; items: ReviewItem[] }> {
  requireQuality(principal);
  const db = getDb();
  const where = and(inArray(complications.adjudicationStatus, ["pending", "needs_info"]), outcomeFilterSql(filters, { includePhysician: false }));
  const [counted] = await db
    .select({ n: sql<number>`count(*)` })
    .from(complications)
    .innerJoin(procedures, eq(procedures.id, complications.procedureId))
    .innerJoin(patients, eq(patients.id, procedures.patientId))
    .where(where);
  const query = db
    .select({
      id: complications.id,
      procedureId: procedures.id,
      procedureDate: procedures.procedureDate,
      physicianName: users.name,
      siteName: sites.name,
      type: complications.type,
      grade: complications.grade,
      relatedness: complications.relatedness,
      serious: complications.serious,
      onsetDate: complications.onsetDate,
      reportedAt: complications.reportedAt,
      status: complications.adjudicationStatus,
    })
    .from(complications)
    .$dynamic();
  const items = await inProcedureContext(query)
    .where(where)
    .orderBy(desc(complications.serious), asc(complications.reportedAt), asc(complications.id))
    .limit(limit);
  return { total: Number(counted?.n ?? 0), items: items as ReviewItem[] };
}
