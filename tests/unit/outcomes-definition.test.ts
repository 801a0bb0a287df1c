import { describe, expect, it } from "vitest";
import {
  allGradeDefinition,
  allGradeDifference,
  complicationQualifies,
  DEFAULT_COMPLICATION_DEFINITION,
  describeComplicationDefinition,
  shortComplicationDefinition,
  type ComplicationFacts,
} from "@/lib/outcomes/complicationDefinition";
import { DEFAULT_VIEW, outcomeFiltersToQueryString, parseOutcomeFilters, parseOutcomeFiltersLenient, parseOutcomeView } from "@/lib/outcomes/outcomeFilters";

/** The definition part of the one filter parser (dashboard, API, export). */
function parseComplicationDefinition(params: Record<string, string>) {
  const r = parseOutcomeFilters(params);
  return r.success ? { success: true as const, definition: r.filters.definition } : r;
}

describe("complication definition from URL parameters", () => {
  it("defaults to like for like with the published 0.1 %: serious; device, procedure, anaesthesia or unknown; 90 days; reported", () => {
    expect(parseComplicationDefinition({})).toEqual({ success: true, definition: DEFAULT_COMPLICATION_DEFINITION });
    expect(DEFAULT_COMPLICATION_DEFINITION).toEqual({
      severity: "serious",
      minGrade: 1,
      related: ["device", "procedure", "anaesthesia", "unknown"],
      windowDays: 90,
      adjudicated: "reported",
    });
    expect(parseComplicationDefinition({ severity: "any" })).toMatchObject({ definition: { severity: "any" } });
    expect(parseComplicationDefinition({ severity: "minor" }).success).toBe(false);
  });

  it("parses each part and keeps relatedness in a canonical order", () => {
    const r = parseComplicationDefinition({ minGrade: "3", related: "unknown, device,device", windowDays: "any", adjudicated: "confirmed" });
    expect(r).toEqual({
      success: true,
      definition: { severity: "serious", minGrade: 3, related: ["device", "unknown"], windowDays: null, adjudicated: "confirmed" },
    });
    expect(parseComplicationDefinition({ windowDays: "30" })).toMatchObject({ definition: { windowDays: 30 } });
  });

  it("refuses malformed values naming the field", () => {
    const r = parseComplicationDefinition({ minGrade: "9", related: "device,psychic", windowDays: "-3", adjudicated: "maybe" });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(Object.keys(r.fieldErrors).sort()).toEqual(["adjudicated", "minGrade", "related", "windowDays"]);
    expect(r.fieldErrors.minGrade[0]).toMatch(/1 to 5/);
    expect(parseComplicationDefinition({ related: ",," }).success).toBe(false);
    expect(parseComplicationDefinition({ minGrade: "2.5" }).success).toBe(false);
  });

  it("says in one sentence what it counts", () => {
    expect(describeComplicationDefinition(DEFAULT_COMPLICATION_DEFINITION)).toBe(
      "serious events (Clavien–Dindo grade III or higher, death, or marked serious); related to device, procedure or anaesthesia or relatedness unknown; within 90 days of the procedure; as reported, unless adjudicated “not a complication”",
    );
    expect(describeComplicationDefinition(allGradeDefinition(DEFAULT_COMPLICATION_DEFINITION))).toBe(
      "events of any Clavien–Dindo grade; related to device, procedure or anaesthesia or relatedness unknown; within 90 days of the procedure; as reported, unless adjudicated “not a complication”",
    );
    expect(describeComplicationDefinition({ severity: "any", minGrade: 3, related: ["device"], windowDays: null, adjudicated: "confirmed" })).toBe(
      "events of Clavien–Dindo grade III or higher; related to device; any time after the procedure; confirmed on adjudication",
    );
    expect(describeComplicationDefinition({ severity: "serious", minGrade: 4, related: ["device"], windowDays: 30, adjudicated: "reported" })).toBe(
      "serious events (Clavien–Dindo grade III or higher, death, or marked serious) of Clavien–Dindo grade IV or higher; related to device; within 30 days of the procedure; as reported, unless adjudicated “not a complication”",
    );
    expect(shortComplicationDefinition(DEFAULT_COMPLICATION_DEFINITION)).toBe(
      "serious · device, procedure, anaesthesia, unknown · ≤ 90 days · reported, not rejected",
    );
    expect(shortComplicationDefinition(allGradeDefinition(DEFAULT_COMPLICATION_DEFINITION))).toBe(
      "any grade · device, procedure, anaesthesia, unknown · ≤ 90 days · reported, not rejected",
    );
  });

  it("says why the all-grade count differs, and that there is one count when the definition counts every grade", () => {
    expect(allGradeDifference(DEFAULT_COMPLICATION_DEFINITION)).toMatch(/also counts minor events.*same relatedness, window and adjudication/);
    expect(allGradeDifference({ ...DEFAULT_COMPLICATION_DEFINITION, severity: "any" })).toMatch(/already counts every grade/);
    expect(allGradeDefinition({ ...DEFAULT_COMPLICATION_DEFINITION, minGrade: 3, windowDays: 30 })).toEqual({
      ...DEFAULT_COMPLICATION_DEFINITION,
      severity: "any",
      minGrade: 1,
      windowDays: 30,
    });
  });
});

describe("which reports qualify", () => {
  const report = (over: Partial<ComplicationFacts> = {}): ComplicationFacts => ({
    grade: 1,
    finalGrade: null,
    relatedness: "procedure",
    finalRelatedness: null,
    adjudicationStatus: "pending",
    onsetDay: 3,
    serious: false,
    fatal: false,
    ...over,
  });
  const def = { ...DEFAULT_COMPLICATION_DEFINITION, severity: "any" as const };
  const serious = DEFAULT_COMPLICATION_DEFINITION;

  it("like for like: counts grade III or higher, a death, or an event marked serious; nothing else", () => {
    expect(complicationQualifies(serious, report({ grade: 1 }))).toBe(false);
    expect(complicationQualifies(serious, report({ grade: 2 }))).toBe(false);
    expect(complicationQualifies(serious, report({ grade: 3 }))).toBe(true);
    expect(complicationQualifies(serious, report({ grade: 5 }))).toBe(true);
    expect(complicationQualifies(serious, report({ grade: 2, serious: true }))).toBe(true);
    expect(complicationQualifies(serious, report({ grade: 2, fatal: true }))).toBe(true);
    // the adjudicator's grade decides: downgraded to II, not serious
    expect(complicationQualifies(serious, report({ grade: 3, finalGrade: 2 }))).toBe(false);
    // unknown relatedness counts as related; unrelated does not
    expect(complicationQualifies(serious, report({ grade: 3, relatedness: "unknown" }))).toBe(true);
    expect(complicationQualifies(serious, report({ grade: 3, relatedness: "unrelated" }))).toBe(false);
    // over 90 days, or rejected on adjudication: out
    expect(complicationQualifies(serious, report({ grade: 3, onsetDay: 91 }))).toBe(false);
    expect(complicationQualifies(serious, report({ grade: 3, adjudicationStatus: "rejected" }))).toBe(false);
    // the minimum grade still applies on top
    expect(complicationQualifies({ ...serious, minGrade: 3 }, report({ grade: 2, serious: true }))).toBe(false);
  });

  it("reported mode counts everything except rejected; confirmed mode only confirmed", () => {
    for (const status of ["pending", "needs_info", "confirmed"] as const) expect(complicationQualifies(def, report({ adjudicationStatus: status }))).toBe(true);
    expect(complicationQualifies(def, report({ adjudicationStatus: "rejected" }))).toBe(false);
    const confirmed = { ...def, adjudicated: "confirmed" as const };
    expect(complicationQualifies(confirmed, report({ adjudicationStatus: "confirmed" }))).toBe(true);
    expect(complicationQualifies(confirmed, report({ adjudicationStatus: "pending" }))).toBe(false);
  });

  it("uses the adjudicator's grade and relatedness when set", () => {
    expect(complicationQualifies({ ...def, minGrade: 3 }, report({ grade: 1, finalGrade: 3 }))).toBe(true);
    expect(complicationQualifies({ ...def, minGrade: 3 }, report({ grade: 4, finalGrade: 2 }))).toBe(false);
    expect(complicationQualifies(def, report({ relatedness: "procedure", finalRelatedness: "unrelated" }))).toBe(false);
    expect(complicationQualifies(def, report({ relatedness: "unrelated", finalRelatedness: "device" }))).toBe(true);
  });

  it("applies the window in days after the procedure, inclusive", () => {
    expect(complicationQualifies(def, report({ onsetDay: 90 }))).toBe(true);
    expect(complicationQualifies(def, report({ onsetDay: 91 }))).toBe(false);
    expect(complicationQualifies({ ...def, windowDays: null }, report({ onsetDay: 900 }))).toBe(true);
    expect(complicationQualifies({ ...def, windowDays: 30 }, report({ onsetDay: 0 }))).toBe(true);
  });
});

describe("outcome filters: one schema for the dashboard, the API and the export", () => {
  it("parses every filter and the definition", () => {
    const r = parseOutcomeFilters(
      new URLSearchParams(
        "physician=7&site=2&from=2024-01-01&to=2024-12-31&diagnosis=stenosis&riskFactor=diabetes&flag=exclude&levels=L4-L5,l3-l4&outOfWindow=include&minGrade=2&reliefCriterion=odi-10pt",
      ),
    );
    expect(r).toEqual({
      success: true,
      filters: {
        physician: 7,
        site: 2,
        from: "2024-01-01",
        to: "2024-12-31",
        diagnosis: "stenosis",
        riskFactor: "diabetes",
        flag: "exclude",
        levels: ["L3-L4", "L4-L5"],
        outOfWindow: "include",
        definition: { ...DEFAULT_COMPLICATION_DEFINITION, minGrade: 2 },
        reliefCriterion: "odi-10pt",
      },
    });
  });

  it("leaves out-of-window assessments out by default, includes them on request, and names a bad value", () => {
    const byDefault = parseOutcomeFilters({});
    expect(byDefault.success && byDefault.filters.outOfWindow).toBe("exclude");
    const bad = parseOutcomeFilters({ outOfWindow: "sometimes" });
    expect(bad.success ? null : bad.fieldErrors).toEqual({ outOfWindow: ["must be exclude or include"] });
  });

  it("refuses impossible dates and reversed ranges", () => {
    const r = parseOutcomeFilters({ from: "2024-13-01", to: "2023-02-30" });
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(r.fieldErrors).sort()).toEqual(["from", "to"]);
    const reversed = parseOutcomeFilters({ from: "2025-01-01", to: "2024-01-01" });
    expect(reversed.success).toBe(false);
    if (!reversed.success) expect(reversed.fieldErrors.to).toEqual(["must not be before from"]);
  });

  it("takes repeated checkbox values (related=a&related=b) as a list", () => {
    const r = parseOutcomeFilters(new URLSearchParams("related=device&related=procedure"));
    expect(r.success && r.filters.definition.related).toEqual(["device", "procedure"]);
    const fromNext = parseOutcomeFilters({ related: ["unknown", "device"], physician: ["3", "4"] });
    expect(fromNext.success && [fromNext.filters.definition.related, fromNext.filters.physician]).toEqual([["device", "unknown"], 3]);
  });

  it("leniently drops a bad value back to its default and says so", () => {
    const { filters, ignored } = parseOutcomeFiltersLenient({ minGrade: "9", site: "north", from: "2024-01-01" });
    expect(filters.definition.minGrade).toBe(1);
    expect(filters.site).toBeUndefined();
    expect(filters.from).toBe("2024-01-01");
    expect(Object.keys(ignored).sort()).toEqual(["minGrade", "site"]);
  });

  it("serialises back to the same filters, defaults left out", () => {
    expect(outcomeFiltersToQueryString(parseOutcomeFiltersLenient({}).filters)).toBe("");
    const query =
      "physician=7&from=2024-01-01&flag=only&levels=L4-L5&minGrade=3&related=device%2Cprocedure&windowDays=any&adjudicated=confirmed&reliefCriterion=odi-15pt";
    const parsed = parseOutcomeFilters(new URLSearchParams(query));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(outcomeFiltersToQueryString(parsed.filters)).toBe(query);
    expect(parseOutcomeFilters(new URLSearchParams(outcomeFiltersToQueryString(parsed.filters)))).toEqual(parsed);
  });

  it("reads the view (timepoint, MCID, comparison, funnel centre, CUSUM settings) with safe fallbacks", () => {
    expect(parseOutcomeView({})).toEqual(DEFAULT_VIEW);
    expect(
      parseOutcomeView({ at: "month_3", mcid: "nprs-leg-2pt", compare: "risk:smoking", limits: "pooled", cusum: "12", oddsRatio: "3", threshold: "4.5" }),
    ).toEqual({
      at: "month_3",
      mcid: "nprs-leg-2pt",
      compare: "risk:smoking",
      limits: "pooled",
      cusum: 12,
      oddsRatio: 3,
      threshold: 4.5,
    });
    expect(parseOutcomeView({ at: "baseline", compare: "astrology", oddsRatio: "7", threshold: "x", cusum: "abc" })).toEqual(DEFAULT_VIEW);
  });
});
