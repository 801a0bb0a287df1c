import { describe, expect, it } from "vitest";
import { assessmentDateProblems, complicationDateProblems, problemsByField, procedureDateProblems } from "@/lib/validation/recordDateRules";

const TODAY = "2026-11-25";

describe("record date rules (one source for the forms and the import)", () => {
  it("accepts a baseline on the procedure day and a follow-up after it", () => {
    expect(assessmentDateProblems({ timepoint: "baseline", assessedOn: "2026-03-01", reliefOnsetDate: null }, "2026-03-01", TODAY)).toEqual([]);
    expect(assessmentDateProblems({ timepoint: "week_6", assessedOn: "2026-04-12", reliefOnsetDate: "2026-03-04" }, "2026-03-01", TODAY)).toEqual([]);
  });

  it("returns every problem of an assessment at once, by field", () => {
    const problems = assessmentDateProblems({ timepoint: "week_6", assessedOn: "2026-03-01", reliefOnsetDate: "2026-02-20" }, "2026-03-01", TODAY);
    expect(problems).toEqual([
      { field: "assessedOn", message: "Enter a date after the procedure (1 Mar 2026), or choose “Baseline” for an assessment before it" },
      { field: "reliefOnsetDate", message: "Enter a relief onset on or after the procedure date (1 Mar 2026)" },
    ]);
    expect(problemsByField(problems)).toEqual({
      assessedOn: ["Enter a date after the procedure (1 Mar 2026), or choose “Baseline” for an assessment before it"],
      reliefOnsetDate: ["Enter a relief onset on or after the procedure date (1 Mar 2026)"],
    });
  });

  it("lets an unscheduled visit fall on either side of the procedure, but not in the future", () => {
    expect(assessmentDateProblems({ timepoint: "unscheduled", assessedOn: "2026-02-01", reliefOnsetDate: null }, "2026-03-01", TODAY)).toEqual([]);
    expect(assessmentDateProblems({ timepoint: "unscheduled", assessedOn: "2026-11-26", reliefOnsetDate: null }, "2026-03-01", TODAY)).toEqual([
      { field: "assessedOn", message: "Enter a date no later than today (25 Nov 2026)" },
    ]);
  });

  it("checks only the rule against today when the procedure's date is unknown", () => {
    expect(assessmentDateProblems({ timepoint: "baseline", assessedOn: "2026-11-20", reliefOnsetDate: "2020-01-01" }, null, TODAY)).toEqual([]);
  });

  it("refuses a complication's onset before the procedure or after today, naming the procedure date", () => {
    expect(complicationDateProblems({ onsetDate: "2026-03-01" }, "2026-03-01", TODAY)).toEqual([]);
    expect(complicationDateProblems({ onsetDate: "2026-02-28" }, "2026-03-01", TODAY)).toEqual([
      { field: "onsetDate", message: "Enter an onset on or after the procedure date (1 Mar 2026)" },
    ]);
    expect(complicationDateProblems({ onsetDate: "2026-11-26" }, "2026-03-01", TODAY)).toEqual([
      { field: "onsetDate", message: "Enter an onset no later than today (25 Nov 2026)" },
    ]);
  });

  it("returns both problems of a procedure in the future for a patient born after it", () => {
    expect(procedureDateProblems("2026-12-01", "2026-12-02", TODAY).map((p) => p.field)).toEqual(["procedureDate", "procedureDate"]);
    expect(procedureDateProblems("2026-03-01", "1950-01-01", TODAY)).toEqual([]);
  });
});
