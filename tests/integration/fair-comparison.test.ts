import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/dal/errors";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import { outcomeSummaryFor, type OutcomeSummaryJson } from "@/lib/dal/outcomes/api";
import { outcomeCohort } from "@/lib/dal/outcomes/cohort";
import { DEFAULT_COMPLICATION_DEFINITION } from "@/lib/outcomes/complicationDefinition";
import { DEFAULT_MCID } from "@/lib/outcomes/mcid";
import { DEFAULT_OUTCOME_FILTERS, type OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { addDaysIso } from "@/lib/outcomes/dates";
import { firthLogistic, observedExpected, predictLogistic } from "@/lib/stats";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertComplication, insertPatient, insertProcedure, insertSite, insertUser, principalOf } from "../support/fixtures";

// A constructed practice (both backends). From 2025: three physicians of 60 procedures each —
//   "Old" treats only 85-year-olds, 14 with a (grade I) complication: raw 23 %;
//   "Young" only 55-year-olds, 4 with one: raw 6.7 %;
//   "Mixed" 30 of each age, 7 and 2 — the same rates by age: the pool learns the age effect from everyone.
// Adjusted for age, Old and Young are each about as expected (O/E ≈ 1) although their raw rates differ 3.5-fold.
// Before 2025: one physician's procedures whose reports test the like-for-like default one by one.
const t = await tempDatabaseForFile("fair-comparison");
const TODAY = "2026-11-25";
const FROM_2025 = "2025-01-01";

let qo: ReturnType<typeof principalOf>;
let old: ReturnType<typeof principalOf>;
let young: ReturnType<typeof principalOf>;
let mixed: ReturnType<typeof principalOf>;
let definitionDoc: ReturnType<typeof principalOf>;
const definitionCases: Record<string, number> = {};

beforeAll(async () => {
  const db = t.db;
  const site = await insertSite(db);
  qo = principalOf(await insertUser(db, "quality_officer"));
  const doc = async (name: string) => principalOf(await insertUser(db, "physician", { siteId: site.id, name }));
  old = await doc("Dr Old");
  young = await doc("Dr Young");
  mixed = await doc("Dr Mixed");
  definitionDoc = await doc("Dr Definition");

  let day = 0;
  const procedure = async (physicianId: number, dateOfBirth: string, event: boolean) => {
    const patient = await insertPatient(db, site.id, { dateOfBirth });
    const procedureDate = addDaysIso("2025-01-06", day++);
    const p = await insertProcedure(db, { patientId: patient.id, physicianId, siteId: site.id, procedureDate });
    if (event) await insertComplication(db, { procedureId: p.id, onsetDate: addDaysIso(procedureDate, 3), grade: 1, relatedness: "procedure" });
  };
  const OLD = "1939-12-31";
  const YOUNG = "1969-12-31";
  for (let i = 0; i < 60; i++) await procedure(old.id, OLD, i < 14);
  for (let i = 0; i < 60; i++) await procedure(young.id, YOUNG, i < 4);
  for (let i = 0; i < 30; i++) await procedure(mixed.id, OLD, i < 7);
  for (let i = 0; i < 30; i++) await procedure(mixed.id, YOUNG, i < 2);

  // The like-for-like default, one report per procedure (2024, outside the adjusted view).
  const cases: [string, Partial<Parameters<typeof insertComplication>[1]>, number][] = [
    ["grade III procedure, day 3", { grade: 3, relatedness: "procedure" }, 3],
    ["grade I procedure, day 3", { grade: 1, relatedness: "procedure" }, 3],
    ["grade II marked serious", { grade: 2, relatedness: "device", serious: true }, 3],
    ["fatal outcome, graded II", { grade: 2, relatedness: "procedure", outcome: "fatal" }, 3],
    ["grade IV unknown relatedness", { grade: 4, relatedness: "unknown" }, 10],
    ["grade IV unrelated", { grade: 4, relatedness: "unrelated" }, 10],
    ["grade III on day 91", { grade: 3, relatedness: "procedure" }, 91],
    ["grade III rejected", { grade: 3, relatedness: "anaesthesia", adjudicationStatus: "rejected" }, 3],
    ["grade III pending", { grade: 3, relatedness: "anaesthesia", adjudicationStatus: "pending" }, 3],
  ];
  for (const [i, [label, facts, onset]] of cases.entries()) {
    const patient = await insertPatient(db, site.id);
    const procedureDate = addDaysIso("2024-01-01", i);
    const p = await insertProcedure(db, { patientId: patient.id, physicianId: definitionDoc.id, siteId: site.id, procedureDate });
    await insertComplication(db, { procedureId: p.id, onsetDate: addDaysIso(procedureDate, onset), ...facts });
    definitionCases[label] = p.id;
  }
});

const view = (over: Partial<OutcomeFilters> = {}, severity: "serious" | "any" = "any"): OutcomeFilters => ({
  ...DEFAULT_OUTCOME_FILTERS,
  from: FROM_2025,
  ...over,
  definition: { ...DEFAULT_COMPLICATION_DEFINITION, severity },
});

describe("the like-for-like default definition, report by report", () => {
  it("counts serious (grade ≥ III, death or marked serious), related or unknown, within 90 days, not rejected — nothing else", async () => {
    const cohort = await outcomeCohort(qo, { ...DEFAULT_OUTCOME_FILTERS, physician: definitionDoc.id }, TODAY);
    const counted = new Set(cohort.procedures.filter((p) => p.hasQualifyingComplication).map((p) => p.id));
    const inOrOut = Object.fromEntries(Object.entries(definitionCases).map(([label, id]) => [label, counted.has(id)]));
    expect(inOrOut).toEqual({
      "grade III procedure, day 3": true,
      "grade I procedure, day 3": false,
      "grade II marked serious": true,
      "fatal outcome, graded II": true,
      "grade IV unknown relatedness": true,
      "grade IV unrelated": false,
      "grade III on day 91": false,
      "grade III rejected": false,
      "grade III pending": true,
    });
    // the all-grade companion adds the grade I report, nothing else
    const allGrade = new Set(cohort.procedures.filter((p) => p.hasAllGradeComplication).map((p) => p.id));
    expect(allGrade).toEqual(new Set([...counted, definitionCases["grade I procedure, day 3"]]));
  });
});

describe("risk-adjusted comparison on a constructed practice", () => {
  it("finds Old's raw rate 3.5 times Young's, and both about as expected once age is taken into account", async () => {
    const a = await adjustedComparison(qo, view(), DEFAULT_MCID, TODAY);
    const m = a.complication.model;
    expect(m).toMatchObject({ status: "fitted", method: "firth", n: 180, events: 27 });
    // every covariate but age is the same for every patient here, so it is dropped and listed
    expect(m.covariates.map((c) => c.key)).toEqual(["age10"]);
    expect(m.dropped.map((d) => d.key)).toEqual(expect.arrayContaining(["female", "diabetes", "levels"]));
    const row = (id: number) => a.complication.rows.find((r) => r.physicianId === id)!;
    expect(row(old.id)).toMatchObject({ n: 60, observed: 14 });
    expect(row(young.id)).toMatchObject({ n: 60, observed: 4 });
    // Firth's penalty pulls rare risks a little towards ½, so "about 1", not exactly 1
    for (const id of [old.id, young.id, mixed.id]) {
      expect(row(id).ratio).toBeGreaterThan(0.9);
      expect(row(id).ratio).toBeLessThan(1.1);
      expect(row(id).position).toBe("within");
    }
    // the figures are lib/stats' own: Firth on age, predictions summed, the exact Poisson O/E
    const x = [...Array(60).fill([8.5]), ...Array(60).fill([5.5]), ...Array(30).fill([8.5]), ...Array(30).fill([5.5])] as number[][];
    const y = [...Array(60).keys()]
      .map((i) => (i < 14 ? 1 : 0))
      .concat(
        [...Array(60).keys()].map((i) => (i < 4 ? 1 : 0)),
        [...Array(30).keys()].map((i) => (i < 7 ? 1 : 0)),
        [...Array(30).keys()].map((i) => (i < 2 ? 1 : 0)),
      );
    const fit = firthLogistic({ x, y });
    expect(m.coefficients.map((c) => c.estimate)[1]).toBeCloseTo(fit.coefficients[1], 9);
    expect(m.coefficients[1].oddsRatio!.estimate).toBeCloseTo(Math.exp(fit.coefficients[1]), 9);
    const expectedOld = predictLogistic(fit.coefficients, x.slice(0, 60)).reduce((s, p) => s + p, 0);
    expect(row(old.id).expected).toBeCloseTo(expectedOld, 9);
    expect(row(old.id)).toMatchObject(observedExpected({ observed: 14, expected: row(old.id).expected }));
    expect(m.cStatistic).toBeGreaterThan(0.6);
    expect(m.calibration).toHaveLength(10);
    expect(a.complication.funnel.length).toBeGreaterThan(10);
  });

  it("says 'too few events to adjust' below the rule and gives no adjusted rows (the raw comparison stands alone)", async () => {
    // Under the like-for-like default none of the 2025 reports (all grade I) counts: 0 events.
    const a = await adjustedComparison(qo, view({}, "serious"), DEFAULT_MCID, TODAY);
    expect(a.complication.model.status).toBe("too-few-events");
    expect(a.complication.model.reason).toMatch(/^Too few events to adjust: 0 events for 1 covariate; the rule asks at least 5 events/);
    expect(a.complication.rows).toEqual([]);
    expect(a.complication.funnel).toEqual([]);
    // no 12-month visits in this practice: neither outcome model can be fitted either
    expect(a.responder.model.status).toBe("too-few-events");
    expect(a.odiChange.model.status).toBe("too-few-events");
  });

  it("gives a physician the pooled model and only their own row; another physician's is NotFound", async () => {
    const a = await adjustedComparison(old, view(), DEFAULT_MCID, TODAY);
    expect(a.complication.model.status).toBe("fitted");
    expect(a.complication.rows.map((r) => r.physicianId)).toEqual([old.id]);
    await expect(adjustedComparison(old, view({ physician: young.id }), DEFAULT_MCID, TODAY)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("reconciles: the summary API's adjusted section carries the quality page's figures", async () => {
    const params = new URLSearchParams(`from=${FROM_2025}&severity=any`);
    const api = await outcomeSummaryFor(qo, params, TODAY);
    expect(api.status).toBe(200);
    const body = api.body as OutcomeSummaryJson;
    const page = await adjustedComparison(qo, view(), DEFAULT_MCID, TODAY);
    expect(body.adjusted.complication).toEqual({ model: page.complication.model, rows: page.complication.rows });
    expect(body.adjusted.responder).toEqual({ model: page.responder.model, rows: page.responder.rows });
    expect(body.adjusted.odiChange).toEqual(page.odiChange);
    // a physician's API answer holds their own row only
    const mine = (await outcomeSummaryFor(young, params, TODAY)).body as OutcomeSummaryJson;
    expect(mine.adjusted.complication.rows.map((r) => r.physicianId)).toEqual([young.id]);
    expect(JSON.stringify(mine.adjusted)).not.toContain("Dr Old");
  });
});
