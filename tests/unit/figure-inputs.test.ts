/**
 * What each costly figure reads from a procedure (issue 17): after a write, a figure whose inputs are alike for
 * every procedure of its view keeps its last result (lib/dal/outcomes/cohort.ts keptUnlessChanged). Each test
 * shows the comparison alike where the figure does not look, and different wherever it does.
 */
import { describe, expect, it } from "vitest";
import type { CohortAssessment, CohortProcedure } from "@/lib/outcomes/cohort";
import { sameComplicationInputs, sameCompletenessInputs, samePairAt, sameReliefOutcome } from "@/lib/outcomes/analysis";
import { sameDurabilityInput } from "@/lib/outcomes/durability";
import { sameMonitoringInput } from "@/lib/outcomes/monitoring";
import { sameVisitInterval } from "@/lib/outcomes/reliefSources";
import { sameScheduledScores } from "@/lib/outcomes/trajectories";
import { cohortProcedure } from "../support/cohortProcedure";

const visit = (timepoint: CohortAssessment["timepoint"], day: number, over: Partial<CohortAssessment> = {}): CohortAssessment => ({
  id: day + 1000,
  timepoint,
  assessedOn: "2025-01-01",
  day,
  nprsBack: 7,
  nprsLeg: 6,
  odi: 40,
  walkingMinutes: 10,
  standingMinutes: 5,
  reliefOnsetDay: null,
  outOfWindowReason: null,
  ...over,
});

const base = cohortProcedure({
  physicianId: 3,
  procedureDate: "2025-03-01",
  baseline: visit("baseline", -2),
  followUps: [visit("week_6", 42, { nprsBack: 4 }), visit("unscheduled", 60, { nprsBack: 2 }), visit("month_3", 91, { nprsBack: 3 })],
  relief: { event: 1, day: 42, source: "assessment" },
});
const as = (over: Partial<CohortProcedure>): CohortProcedure => ({ ...base, ...over });
const diaryDay = { day: 3, nprsBack: 2, nprsLeg: 2, odi: null, reliefOnsetDay: null, diary: true };

describe("the score trajectories", () => {
  it("read the baseline's and the scheduled visits' scores, in order", () => {
    expect(sameScheduledScores(base, as({ followUps: base.followUps.map((v) => ({ ...v })) }))).toBe(true);
    // An unscheduled visit, the diary, relief and the complications are not on the timepoint axis.
    const elsewhere = as({
      followUps: [base.followUps[0]!, visit("unscheduled", 61, { nprsBack: 9 }), base.followUps[2]!],
      diary: [diaryDay],
      relief: { event: 1, day: 3, source: "diary" },
      hasQualifyingComplication: true,
    });
    expect(sameScheduledScores(base, elsewhere)).toBe(true);
    for (const changed of [
      as({ baseline: visit("baseline", -2, { odi: 41 }) }),
      as({ baseline: null }),
      as({ followUps: [visit("week_6", 42, { nprsBack: 4, walkingMinutes: 11 }), ...base.followUps.slice(1)] }),
      as({ followUps: [...base.followUps, visit("month_6", 182)] }),
      as({ followUps: [visit("month_3", 42, { nprsBack: 4 }), ...base.followUps.slice(1)] }),
    ])
      expect(sameScheduledScores(base, changed)).toBe(false);
  });
});

describe("durability", () => {
  it("reads the last follow-up's day, or the first subsequent surgery's day and type", () => {
    // Scores and earlier visits do not move the censoring day.
    expect(sameDurabilityInput(base, as({ followUps: [visit("week_6", 42, { odi: 10 }), visit("unscheduled", 50), base.followUps[2]!] }))).toBe(true);
    expect(sameDurabilityInput(base, as({ followUps: [...base.followUps, visit("month_6", 182)] }))).toBe(false);
    const surgery = as({ firstSubsequentSurgery: { day: 200, type: "laminectomy" } });
    expect(sameDurabilityInput(base, surgery)).toBe(false);
    expect(sameDurabilityInput(surgery, as({ firstSubsequentSurgery: { day: 200, type: "fusion" } }))).toBe(false);
    expect(sameDurabilityInput(surgery, as({ firstSubsequentSurgery: { day: 200, type: "laminectomy" }, followUps: [] }))).toBe(true);
    expect(sameDurabilityInput(as({ followUps: [] }), as({ followUps: [visit("week_6", 42)] }))).toBe(false);
  });
});

describe("the visit-only relief estimate", () => {
  it("reads the interval the relief lies in: from the visit before to the relieving one", () => {
    expect(sameVisitInterval(base, as({ followUps: [visit("week_6", 42, { odi: 1 }), ...base.followUps.slice(1)] }))).toBe(true);
    expect(sameVisitInterval(base, as({ relief: { event: 1, day: 91, source: "assessment" } }))).toBe(false);
    expect(sameVisitInterval(base, as({ followUps: [visit("unscheduled", 30), ...base.followUps] }))).toBe(false);
    // A first diary day takes the procedure out of the visit-only estimate.
    expect(sameVisitInterval(base, as({ diary: [diaryDay] }))).toBe(false);
    expect(sameVisitInterval(as({ relief: { excluded: "no-baseline" } }), as({ relief: { excluded: "no-follow-up" } }))).toBe(true);
  });
});

describe("the quality page", () => {
  it("reads the physician, the date and the two complication flags", () => {
    expect(sameMonitoringInput(base, as({ followUps: [], relief: { excluded: "no-follow-up" }, worstGrade: 2, siteId: 4 }))).toBe(true);
    for (const changed of [
      as({ physicianId: 4 }),
      as({ procedureDate: "2025-03-02" }),
      as({ hasQualifyingComplication: true }),
      as({ hasAllGradeComplication: true }),
    ])
      expect(sameMonitoringInput(base, changed)).toBe(false);
  });
});

describe("the headline's parts", () => {
  it("follow-up completeness reads the date, the timepoints assessed and the follow-up mark", () => {
    expect(sameCompletenessInputs(base, as({ followUps: [visit("week_6", 43, { odi: 1 }), visit("month_3", 90)], diary: [diaryDay] }))).toBe(true);
    for (const changed of [
      as({ procedureDate: "2025-03-02" }),
      as({ baseline: null }),
      as({ followUps: [...base.followUps, visit("month_6", 182)] }),
      as({ followUpStatus: { status: "lost", date: "2025-09-01" } }),
    ])
      expect(sameCompletenessInputs(base, changed)).toBe(false);
    const lost = as({ followUpStatus: { status: "lost", date: "2025-09-01" } });
    expect(sameCompletenessInputs(lost, as({ followUpStatus: { status: "lost", date: "2025-09-02" } }))).toBe(false);
    expect(sameCompletenessInputs(lost, as({ followUpStatus: { status: "withdrawn", date: "2025-09-01" } }))).toBe(false);
  });

  it("relief reads the relief outcome (event, day, source) or why the procedure is left out", () => {
    expect(sameReliefOutcome(base, as({ relief: { event: 1, day: 42, source: "assessment" }, followUps: [] }))).toBe(true);
    for (const relief of [
      { event: 0, day: 42, source: "assessment" },
      { event: 1, day: 41, source: "assessment" },
      { event: 1, day: 42, source: "diary" },
      { excluded: "no-baseline" },
    ] as CohortProcedure["relief"][])
      expect(sameReliefOutcome(base, as({ relief }))).toBe(false);
    expect(sameReliefOutcome(as({ relief: { excluded: "no-baseline" } }), as({ relief: { excluded: "no-follow-up" } }))).toBe(false);
  });

  it("change and responders read the baseline's and the view's timepoint's scores only", () => {
    const at3 = samePairAt("month_3");
    expect(at3(base, as({ followUps: [visit("week_6", 42, { nprsBack: 0 }), ...base.followUps.slice(1)] }))).toBe(true);
    expect(at3(base, as({ followUps: [...base.followUps.slice(0, 2), visit("month_3", 91, { nprsBack: 1 })] }))).toBe(false);
    expect(at3(base, as({ baseline: visit("baseline", -2, { standingMinutes: 6 }) }))).toBe(false);
    expect(at3(base, as({ followUps: base.followUps.slice(0, 2) }))).toBe(false);
    // Without a baseline no pair is formed, whatever the visit holds.
    expect(at3(as({ baseline: null }), as({ baseline: null, followUps: [] }))).toBe(true);
  });

  it("the complication summary reads the two flags and each report's type, grade and relatedness", () => {
    const report = {
      id: 1,
      type: "dural_tear_csf_leak" as const,
      grade: 2,
      relatedness: "procedure" as const,
      onsetDay: 3,
      adjudicationStatus: "confirmed" as const,
      serious: false,
    };
    const withReport = as({ hasQualifyingComplication: true, hasAllGradeComplication: true, complications: [report] });
    expect(sameComplicationInputs(withReport, as({ ...withReport, complications: [{ ...report, id: 9, onsetDay: 5 }], worstGrade: 2 }))).toBe(true);
    for (const changed of [
      as({ ...withReport, complications: [{ ...report, grade: 3 }] }),
      as({ ...withReport, complications: [{ ...report, type: "infection" as never }] }),
      as({ ...withReport, complications: [{ ...report, relatedness: "device" as never }] }),
      as({ ...withReport, complications: [report, report] }),
      as({ ...withReport, hasAllGradeComplication: false }),
      as({ ...withReport, hasQualifyingComplication: false }),
    ])
      expect(sameComplicationInputs(withReport, changed)).toBe(false);
  });
});
