import "server-only";
import { cache } from "react";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { compareAdjusted, funnelOf, sameModelInputs, type AdjustedComparison } from "@/lib/outcomes/adjustedModels";
import { todayIso } from "@/lib/outcomes/dates";
import type { McidPresetId } from "@/lib/outcomes/mcid";
import { outcomeFiltersKey, parseOutcomeFiltersLenient, type OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { assertOutcomeAccess, keptUnlessChanged, practiceWideCohort } from "@/lib/dal/outcomes/cohort";
import { versioned } from "@/lib/dal/outcomes/versionedCache";
import { offThread } from "@/lib/dal/outcomes/offThread";

/**
 * The risk-adjusted comparison of physicians (lib/outcomes/adjustedModels.ts) as each principal may see it.
 * The models are aggregates of the pool (no identifiers), shown to everyone; the per-physician rows to quality
 * officers and admins for every physician, to a physician for themselves only.
 */

async function compute(key: string, filters: OutcomeFilters, mcid: McidPresetId, today: string): Promise<AdjustedComparison> {
  const pool = await practiceWideCohort(filters, today);
  const people = await getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.role, "physician"))
    .orderBy(asc(users.name), asc(users.id));
  // Most writes leave every model's inputs as they were — a visit at 6 weeks, 3, 6 or 24 months, a diary day, a
  // follow-up mark, a complication the definition does not count: the same procedures, in the same order, with
  // the same inputs give the very same fits, so the last result is handed out instead of fitting three models on the
  // whole practice again (600 ms at 100,000).
  return keptUnlessChanged(
    pool,
    `adjusted|${key}|${mcid}`,
    (a, b) => sameModelInputs(a, b, mcid),
    () => compareAdjusted(pool, people, mcid),
    JSON.stringify(people),
  );
}

// The pool's models are the same whoever asks (access is checked first): kept until the data changes.
const computeByKey = cache((key: string, mcid: McidPresetId, today: string) =>
  versioned(`adjusted|${key}|${mcid}|${today}`, () =>
    compute(key, { ...parseOutcomeFiltersLenient(new URLSearchParams(key)).filters, physician: undefined }, mcid, today),
  ),
);

/**
 * The adjusted comparison under the filters, for this principal: every physician's rows for quality officers and
 * admins (narrowed to `filters.physician` when one is chosen), the principal's own rows for a physician. A
 * physician asking for another physician gets NotFound, as everywhere else.
 */
export const adjustedComparison = offThread(
  "adjustedComparison",
  async (principal: Principal, filters: OutcomeFilters, mcid: McidPresetId, today: string = todayIso()): Promise<AdjustedComparison> => {
    await assertOutcomeAccess(principal, filters);
    const key = outcomeFiltersKey({ ...filters, physician: undefined });
    const only = canSeeAllPhysicians(principal) ? filters.physician : principal.id;
    if (only === undefined) return computeByKey(key, mcid, today);
    // One physician's rows, kept too: their limit lines are exact Poisson quantiles over a grid, as costly as the rest.
    return versioned(`adjusted-one|${only}|${key}|${mcid}|${today}`, async () => {
      const all = await computeByKey(key, mcid, today);
      const mine = <T extends { physicianId: number }>(rows: T[]) => rows.filter((r) => r.physicianId === only);
      // The limit lines are drawn over the rows shown only, so their span says nothing of other physicians' volumes.
      const complicationRows = mine(all.complication.rows);
      const responderRows = mine(all.responder.rows);
      return {
        ...all,
        complication: { ...all.complication, rows: complicationRows, funnel: funnelOf(complicationRows) },
        responder: { ...all.responder, rows: responderRows, funnel: funnelOf(responderRows) },
        odiChange: { ...all.odiChange, rows: mine(all.odiChange.rows) },
      };
    });
  },
);
