import { describe, expect, it } from "vitest";
import {
  caseMixDesign,
  COMPLICATION_COVARIATE_KEYS,
  covariatesByKey,
  enoughEvents,
  eventsPerParameterRule,
  levelCount,
  MIN_PER_LEVEL,
  odiChangeAt12Months,
  responderAt12Months,
  CASE_MIX_COVARIATES,
} from "@/lib/outcomes/caseMix";
import { RISK_FACTORS } from "@/db/enums";
import type { CohortAssessment, CohortProcedure } from "@/lib/outcomes/cohort";
import { sameModelInputs } from "@/lib/outcomes/adjustedModels";
import { poissonFunnelLimits } from "@/lib/stats";
import { ppois } from "@/lib/stats/poisson";
import { cohortProcedure } from "../support/cohortProcedure";

const visit = (timepoint: CohortAssessment["timepoint"], day: number, odi: number | null, nprsBack = 7): CohortAssessment => ({
  id: day + 1000,
  timepoint,
  assessedOn: "2025-01-01",
  day,
  nprsBack,
  nprsLeg: 6,
  odi,
  walkingMinutes: null,
  standingMinutes: null,
  reliefOnsetDay: null,
  outOfWindowReason: null,
});

const procedure = cohortProcedure;

const bit = (f: (typeof RISK_FACTORS)[number]) => 1 << RISK_FACTORS.indexOf(f);

describe("the case-mix design matrix", () => {
  // Ten patients varied enough that every covariate is kept: each indicator held by exactly 5 (MIN_PER_LEVEL).
  const varied = Array.from({ length: 10 }, (_, i) =>
    procedure({
      ageAtProcedure: 60 + i,
      sex: i < 5 ? "female" : i < 10 && i >= 8 ? "unknown" : "male",
      riskMask: i % 2 === 0 ? (1 << RISK_FACTORS.length) - 1 : 0,
      diagnosis: i < 5 ? "herniated_disc" : "stenosis",
      levels: i % 2 ? "L3-L4,L4-L5" : "L4-L5",
      priorTreatmentFlag: i >= 5,
    }),
  );

  it("codes each covariate: age per 10 years, sex against male, each risk factor, diagnosis against stenosis, levels, the flag", () => {
    const p = procedure({
      ageAtProcedure: 83,
      sex: "female",
      riskMask: bit("diabetes") | bit("smoking"),
      diagnosis: "other",
      levels: "L2-L3,L3-L4,L4-L5",
      priorTreatmentFlag: true,
    });
    const row = Object.fromEntries(CASE_MIX_COVARIATES.map((c) => [c.key, c.value(p)]));
    expect(row).toEqual({
      age10: 8.3,
      female: 1,
      sexOtherUnknown: 0,
      scoliosisKyphosis: 0,
      previousSpinalFracture: 0,
      previousSpinalSurgery: 0,
      medicationAllergies: 0,
      diabetes: 1,
      cardiovascularDisease: 0,
      smoking: 1,
      heavyDrinking: 0,
      herniatedDisc: 0,
      otherDiagnosis: 1,
      levels: 3,
      priorTreatment: 1,
    });
    expect(CASE_MIX_COVARIATES.find((c) => c.key === "sexOtherUnknown")!.value(procedure({ sex: "other" }))).toBe(1);
    expect(levelCount("L4-L5")).toBe(1);
  });

  it("builds one row per subject in the covariates' order, with no intercept column", () => {
    const d = caseMixDesign(varied);
    expect(d.x).toHaveLength(10);
    expect(d.x[0]).toHaveLength(d.covariates.length);
    expect(d.covariates[0].key).toBe("age10");
    expect(d.x.map((r) => r[0])).toEqual(varied.map((p) => p.ageAtProcedure / 10));
    const diabetes = d.covariates.findIndex((c) => c.key === "diabetes");
    expect(d.x.map((r) => r[diabetes])).toEqual(varied.map((_, i) => (i % 2 === 0 ? 1 : 0)));
  });

  it("drops a covariate the view leaves constant, and an indicator held by fewer than MIN_PER_LEVEL on either side, saying why", () => {
    const d = caseMixDesign(varied);
    // 2 of 10 have sex unknown: below MIN_PER_LEVEL; the other diagnosis: nobody
    expect(MIN_PER_LEVEL).toBe(5);
    expect(d.dropped).toEqual([
      { key: "sexOtherUnknown", label: "Sex other or unknown (against male)", reason: "fewer than 5 patients with or without it" },
      { key: "otherDiagnosis", label: "Other diagnosis (against stenosis)", reason: "the same for every patient in this view" },
    ]);
    expect(d.covariates.map((c) => c.key)).not.toContain("otherDiagnosis");
    expect(d.covariates).toHaveLength(CASE_MIX_COVARIATES.length - 2);
  });

  it("gives the complication model its parsimonious core only", () => {
    expect(covariatesByKey(COMPLICATION_COVARIATE_KEYS).map((c) => c.key)).toEqual([
      "age10",
      "female",
      "previousSpinalSurgery",
      "diabetes",
      "cardiovascularDisease",
      "levels",
    ]);
    expect(caseMixDesign(varied, covariatesByKey(COMPLICATION_COVARIATE_KEYS)).x[0]).toHaveLength(6);
  });
});

describe("the models' outcomes", () => {
  it("ODI change and responder at 12 months need the baseline and the 12-month visit", () => {
    const p = procedure({ baseline: visit("baseline", -3, 50), followUps: [visit("week_6", 42, 45), visit("month_12", 365, 38)] });
    expect(odiChangeAt12Months(p)).toBe(-12);
    expect(responderAt12Months(p, "odi-10pt")).toBe(1);
    expect(responderAt12Months(p, "odi-15pt")).toBe(0);
    expect(odiChangeAt12Months(procedure({ baseline: visit("baseline", -3, 50), followUps: [visit("week_6", 42, 40)] }))).toBeNull();
    expect(responderAt12Months(procedure({ followUps: [visit("month_12", 365, 20)] }), "odi-10pt")).toBeNull();
    expect(odiChangeAt12Months(procedure({ baseline: visit("baseline", -3, null), followUps: [visit("month_12", 365, 20)] }))).toBeNull();
  });
});

describe("what the risk models read from a procedure", () => {
  const base = procedure({
    ageAtProcedure: 74,
    sex: "female",
    riskMask: bit("diabetes"),
    levels: "L3-L4,L4-L5",
    baseline: visit("baseline", -3, 50),
    followUps: [visit("week_6", 42, 45), visit("month_12", 365, 38)],
  });
  const as = (over: Partial<CohortProcedure>) => ({ ...base, ...over });

  it("is the same for a copy that differs only where no model looks: other visits, the diary, relief, the site", () => {
    const elsewhere = as({
      followUps: [visit("week_6", 42, 20, 2), visit("month_3", 90, 30), visit("month_12", 365, 38), visit("month_24", 730, 10)],
      diary: [{ day: 3, nprsBack: 2, nprsLeg: 2, odi: null, reliefOnsetDay: 3 }] as CohortProcedure["diary"],
      relief: { event: true, day: 3 } as unknown as CohortProcedure["relief"],
      siteId: 9,
      procedureDate: "2025-02-02",
      hasAllGradeComplication: true,
    });
    expect(sameModelInputs(base, elsewhere, "odi-10pt")).toBe(true);
    expect(sameModelInputs(base, { ...base }, "nprs-back-30pct")).toBe(true);
  });

  it("differs when the physician, any covariate, the complication or either 12-month outcome differs", () => {
    const changed: [string, CohortProcedure][] = [
      ["physician", as({ physicianId: 2 })],
      ["age", as({ ageAtProcedure: 75 })],
      ["sex", as({ sex: "male" })],
      ["a risk factor", as({ riskMask: bit("diabetes") | bit("smoking") })],
      ["diagnosis", as({ diagnosis: "other" })],
      ["levels", as({ levels: "L4-L5" })],
      ["the prior-treatment flag", as({ priorTreatmentFlag: true })],
      ["a qualifying complication", as({ hasQualifyingComplication: true })],
      ["the 12-month ODI", as({ followUps: [visit("week_6", 42, 45), visit("month_12", 365, 44)] })],
      ["the baseline ODI", as({ baseline: visit("baseline", -3, 60) })],
      ["the 12-month visit missing", as({ followUps: [visit("week_6", 42, 45)] })],
    ];
    for (const [what, p] of changed) expect(sameModelInputs(base, p, "odi-10pt"), what).toBe(false);
    // The responder rule of the view: a change in back pain at 12 months matters under an NPRS rule only.
    const backPain = as({ followUps: [visit("week_6", 42, 45), visit("month_12", 365, 38, 1)] });
    expect(sameModelInputs(base, backPain, "nprs-back-30pct")).toBe(false);
  });
});

describe("the events-per-parameter rule", () => {
  it("asks 10 per covariate for maximum likelihood, 5 for Firth, 10 patients per covariate for the linear model", () => {
    expect(enoughEvents("logistic", 60, 6)).toBe(true);
    expect(enoughEvents("logistic", 59, 6)).toBe(false);
    expect(enoughEvents("firth", 30, 6)).toBe(true);
    expect(enoughEvents("firth", 29, 6)).toBe(false);
    expect(enoughEvents("firth", 0, 0)).toBe(false);
    expect(eventsPerParameterRule("firth")).toMatch(/^at least 5 events .*per covariate.*Firth/);
  });
});

describe("exact Poisson limits of a risk-adjusted funnel", () => {
  it("are R's qpois quantiles over the expected count: the smallest k with P(X ≤ k) ≥ q", () => {
    // Above a mean of 1,000 the tails are sums of pmf terms (poisson.ts): the large practices' responder funnels.
    for (const e of [0.05, 0.3, 1, 2.5, 7, 40, 333.3, 999.9, 1234.5, 4000, 25_000]) {
      const [l95, l998] = poissonFunnelLimits({ expected: [e], levels: [0.95, 0.998] });
      for (const [lim, level] of [
        [l95, 0.95],
        [l998, 0.998],
      ] as const) {
        for (const [ratio, q] of [
          [lim.upper, (1 + level) / 2],
          [lim.lower, (1 - level) / 2],
        ]) {
          const k = Math.round(ratio * e);
          expect(ppois(k, e)).toBeGreaterThanOrEqual(q * (1 - 1e-12));
          if (k > 0) expect(ppois(k - 1, e)).toBeLessThan(q);
        }
      }
    }
    // known values: qpois(0.975, 1) = 3, qpois(0.025, 10) = 4, qpois(0.975, 10) = 17
    expect(poissonFunnelLimits({ expected: [1], levels: [0.95] })[0]).toMatchObject({ lower: 0, upper: 3 });
    expect(poissonFunnelLimits({ expected: [10], levels: [0.95] })[0]).toMatchObject({ lower: 0.4, upper: 1.7 });
  });

  it("refuses an expected count that is not positive", () => {
    expect(() => poissonFunnelLimits({ expected: [0], levels: [0.95] })).toThrow(/expected\[0\] must be a finite number > 0/);
  });
});
