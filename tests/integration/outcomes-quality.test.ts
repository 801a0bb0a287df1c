import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/dal/errors";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import { complicationsAwaitingReview } from "@/lib/dal/records/reviewQueue";
import { DEFAULT_OUTCOME_FILTERS as LIKE_FOR_LIKE, DEFAULT_VIEW, type OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { bernoulliCusum, funnelLimits } from "@/lib/stats";
import { OUTCOME_TODAY, seedOutcomeWorld, type OutcomeWorld } from "../support/outcomeFixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const t = await tempDatabaseForFile("outcomes-quality");
let w: OutcomeWorld;
beforeAll(async () => {
  w = await seedOutcomeWorld(t.db);
});

// Every grade: this world's events are mostly grade I–II (the like-for-like default is checked at the end).
const DEFAULT_OUTCOME_FILTERS: OutcomeFilters = { ...LIKE_FOR_LIKE, definition: { ...LIKE_FOR_LIKE.definition, severity: "any" } };

describe("quality view", () => {
  it("is refused to physicians as NotFound", async () => {
    await expect(qualityOverview(w.docA, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, OUTCOME_TODAY)).rejects.toBeInstanceOf(NotFoundError);
    await expect(complicationsAwaitingReview(w.docA, DEFAULT_OUTCOME_FILTERS)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("puts every physician on the funnel with exact limits at their volume", async () => {
    const q = await qualityOverview(w.qo, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, OUTCOME_TODAY);
    const byId = new Map(q.physicians.map((p) => [p.id, p]));
    expect(byId.get(w.docA.id)?.rate).toMatchObject({ events: 3, procedures: 6 });
    expect(byId.get(w.docB.id)?.rate).toMatchObject({ events: 1, procedures: 2 });
    expect(q.pooled).toMatchObject({ events: 4, procedures: 8, rate: 0.5 });
    const [l95, l998] = funnelLimits({ p0: 0.001, n: [6], levels: [0.95, 0.998], method: "exact" }).limits;
    expect(byId.get(w.docA.id)?.limitsAtN).toEqual([
      { level: 0.95, lower: l95.lower, upper: l95.upper },
      { level: 0.998, lower: l998.lower, upper: l998.upper },
    ]);
    // 3 of 6 against 0.1 %: far above the 99.8 % limit
    expect(byId.get(w.docA.id)?.position).toBe("above-99.8");
    expect(q.outside.map((p) => p.id)).toContain(w.docA.id);
    // around the pooled rate (50 %), nobody is outside
    const pooled = await qualityOverview(w.qo, DEFAULT_OUTCOME_FILTERS, { ...DEFAULT_VIEW, limits: "pooled" }, OUTCOME_TODAY);
    expect(pooled.centre).toBe("pooled");
    expect(pooled.centreRate).toBe(0.5);
    expect(pooled.outside).toEqual([]);
  });

  it("runs the Bernoulli CUSUM over a physician's procedures in date order", async () => {
    const q = await qualityOverview(w.admin, DEFAULT_OUTCOME_FILTERS, { ...DEFAULT_VIEW, cusum: w.docA.id, threshold: 2, oddsRatio: 2 }, OUTCOME_TODAY);
    // a1..a6 in date order: a1, a5 and a6 qualify
    const expected = bernoulliCusum({ outcomes: [1, 0, 0, 0, 1, 1], p0: 0.001, oddsRatio: 2, threshold: 2 });
    expect(q.cusum.physician).toEqual({ id: w.docA.id, name: w.users.docA.name });
    expect(q.cusum.series.map((p) => p.score)).toEqual(expected.scores);
    expect(q.cusum.firstSignal).toEqual({ index: expected.firstSignal, date: "2025-06-01" });
    expect(q.cusum.gChart.map((g) => g.between)).toEqual([0, 3, 0]);
  });

  it("under the like-for-like default counts a5 only, with the all-grade counts beside", async () => {
    const q = await qualityOverview(w.qo, LIKE_FOR_LIKE, DEFAULT_VIEW, OUTCOME_TODAY);
    const a = q.physicians.find((p) => p.id === w.docA.id)!;
    expect([a.rate.events, a.allGrade.events, a.rate.procedures]).toEqual([1, 3, 6]);
    expect(q.pooled).toMatchObject({ events: 1, procedures: 8, allGrade: { events: 4, procedures: 8, sameAsDefinition: false } });
    expect(q.definition).toMatch(/^serious events/);
  });

  it("lists the reports awaiting adjudication, whatever the definition", async () => {
    const r = await complicationsAwaitingReview(w.qo, DEFAULT_OUTCOME_FILTERS);
    expect(r.total).toBe(2);
    // serious first (a3 grade III), then by report time
    expect(r.items.map((i) => [i.procedureId, i.status])).toEqual([
      [w.procedures.a3.id, "pending"],
      [w.procedures.a6.id, "needs_info"],
    ]);
  });
});
