import { describe, expect, it } from "vitest";
import { DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, parseOutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { lastTwelveMonths, reportCardHref, reportCardsZipHref } from "@/lib/reports/reportHref";

const paramsOf = (href: string) => Object.fromEntries(new URLSearchParams(href.slice(href.indexOf("?") + 1)));

describe("report card links", () => {
  it("the default period is the 12 months ending on the clinic's today, both ends included (29 February too)", () => {
    expect(lastTwelveMonths("2026-11-25")).toEqual({ from: "2025-11-26", to: "2026-11-25" });
    expect(lastTwelveMonths("2028-02-29")).toEqual({ from: "2027-03-01", to: "2028-02-29" });
    expect(lastTwelveMonths("2026-01-01")).toEqual({ from: "2025-01-02", to: "2026-01-01" });
  });

  it("carry the view's filters, its responder rule and CUSUM settings, and parse back to the same filters", () => {
    const parsed = parseOutcomeFilters(new URLSearchParams("site=2&severity=any&minGrade=2&reliefCriterion=nprs-2pt&levels=L4-L5"));
    if (!parsed.success) throw new Error("filters");
    const href = reportCardHref(parsed.filters, { ...DEFAULT_VIEW, mcid: "odi-15pt", oddsRatio: 3 }, 7, lastTwelveMonths("2026-11-25"));
    expect(href.startsWith("/api/reports/physician.pdf?")).toBe(true);
    const p = paramsOf(href);
    expect(p).toMatchObject({
      physician: "7",
      site: "2",
      from: "2025-11-26",
      to: "2026-11-25",
      severity: "any",
      minGrade: "2",
      mcid: "odi-15pt",
      oddsRatio: "3",
    });
    const back = parseOutcomeFilters(new URLSearchParams(p));
    expect(back.success && back.filters).toEqual({ ...parsed.filters, physician: 7, from: "2025-11-26", to: "2026-11-25" });
  });

  it("keep the view's own dates, and a period that ends where the view's does when only its end is set", () => {
    const fallback = lastTwelveMonths("2026-11-25");
    expect(paramsOf(reportCardHref({ ...DEFAULT_OUTCOME_FILTERS, from: "2024-01-01", to: "2024-06-30" }, DEFAULT_VIEW, 3, fallback))).toMatchObject({
      from: "2024-01-01",
      to: "2024-06-30",
    });
    expect(paramsOf(reportCardHref({ ...DEFAULT_OUTCOME_FILTERS, to: "2024-06-30" }, DEFAULT_VIEW, 3, fallback))).toMatchObject({
      from: "2023-07-01",
      to: "2024-06-30",
    });
    expect(paramsOf(reportCardHref({ ...DEFAULT_OUTCOME_FILTERS, from: "2024-01-01" }, DEFAULT_VIEW, 3, fallback))).toMatchObject({
      from: "2024-01-01",
      to: "2026-11-25",
    });
    const zip = reportCardsZipHref({ ...DEFAULT_OUTCOME_FILTERS, physician: 3 }, DEFAULT_VIEW, fallback);
    expect(zip.startsWith("/api/reports/physicians.zip?")).toBe(true);
    expect(paramsOf(zip)).toEqual({ from: "2025-11-26", to: "2026-11-25" });
  });
});
