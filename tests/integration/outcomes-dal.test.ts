import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/dal/errors";
import { outcomePool, outcomeSummary, reliefComparison } from "@/lib/dal/outcomes/dashboard";
import { outcomeCohort } from "@/lib/dal/outcomes/cohort";
import { DEFAULT_COMPLICATION_DEFINITION, type ComplicationDefinition } from "@/lib/outcomes/complicationDefinition";
import { DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, parseOutcomeFilters, type OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { clopperPearson, kaplanMeier, logRank, pairedChange } from "@/lib/stats";
import { OUTCOME_TODAY, seedOutcomeWorld, type OutcomeWorld } from "../support/outcomeFixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const t = await tempDatabaseForFile("outcomes-dal");
let w: OutcomeWorld;
beforeAll(async () => {
  w = await seedOutcomeWorld(t.db);
});

const TODAY = OUTCOME_TODAY;
// Every grade unless a test says otherwise: this world's events are mostly grade I–II, which the like-for-like
// default leaves out (tests/integration/fair-comparison.test.ts covers the default).
const filters = (over: Partial<OutcomeFilters> = {}, def: Partial<ComplicationDefinition> = {}): OutcomeFilters => ({
  ...DEFAULT_OUTCOME_FILTERS,
  ...over,
  definition: { ...DEFAULT_COMPLICATION_DEFINITION, severity: "any", ...def },
});
const ids = (c: { procedures: { id: number }[] }) => c.procedures.map((p) => p.id).sort((a, b) => a - b);

describe("the cohort is scoped in the data layer", () => {
  it("gives a physician only their own procedures, in date order", async () => {
    const c = await outcomeCohort(w.docA, filters(), TODAY);
    const { a1, a2, a3, a4, a5, a6 } = w.procedures;
    expect(c.procedures.map((p) => p.id)).toEqual([a1.id, a2.id, a3.id, a4.id, a5.id, a6.id]);
    expect(new Set(c.procedures.map((p) => p.physicianId))).toEqual(new Set([w.docA.id]));
    expect(ids(await outcomeCohort(w.docB, filters(), TODAY))).toEqual([w.procedures.b1.id, w.procedures.b2.id]);
  });

  it("refuses a physician's request for another physician as NotFound, exactly like an unknown physician", async () => {
    await expect(outcomeCohort(w.docA, filters({ physician: w.docB.id }), TODAY)).rejects.toBeInstanceOf(NotFoundError);
    await expect(outcomeCohort(w.docA, filters({ physician: 999999 }), TODAY)).rejects.toBeInstanceOf(NotFoundError);
    await expect(outcomeSummary(w.docA, filters({ physician: w.docB.id }), DEFAULT_VIEW, TODAY)).rejects.toBeInstanceOf(NotFoundError);
    await expect(outcomePool(w.docA, filters({ physician: w.docB.id }), DEFAULT_VIEW, TODAY)).rejects.toBeInstanceOf(NotFoundError);
    // asking for oneself is fine
    expect((await outcomeCohort(w.docA, filters({ physician: w.docA.id }), TODAY)).procedures).toHaveLength(6);
  });

  it.each(["qo", "admin"] as const)("lets a %s see everyone or pick any physician, but not a non-physician", async (who) => {
    const me = w[who];
    expect((await outcomeCohort(me, filters(), TODAY)).procedures).toHaveLength(8);
    expect(ids(await outcomeCohort(me, filters({ physician: w.docB.id }), TODAY))).toEqual([w.procedures.b1.id, w.procedures.b2.id]);
    await expect(outcomeCohort(me, filters({ physician: w.qo.id }), TODAY)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the complication definition (physician A: hand-counted per procedure)", () => {
  // a1 gr II procedure d40 confirmed · a2 gr I unrelated d10 confirmed · a3 gr III device d120 pending ·
  // a4 rejected · a5 reported gr I procedure, adjudicated gr III unknown d5 · a6 gr II anaesthesia d0 needs_info
  const events = async (def: Partial<ComplicationDefinition>) => {
    const c = await outcomeCohort(w.docA, filters({}, def), TODAY);
    return c.procedures.filter((p) => p.hasQualifyingComplication).map((p) => p.id);
  };
  it("every grade; device, procedure, anaesthesia or unknown; within 90 days; not rejected → a1, a5, a6", async () => {
    const p = w.procedures;
    expect(await events({})).toEqual([p.a1.id, p.a5.id, p.a6.id]);
  });

  it("the like-for-like default counts only the serious one (a5, adjudicated grade III) and keeps the all-grade flag beside", async () => {
    const p = w.procedures;
    expect(await events({ severity: "serious" })).toEqual([p.a5.id]);
    const c = await outcomeCohort(w.docA, filters({}, { severity: "serious" }), TODAY);
    expect(c.procedures.filter((x) => x.hasAllGradeComplication).map((x) => x.id)).toEqual([p.a1.id, p.a5.id, p.a6.id]);
  });

  it("minimum grade uses the adjudicator's grade where set (a5 reported I, adjudicated III)", async () => {
    const p = w.procedures;
    expect(await events({ minGrade: 2 })).toEqual([p.a1.id, p.a5.id, p.a6.id]);
    expect(await events({ minGrade: 3 })).toEqual([p.a5.id]);
    expect(await events({ minGrade: 4 })).toEqual([]);
  });

  it("relatedness uses the adjudicator's relatedness where set (a5 reported procedure, adjudicated unknown)", async () => {
    const p = w.procedures;
    expect(await events({ related: ["device", "procedure"] })).toEqual([p.a1.id]);
    expect(await events({ related: ["device", "procedure"], windowDays: null })).toEqual([p.a1.id, p.a3.id]);
    expect(await events({ related: ["device", "procedure", "anaesthesia", "unrelated", "unknown"] })).toEqual([p.a1.id, p.a2.id, p.a5.id, p.a6.id]);
    expect(await events({ related: ["unknown"] })).toEqual([p.a5.id]);
  });

  it("window after the procedure: 30 days, 90 days, any time", async () => {
    const p = w.procedures;
    expect(await events({ windowDays: 30 })).toEqual([p.a5.id, p.a6.id]);
    expect(await events({ windowDays: 90 })).toEqual([p.a1.id, p.a5.id, p.a6.id]);
    expect(await events({ windowDays: null })).toEqual([p.a1.id, p.a3.id, p.a5.id, p.a6.id]);
  });

  it("reported counts everything but rejected; confirmed counts only adjudicated-confirmed", async () => {
    const p = w.procedures;
    expect(await events({ adjudicated: "confirmed" })).toEqual([p.a1.id, p.a5.id]);
    expect(await events({ adjudicated: "confirmed", windowDays: null })).toEqual([p.a1.id, p.a5.id]);
    // the rejected report on a4 never counts, whatever else is chosen
    expect(await events({ adjudicated: "reported", windowDays: null, related: ["device", "procedure", "anaesthesia", "unrelated", "unknown"] })).not.toContain(
      p.a4.id,
    );
  });

  it("keeps the worst grade of the qualifying complications and the effective values", async () => {
    const c = await outcomeCohort(w.docA, filters(), TODAY);
    const a5 = c.procedures.find((p) => p.id === w.procedures.a5.id)!;
    expect(a5.worstGrade).toBe(3);
    expect(a5.complications).toEqual([expect.objectContaining({ grade: 3, relatedness: "unknown", onsetDay: 5, adjudicationStatus: "confirmed" })]);
    expect(c.procedures.find((p) => p.id === w.procedures.a2.id)!.worstGrade).toBeNull();
  });

  it("the summary's rate is procedures with ≥ 1 qualifying complication, with lib/stats' exact figures", async () => {
    const s = await outcomeSummary(w.docA, filters(), DEFAULT_VIEW, TODAY);
    const c = s.complications;
    expect([c.events, c.procedures, c.reports]).toEqual([3, 6, 3]);
    const ci = clopperPearson({ events: 3, n: 6, confLevel: 0.95 });
    expect([c.rate, c.ciLower, c.ciUpper]).toEqual([0.5, ci.lower, ci.upper]);
    expect(c.verdict).toBe("above");
    expect(c.moreProceduresNeeded).toBeNull();
    expect(c.byGrade).toEqual([
      { key: 2, complications: 2, procedures: 2 },
      { key: 3, complications: 1, procedures: 1 },
    ]);
    expect(c.byRelatedness.map((r) => [r.key, r.complications])).toEqual([
      ["anaesthesia", 1],
      ["procedure", 1],
      ["unknown", 1],
    ]);
    expect(c.description).toContain("within 90 days");
  });
});

describe("the filters", () => {
  const count = async (over: Partial<OutcomeFilters>, me = w.qo) => ids(await outcomeCohort(me, filters(over), TODAY));
  it("site, dates, diagnosis, risk factor, prior-treatment flag and levels narrow the cohort", async () => {
    const p = w.procedures;
    expect(await count({ site: w.siteB.id })).toEqual([p.b1.id, p.b2.id]);
    expect(await count({ from: "2025-02-01", to: "2025-03-01" })).toEqual([p.a2.id, p.a3.id, p.b2.id]);
    expect(await count({ diagnosis: "herniated_disc" })).toEqual([p.a2.id]);
    expect(await count({ riskFactor: "diabetes" })).toEqual([p.a1.id]);
    expect(await count({ flag: "only" })).toEqual([p.a4.id]);
    expect((await count({ flag: "exclude" })).includes(p.a4.id)).toBe(false);
    expect((await count({ flag: "exclude" })).length).toBe(7);
    expect(await count({ levels: ["L3-L4"] })).toEqual([p.a3.id]);
    expect((await count({ levels: ["L3-L4", "L4-L5"] })).length).toBe(8);
  });

  it("a physician's filters never widen their scope", async () => {
    expect(await count({ site: w.siteB.id }, w.docA)).toEqual([]);
  });

  it("filters parsed from a URL give the same cohort as typed ones", async () => {
    const parsed = parseOutcomeFilters(new URLSearchParams("from=2025-02-01&to=2025-03-01&related=device&related=procedure&windowDays=any"));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    const c = await outcomeCohort(w.docA, parsed.filters, TODAY);
    expect(c.procedures.map((p) => [p.id, p.hasQualifyingComplication])).toEqual([
      [w.procedures.a2.id, false],
      [w.procedures.a3.id, true],
    ]);
  });
});

describe("time to relief (default criterion: back or leg NPRS −2 points and −30 %)", () => {
  it("derives each procedure's relief event/day and leaves out those without baseline or follow-up", async () => {
    const c = await outcomeCohort(w.docA, filters(), TODAY);
    const byId = new Map(c.procedures.map((p) => [p.id, p.relief]));
    const p = w.procedures;
    expect(byId.get(p.a1.id)).toEqual({ event: 1, day: 14, source: "assessment" });
    expect(byId.get(p.a2.id)).toEqual({ event: 1, day: 42, source: "assessment" });
    expect(byId.get(p.a3.id)).toEqual({ event: 0, day: 91, source: "assessment" });
    expect(byId.get(p.a4.id)).toEqual({ excluded: "no-follow-up" });
    expect(byId.get(p.a5.id)).toEqual({ excluded: "no-baseline" });
    expect(byId.get(p.a6.id)).toEqual({ event: 1, day: 9, source: "onset" });
  });

  it("gives n, events and the Kaplan–Meier median (S is exactly 0.5 from day 14 to 42: median 28, R's rule)", async () => {
    const s = await outcomeSummary(w.docA, filters(), DEFAULT_VIEW, TODAY);
    expect(s.relief.n).toBe(4);
    expect(s.relief.events).toBe(3);
    expect(s.relief.excluded).toEqual({ noBaseline: 1, noFollowUp: 1 });
    expect(s.relief.median).toBe(28);
    const km = kaplanMeier({ times: [14, 42, 91, 9], events: [1, 1, 0, 1] });
    expect([s.relief.median, s.relief.medianLower, s.relief.medianUpper]).toEqual([km.median, km.medianLower, km.medianUpper]);
    // fewer than 10 patients: no curve is drawn
    expect(s.relief.tooFew).toBe(true);
    expect(s.relief.curve).toBeNull();
  });

  it("follows the chosen criterion: ODI −10 points relieves a1 at 2 weeks (50 → 40) and nobody else before 12 months", async () => {
    const c = await outcomeCohort(w.docA, filters({ reliefCriterion: "odi-10pt" }), TODAY);
    const a1 = c.procedures.find((p) => p.id === w.procedures.a1.id)!;
    expect(a1.relief).toEqual({ event: 1, day: 14, source: "assessment" });
    const a2 = c.procedures.find((p) => p.id === w.procedures.a2.id)!;
    expect(a2.relief).toMatchObject({ event: 1, day: 365 });
  });

  it("compares groups with the log-rank test from lib/stats (site vs site, for a quality officer)", async () => {
    const cmp = await reliefComparison(w.qo, filters(), "site", TODAY);
    expect(cmp?.groups.map((g) => [g.label, g.n, g.events])).toEqual([
      ["Site OA", 4, 3],
      ["Site OB", 2, 1],
    ]);
    const expected = logRank({
      groups: [
        { times: [14, 42, 91, 9], events: [1, 1, 0, 1] },
        { times: [14, 14], events: [1, 0] },
      ],
    });
    expect(cmp?.logRank).toEqual({ chiSquare: expected.chiSquare, df: expected.df, pValue: expected.pValue });
  });
});

describe("scores, change and responders", () => {
  it("follow-up completeness counts procedures whose window has closed", async () => {
    const s = await outcomeSummary(w.docA, filters(), DEFAULT_VIEW, TODAY);
    const by = Object.fromEntries(s.followUp.map((f) => [f.timepoint, [f.done, f.eligible]]));
    expect(by.baseline).toEqual([5, 6]);
    expect(by.week_2).toEqual([5, 6]);
    expect(by.month_12).toEqual([2, 6]);
    // on 2025-07-01 no 12-month window of A's procedures has closed yet
    const early = await outcomeSummary(w.docA, filters(), DEFAULT_VIEW, "2025-07-01");
    expect(early.followUp.find((f) => f.timepoint === "month_12")).toMatchObject({ eligible: 0, done: 0, rate: null });
  });

  it("paired change and responders at 12 months (a1 and a2 have both scores)", async () => {
    const s = await outcomeSummary(w.docA, filters(), { at: "month_12", mcid: "odi-10pt" }, TODAY);
    const back = s.change.find((c) => c.measure.key === "nprsBack")!;
    expect(back.change).toEqual(pairedChange({ pre: [8, 6], post: [3, 5] }));
    expect(back.baselineMean).toBe(7);
    const walking = s.change.find((c) => c.measure.key === "walkingMinutes")!;
    expect(walking.change?.meanChange).toBe(17.5);
    const resp = Object.fromEntries(s.responders.map((r) => [r.preset.id, r.result && [r.result.responders, r.result.n]]));
    expect(resp["odi-10pt"]).toEqual([2, 2]);
    expect(resp["odi-15pt"]).toEqual([1, 2]);
    expect(resp["odi-30pct"]).toEqual([1, 2]);
    expect(resp["nprs-back-2pt"]).toEqual([1, 2]);
    const month12 = s.trajectories.find((t) => t.measure.key === "nprsBack")!.points.find((p) => p.timepoint === "month_12")!;
    expect([month12.n, month12.mean]).toEqual([2, 4]);
  });
});

describe("my results vs the pool", () => {
  const keysOf = (x: unknown, out = new Set<string>()): Set<string> => {
    if (Array.isArray(x)) x.forEach((v) => keysOf(v, out));
    else if (x && typeof x === "object")
      for (const [k, v] of Object.entries(x)) {
        out.add(k);
        keysOf(v, out);
      }
    return out;
  };

  it("pools the other physicians without names, ids or emails", async () => {
    const pool = await outcomePool(w.docA, filters(), DEFAULT_VIEW, TODAY);
    expect(pool).not.toBeNull();
    expect(pool!.physicians).toBe(1);
    expect(pool!.summary.procedures).toBe(2);
    expect(pool!.summary.complications.events).toBe(1);
    const text = JSON.stringify(pool);
    expect(text).not.toContain(w.users.docB.name);
    expect(text).not.toContain(w.users.docB.email);
    const keys = keysOf(pool);
    for (const forbidden of ["physicianId", "patientId", "name", "email", "procedureId"]) expect(keys.has(forbidden)).toBe(false);
  });

  it("a quality officer looking at one physician gets the rest pooled; looking at everyone, no pool", async () => {
    const pool = await outcomePool(w.qo, filters({ physician: w.docB.id }), DEFAULT_VIEW, TODAY);
    expect(pool?.summary.procedures).toBe(6);
    expect(await outcomePool(w.qo, filters(), DEFAULT_VIEW, TODAY)).toBeNull();
  });

  it("me vs the rest of the practice: relief compared with the log-rank test", async () => {
    const cmp = await reliefComparison(w.docA, filters(), "pool", TODAY);
    expect(cmp?.groups.map((g) => [g.label, g.n])).toEqual([
      ["My patients", 4],
      ["Rest of the practice (pooled)", 2],
    ]);
  });
});
