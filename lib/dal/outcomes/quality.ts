import "server-only";
import { cache } from "react";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sites, users } from "@/db/schema";
import { describeComplicationDefinition } from "@/lib/outcomes/complicationDefinition";
import { todayIso } from "@/lib/outcomes/dates";
import { outcomeFiltersKey, parseOutcomeFiltersLenient, type OutcomeFilters, type OutcomeView } from "@/lib/outcomes/outcomeFilters";
import { complicationRateSummary, TARGET_RATE, type ComplicationRateSummary } from "@/lib/outcomes/verdict";
import { bernoulliCusum, funnelLimits } from "@/lib/stats";
import { NotFoundError } from "@/lib/dal/errors";
import { versioned } from "@/lib/dal/outcomes/versionedCache";
import { offThread } from "@/lib/dal/outcomes/offThread";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import type { CohortProcedure } from "@/lib/outcomes/cohort";
import { allGradeRate, type AllGradeRate } from "@/lib/outcomes/outcomeSummary";
import { keptUnlessChanged, practiceWideCohort } from "@/lib/dal/outcomes/cohort";
import {
  cusumState,
  FUNNEL_LEVELS,
  FUNNEL_METHOD,
  funnelLines,
  gChart,
  sameMonitoringInput,
  thinSeries,
  type CusumSeriesPoint,
  type CusumState,
  type FunnelLine,
  type GChartPoint,
} from "@/lib/outcomes/monitoring";

/**
 * The quality officer's view: every physician's complication rate on a funnel plot, a Bernoulli CUSUM and
 * a g-chart per physician, and the complication reports waiting for adjudication. QO and admin only; anyone
 * else is told the page does not exist.
 */

export type PhysicianRate = {
  id: number;
  name: string;
  site: string | null;
  rate: ComplicationRateSummary;
  /** Under the definition's all-grade companion, shown beside. */
  allGrade: AllGradeRate;
  /** Where the physician lies against the chosen centre's limits. */
  position: "within" | "above-95" | "above-99.8" | "below-95" | "below-99.8";
  /** The limits at this physician's volume, for the table and tooltips. */
  limitsAtN: { level: number; lower: number; upper: number }[];
  cusum: CusumState;
};

export type QualityOverview = {
  definition: string;
  target: number;
  /** The practice as a whole under the filters (rate null when there are no procedures). */
  pooled: { events: number; procedures: number; rate: number | null; summary: ComplicationRateSummary; allGrade: AllGradeRate };
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

export function requireQuality(principal: Principal) {
  if (!canSeeAllPhysicians(principal)) throw new NotFoundError("Page");
}

type QualityView = Pick<OutcomeView, "limits" | "cusum" | "oddsRatio" | "threshold">;

const overviewByKey = cache(
  (principal: Principal, key: string, limits: QualityView["limits"], cusum: number | undefined, oddsRatio: number, threshold: number, today: string) =>
    // The same for every quality officer and admin (requireQuality has let this one in): kept until the data changes.
    versioned(`quality|${key}|${limits}|${cusum ?? ""}|${oddsRatio}|${threshold}|${today}`, () =>
      computeOverview(parseOutcomeFiltersLenient(new URLSearchParams(key)).filters, { limits, cusum, oddsRatio, threshold } as QualityView, today),
    ),
);

export const qualityOverview = offThread(
  "qualityOverview",
  async (principal: Principal, filters: OutcomeFilters, view: QualityView, today: string = todayIso()): Promise<QualityOverview> => {
    requireQuality(principal);
    return overviewByKey(principal, outcomeFiltersKey(filters), view.limits, view.cusum, view.oddsRatio, view.threshold, today);
  },
);

async function computeOverview(filters: OutcomeFilters, view: QualityView, today: string): Promise<QualityOverview> {
  const db = getDb();
  // Every physician: the quality view compares them, so the physician filter does not apply here.
  const cohort = await practiceWideCohort(filters, today);
  // Id breaks ties between equal names: the funnel table and the CUSUM's tie-break then agree on every backend.
  const people = await db
    .select({ id: users.id, name: users.name, site: sites.name })
    .from(users)
    .leftJoin(sites, eq(sites.id, users.siteId))
    .where(eq(users.role, "physician"))
    .orderBy(asc(users.name), asc(users.id));
  // Most writes (a visit, a diary day, a follow-up mark) change no complication and no date: the last overview stands.
  return keptUnlessChanged(
    cohort,
    `quality|${outcomeFiltersKey(filters)}|${view.limits}|${view.cusum ?? ""}|${view.oddsRatio}|${view.threshold}`,
    sameMonitoringInput,
    () => overviewOf(cohort.procedures, people, filters, view),
    JSON.stringify(people),
  );
}

type Person = { id: number; name: string; site: string | null };

function overviewOf(procedures: readonly CohortProcedure[], people: Person[], filters: OutcomeFilters, view: QualityView): QualityOverview {
  // Cohort rows come in date order, so each physician's list is their procedures in date order.
  const byPhysician = new Map<number, CohortProcedure[]>(people.map((p) => [p.id, []]));
  let events = 0;
  let allGradeEvents = 0;
  for (const p of procedures) {
    (byPhysician.get(p.physicianId) ?? byPhysician.set(p.physicianId, []).get(p.physicianId)!).push(p);
    if (p.hasQualifyingComplication) events++;
    if (p.hasAllGradeComplication) allGradeEvents++;
  }
  const total = procedures.length;
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
    const anyGrade = procs.reduce((s, p) => s + (p.hasAllGradeComplication ? 1 : 0), 0);
    return {
      id: person.id,
      name: person.name,
      site: person.site,
      rate,
      allGrade: allGradeRate(anyGrade, procs.length, filters.definition),
      position,
      limitsAtN: [
        { level: l95.level, lower: l95.lower, upper: l95.upper },
        { level: l998.level, lower: l998.lower, upper: l998.upper },
      ],
      cusum: cusumState(procs, view),
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
    pooled: {
      events,
      procedures: total,
      rate: pooledRate,
      summary: complicationRateSummary(events, total),
      allGrade: allGradeRate(allGradeEvents, total, filters.definition),
    },
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
