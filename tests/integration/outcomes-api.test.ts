import { beforeAll, describe, expect, it } from "vitest";
import { outcomeSummaryFor, type OutcomeSummaryJson } from "@/lib/dal/outcomes/api";
import { binomOneSided, clopperPearson, kaplanMeier, proceduresNeeded } from "@/lib/stats";
import { OUTCOME_TODAY, seedOutcomeWorld, type OutcomeWorld } from "../support/outcomeFixtures";
import { tempDatabaseForFile } from "../support/tempDb";

// The route (app/api/v1/outcomes/summary/route.ts) only adds the session (401 without one) around this core.
const t = await tempDatabaseForFile("outcomes-api");
let w: OutcomeWorld;
beforeAll(async () => {
  w = await seedOutcomeWorld(t.db);
});

async function ok(principal: OutcomeWorld["docA"], query: string): Promise<OutcomeSummaryJson> {
  const r = await outcomeSummaryFor(principal, new URLSearchParams(query), OUTCOME_TODAY);
  expect(r.status).toBe(200);
  return r.body as OutcomeSummaryJson;
}

describe("GET /api/v1/outcomes/summary (core)", () => {
  it("returns the hand-counted figures for a physician's default view, with lib/stats' exact statistics", async () => {
    const body = await ok(w.docA, "");
    expect(body.procedures).toBe(6);
    // Only a5 (adjudicated grade III) is serious, so only it counts under the like-for-like default; a1, a5 and
    // a6 count at every grade, shown beside (see tests/support/outcomeFixtures.ts)
    const ci = clopperPearson({ events: 1, n: 6 });
    const all = clopperPearson({ events: 3, n: 6 });
    expect(body.complications).toEqual({
      events: 1,
      procedures: 6,
      rate: 1 / 6,
      ciLower: ci.lower,
      ciUpper: ci.upper,
      upperBound95: binomOneSided({ events: 1, n: 6, p0: 0.001, alternative: "less" }).upperBound,
      pValueAboveTarget: binomOneSided({ events: 1, n: 6, p0: 0.001, alternative: "greater" }).pValue,
      target: 0.001,
      verdict: "above",
      moreProceduresNeeded: null,
      reports: 1,
      definition: body.definition.complicationDefinition,
      allGrade: {
        events: 3,
        procedures: 6,
        rate: 0.5,
        ciLower: all.lower,
        ciUpper: all.upper,
        definition: expect.stringMatching(/^events of any Clavien–Dindo grade; related to device, procedure or anaesthesia or relatedness unknown/),
        difference: expect.stringContaining("also counts minor events"),
      },
    });
    const km = kaplanMeier({ times: [9, 14, 42, 91], events: [1, 1, 1, 0] });
    expect(body.relief).toEqual({
      n: 4,
      events: 3,
      median: 28,
      medianLower: km.medianLower,
      medianUpper: km.medianUpper,
      excluded: { noBaseline: 1, noFollowUp: 1 },
    });
    expect(body.definition).toMatchObject({
      severity: "serious",
      minGrade: 1,
      related: ["device", "procedure", "anaesthesia", "unknown"],
      windowDays: 90,
      adjudicated: "reported",
      reliefCriterion: "nprs-2pt-30pct",
      confLevel: 0.95,
    });
    expect(body.definition.complicationDefinition).toMatch(/^serious events \(Clavien–Dindo grade III or higher, death, or marked serious\);.*within 90 days/);
  });

  it("changes with every part of the definition and says which one it used", async () => {
    const every = await ok(w.docA, "severity=any");
    expect(every.complications.events).toBe(3);
    expect(every.definition.severity).toBe("any");
    expect(every.complications.allGrade).toMatchObject({ events: 3, difference: expect.stringContaining("already counts every grade") });
    expect((await ok(w.docA, "severity=any&minGrade=3")).complications.events).toBe(1);
    expect((await ok(w.docA, "severity=any&related=device,procedure")).complications.events).toBe(1);
    expect((await ok(w.docA, "severity=any&windowDays=30")).complications.events).toBe(2);
    const any = await ok(w.docA, "severity=any&windowDays=any");
    expect(any.complications.events).toBe(4);
    expect(any.definition.windowDays).toBeNull();
    const confirmed = await ok(w.docA, "severity=any&adjudicated=confirmed");
    expect(confirmed.complications.events).toBe(2);
    expect(confirmed.definition.adjudicated).toBe("confirmed");
    const odi = await ok(w.docA, "reliefCriterion=odi-10pt");
    expect(odi.definition.reliefCriterion).toBe("odi-10pt");
    // a1 at 2 weeks, a2 at 12 months, a6 by its recorded onset (a patient-reported onset counts whatever the
    // criterion); a3 never reaches −10 ODI points
    expect(odi.relief.events).toBe(3);
  });

  it("reports 'not yet shown' with the number of further event-free procedures needed", async () => {
    // physician B under grade ≥ IV: 0 events in 2 procedures; 0 events need 2,995 procedures
    const body = await ok(w.docB, "minGrade=4");
    expect(body.complications).toMatchObject({ events: 0, procedures: 2, rate: 0, verdict: "not-yet-shown", moreProceduresNeeded: 2995 - 2 });
    expect(proceduresNeeded({ events: 0, p0: 0.001 }).n).toBe(2995);
    expect(body.complications.upperBound95).toBeGreaterThan(0.001);
  });

  it("applies the filters from the query string", async () => {
    const body = await ok(w.qo, `site=${w.siteB.id}`);
    expect(body.procedures).toBe(2);
    expect(body.filters).toMatchObject({ site: w.siteB.id, flag: "include" });
    expect((await ok(w.qo, "flag=exclude")).procedures).toBe(7);
    expect((await ok(w.qo, "from=2025-02-01&to=2025-03-01")).procedures).toBe(3);
    expect((await ok(w.qo, `physician=${w.docB.id}`)).procedures).toBe(2);
  });

  it("answers 400 naming each malformed parameter", async () => {
    const r = await outcomeSummaryFor(
      w.docA,
      new URLSearchParams("minGrade=9&from=2024-13-01&windowDays=soon&related=device,sometimes&adjudicated=maybe&reliefCriterion=vibes"),
      OUTCOME_TODAY,
    );
    expect(r.status).toBe(400);
    if (r.status !== 400) return;
    expect(Object.keys(r.body.fieldErrors).sort()).toEqual(["adjudicated", "from", "minGrade", "related", "reliefCriterion", "windowDays"]);
  });

  it("answers 404 when a physician asks for another physician, as for one who does not exist", async () => {
    const other = await outcomeSummaryFor(w.docA, new URLSearchParams(`physician=${w.docB.id}`), OUTCOME_TODAY);
    const unknown = await outcomeSummaryFor(w.docA, new URLSearchParams("physician=987654"), OUTCOME_TODAY);
    expect(other).toEqual({ status: 404, body: { error: "Physician not found" } });
    expect(unknown).toEqual(other);
    // asking for oneself is allowed
    expect((await ok(w.docA, `physician=${w.docA.id}`)).procedures).toBe(6);
  });

  it.each(["qo", "admin"] as const)("lets a %s see everyone", async (who) => {
    const body = await ok(w[who], "");
    expect(body.procedures).toBe(8);
    expect(body.complications.events).toBe(1);
    expect(body.complications.allGrade.events).toBe(4);
  });
});
