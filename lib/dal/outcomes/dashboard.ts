import "server-only";
import { cache } from "react";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { RISK_FACTORS, type RiskFactor } from "@/db/enums";
import { RISK_FACTOR_LABELS } from "@/lib/labels";
import { sites, users } from "@/db/schema";
import { todayIso } from "@/lib/outcomes/dates";
import { outcomeFiltersKey, parseOutcomeFiltersLenient, type CompareOption, type OutcomeFilters, type OutcomeView } from "@/lib/outcomes/outcomeFilters";
import { compareRelief, reliefGroup, summariseHeadline, type KeepPart, type ReliefComparison } from "@/lib/outcomes/analysis";
import { sameDurabilityInput, summariseDurability, type DurabilitySummary } from "@/lib/outcomes/durability";
import { sameVisitInterval, visitOnlyRelief } from "@/lib/outcomes/reliefSources";
import { sameScheduledScores, summariseTrajectories } from "@/lib/outcomes/trajectories";
import { withDetail, type HeadlineSummary, type OutcomeSummary } from "@/lib/outcomes/outcomeSummary";
import { hasRiskFactor, type OutcomeCohort } from "@/lib/outcomes/cohort";
import { assertOutcomeAccess, forgetDerivedPractice, keptUnlessChanged, outcomeCohort, practiceWideCohort } from "@/lib/dal/outcomes/cohort";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { clearVersionedCache, versioned } from "@/lib/dal/outcomes/versionedCache";
import { offThread } from "@/lib/dal/outcomes/offThread";

/**
 * The outcomes dashboard's data layer. Everything starts from `outcomeCohort` (the principal's procedures
 * under the filters); the pooled figures of the other physicians come from `outcomePool`, which returns
 * aggregates only — never a physician's name or id.
 */

// One cohort read per request and filter set, however many cards ask for it (React's per-request cache;
// outside a request, e.g. in tests and the bench, it simply calls through).
const cohortByKey = cache((principal: Principal, key: string, today: string) =>
  outcomeCohort(principal, parseOutcomeFiltersLenient(new URLSearchParams(key)).filters, today),
);
const poolByKey = cache((principal: Principal, key: string, today: string) =>
  readPool(principal, parseOutcomeFiltersLenient(new URLSearchParams(key)).filters, today),
);

function cohortFor(principal: Principal, filters: OutcomeFilters, today: string): Promise<OutcomeCohort> {
  return cohortByKey(principal, outcomeFiltersKey(filters), today);
}

/**
 * A view of one physician's procedures alone (their own, or a quality officer's view of them) is kept until one
 * of those procedures changes, not until any write (versionedCache.ts); a view of everyone until any write.
 */
function scopeOf(principal: Principal, key: string): { physician: number | null } {
  return { physician: focusPhysician(principal, parseOutcomeFiltersLenient(new URLSearchParams(key)).filters) };
}

// Kept between requests until the data changes (versionedCache.ts): whose view it is is part of the key. The
// headline figures and each costlier part are kept apart, so a card waits only for what it shows and each
// computation is a task of its own (the server answers other requests between them).
const headlineByKey = cache((principal: Principal, key: string, at: OutcomeView["at"], mcid: OutcomeView["mcid"], today: string) =>
  versioned(
    `headline|${principal.role}:${principal.id}|${key}|${at}|${mcid}|${today}`,
    async () => {
      const cohort = await cohortByKey(principal, key, today);
      return summariseHeadline(cohort, { at, mcid }, keptParts(cohort, `${principal.role}:${principal.id}|${key}`));
    },
    scopeOf(principal, key),
  ),
);

/**
 * Each part of a view's figures kept with the procedures it was computed from (cohort.ts keptUnlessChanged): after a
 * write that leaves what a part reads alone for every procedure of the view — a diary day changes no score
 * trajectory and no complication count — its last result stands. `view` names whose view and which filters.
 */
function keptParts(cohort: OutcomeCohort, view: string): KeepPart {
  return (part, reads, compute) => keptUnlessChanged(cohort, `${part}|${view}`, reads, compute);
}

// Each costlier part with what it reads from a procedure: after a write that leaves that alone for every procedure
// of the view (a diary day changes no trajectory, a complication report no durability), its last result stands.
const DETAIL = {
  trajectories: { compute: summariseTrajectories, reads: sameScheduledScores },
  durability: { compute: summariseDurability, reads: sameDurabilityInput },
  visitOnly: { compute: visitOnlyRelief, reads: sameVisitInterval },
} as const;

// The detail does not depend on the view's timepoint or MCID rule: one computation serves every view of the filters.
const detailByKey = cache(<P extends keyof typeof DETAIL>(principal: Principal, key: string, part: P, today: string) =>
  versioned(
    `${part}|${principal.role}:${principal.id}|${key}|${today}`,
    async () => {
      const cohort = await cohortByKey(principal, key, today);
      const { compute, reads } = DETAIL[part];
      const keep = keptParts(cohort, `${principal.role}:${principal.id}|${key}`);
      return keep(part, reads, () => compute(cohort.procedures)) as ReturnType<(typeof DETAIL)[P]["compute"]>;
    },
    scopeOf(principal, key),
  ),
);

/** Figures of the principal's view at its timepoint and MCID rule. Each throws NotFoundError for another physician. */
type ViewFigures<T> = (principal: Principal, filters: OutcomeFilters, view: Pick<OutcomeView, "at" | "mcid">, today?: string) => Promise<T>;

/** The headline figures of the principal's view (no trajectories, durability or visit-only estimate). */
export const outcomeHeadline: ViewFigures<HeadlineSummary> = offThread("outcomeHeadline", (principal, filters, view, today: string = todayIso()) =>
  headlineByKey(principal, outcomeFiltersKey(filters), view.at, view.mcid, today),
);

/** Freedom from subsequent surgery in the principal's view. Throws NotFoundError for another physician. */
export const outcomeDurability = offThread(
  "outcomeDurability",
  async (principal: Principal, filters: OutcomeFilters, today: string = todayIso()): Promise<DurabilitySummary> =>
    detailByKey(principal, outcomeFiltersKey(filters), "durability", today),
);

/** The whole dashboard summary of the principal's view. */
export const outcomeSummary: ViewFigures<OutcomeSummary> = offThread("outcomeSummary", (principal, filters, view, today: string = todayIso()) => {
  const key = outcomeFiltersKey(filters);
  return versioned(
    `summary|${principal.role}:${principal.id}|${key}|${view.at}|${view.mcid}|${today}`,
    async () => {
      // One after the other: the headline first, as the page shows it first; each a task of its own.
      const headline = await headlineByKey(principal, key, view.at, view.mcid, today);
      const trajectories = await detailByKey(principal, key, "trajectories", today);
      const durability = await detailByKey(principal, key, "durability", today);
      const visitOnly = await detailByKey(principal, key, "visitOnly", today);
      return withDetail(headline, { trajectories, durability, visitOnly });
    },
    scopeOf(principal, key),
  );
});

/**
 * Forgets the kept figures and derivations where they are kept (the figure worker when there is one), as a write
 * touching every procedure would: for the benchmark's "after a write" timings (the snapshot itself is kept).
 */
export const forgetComputedFigures = offThread("forgetComputedFigures", async (): Promise<void> => {
  clearVersionedCache();
  forgetDerivedPractice();
});

/** Whose figures the view shows when it is about one physician: the physician themself, or the one a QO picked. */
export function focusPhysician(principal: Principal, filters: OutcomeFilters): number | null {
  if (principal.role === "physician") return principal.id;
  if (canSeeAllPhysicians(principal) && filters.physician !== undefined) return filters.physician;
  return null;
}

type Pool = { physicians: number; cohort: OutcomeCohort };

/**
 * The procedures of every physician except the one in focus, under the same filters. Deliberately outside
 * the principal's scope — which is why it never leaves this module except as aggregates.
 */
async function readPool(principal: Principal, filters: OutcomeFilters, today: string): Promise<Pool | null> {
  await assertOutcomeAccess(principal, filters);
  const me = focusPhysician(principal, filters);
  if (me === null) return null;
  const cohort = await practiceWideCohort(filters, today, { except: me });
  return { physicians: new Set(cohort.procedures.map((p) => p.physicianId)).size, cohort };
}

export type PoolSummary = {
  /** How many other physicians the pool holds (a count, never who). */
  physicians: number;
  /** The headline figures only: the comparison shows no pooled curves. */
  summary: HeadlineSummary;
};

/** "My results vs the pool": the other physicians' figures pooled, or null when the view is not about one physician. */
export const outcomePool = offThread(
  "outcomePool",
  async (principal: Principal, filters: OutcomeFilters, view: Pick<OutcomeView, "at" | "mcid">, today: string = todayIso()): Promise<PoolSummary | null> => {
    const key = outcomeFiltersKey(filters);
    // Access is checked (readPool) before a kept summary is handed out.
    await assertOutcomeAccess(principal, filters);
    return versioned(`pool|${principal.role}:${principal.id}|${key}|${view.at}|${view.mcid}|${today}`, async () => {
      const pool = await poolByKey(principal, key, today);
      if (!pool) return null;
      const keep = keptParts(pool.cohort, `pool:${principal.role}:${principal.id}|${key}`);
      return { physicians: pool.physicians, summary: summariseHeadline(pool.cohort, view, keep) };
    });
  },
);

export const COMPARE_LABELS: Record<string, string> = {
  none: "No comparison",
  pool: "Me vs the rest of the practice",
  site: "Site vs site",
  flag: "Flagged prior treatment vs not",
  ...Object.fromEntries(RISK_FACTORS.map((r) => [`risk:${r}`, `With vs without: ${RISK_FACTOR_LABELS[r].toLowerCase()}`])),
};

/** Time to relief compared between groups of the view, with the log-rank test; null for "none" or when it does not apply. */
export const reliefComparison = offThread(
  "reliefComparison",
  async (principal: Principal, filters: OutcomeFilters, compare: CompareOption, today: string = todayIso()): Promise<ReliefComparison | null> => {
    if (compare === "none") return null;
    const cohort = await cohortFor(principal, filters, today);
    const procs = cohort.procedures;
    if (compare === "pool") {
      const pool = await poolByKey(principal, outcomeFiltersKey(filters), today);
      if (!pool) return null;
      const mine = principal.role === "physician" ? "My patients" : "This physician";
      return compareRelief(COMPARE_LABELS.pool, [reliefGroup(mine, procs), reliefGroup("Rest of the practice (pooled)", pool.cohort.procedures)]);
    }
    if (compare === "site") {
      const names = new Map((await getDb().select({ id: sites.id, name: sites.name }).from(sites)).map((s) => [s.id, s.name]));
      const ids = [...new Set(procs.map((p) => p.siteId))].sort((a, b) => (names.get(a) ?? "").localeCompare(names.get(b) ?? ""));
      return compareRelief(
        COMPARE_LABELS.site,
        ids.map((id) =>
          reliefGroup(
            names.get(id) ?? `Site ${id}`,
            procs.filter((p) => p.siteId === id),
          ),
        ),
      );
    }
    if (compare === "flag") {
      return compareRelief(COMPARE_LABELS.flag, [
        reliefGroup(
          "Not flagged",
          procs.filter((p) => !p.priorTreatmentFlag),
        ),
        reliefGroup(
          "Flagged prior treatment",
          procs.filter((p) => p.priorTreatmentFlag),
        ),
      ]);
    }
    const factor = compare.slice("risk:".length) as RiskFactor;
    const label = RISK_FACTOR_LABELS[factor].toLowerCase();
    return compareRelief(COMPARE_LABELS[compare], [
      reliefGroup(
        `Without ${label}`,
        procs.filter((p) => !hasRiskFactor(p, factor)),
      ),
      reliefGroup(
        `With ${label}`,
        procs.filter((p) => hasRiskFactor(p, factor)),
      ),
    ]);
  },
);

export type Option = { id: number; name: string };

/** Filter-bar choices the principal may see: every physician for QO/admin, none for a physician. */
export async function outcomeFilterOptions(principal: Principal): Promise<{ sites: Option[]; physicians: Option[] }> {
  const db = getDb();
  // Id breaks ties between equal names, so the lists come in the same order on every backend.
  const siteOptions = await db.select({ id: sites.id, name: sites.name }).from(sites).orderBy(asc(sites.name), asc(sites.id));
  const physicianOptions = canSeeAllPhysicians(principal)
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, "physician")).orderBy(asc(users.name), asc(users.id))
    : [];
  return { sites: siteOptions, physicians: physicianOptions };
}
