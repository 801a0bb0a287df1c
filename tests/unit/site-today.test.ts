import { describe, expect, it } from "vitest";
import { displayDate, isCalendarDate, todayIn, todayOn } from "@/lib/outcomes/dates";
import { assessmentDateProblems, procedureDateProblems } from "@/lib/validation/recordDateRules";
import { checkProcedure } from "@/lib/validation/recordRules";

// 11:00 UTC on 15 June 2026: already 16 June on Kiritimati (UTC+14), still 15 June in Pago Pago (UTC−11).
const INSTANT = new Date("2026-06-15T11:00:00Z");
const EAST = "Pacific/Kiritimati";
const WEST = "Pacific/Pago_Pago";

describe("a site's today is the date on its own wall clock, whatever the server's TZ", () => {
  it("gives a Kiritimati site and a Pago Pago site different todays at the same instant", () => {
    expect(todayIn(EAST, INSTANT)).toBe("2026-06-16");
    expect(todayIn(WEST, INSTANT)).toBe("2026-06-15");
    expect(todayOn(INSTANT, EAST)).toBe("2026-06-16");
    // A fixed calendar date is every site's today (tests and replays pin the day).
    expect(todayOn("2026-01-02", EAST)).toBe("2026-01-02");
  });

  it("refuses the same procedure date as 'in the future' only at the site where it still is", () => {
    const date = "2026-06-16";
    expect(procedureDateProblems(date, "1950-01-01", todayIn(EAST, INSTANT))).toEqual([]);
    expect(procedureDateProblems(date, "1950-01-01", todayIn(WEST, INSTANT))).toEqual([
      { field: "procedureDate", message: "Enter a procedure date no later than today (15 Jun 2026)" },
    ]);
    const a = { timepoint: "unscheduled" as const, assessedOn: date, reliefOnsetDate: null };
    expect(assessmentDateProblems(a, "2026-06-01", todayIn(EAST, INSTANT))).toEqual([]);
    expect(assessmentDateProblems(a, "2026-06-01", todayIn(WEST, INSTANT)).map((p) => p.field)).toEqual(["assessedOn"]);
  });

  it("checks a whole procedure record against each site's today", () => {
    const input = { patientId: 1, siteId: 1, procedureDate: "2026-06-16", levels: "L4-L5", side: "bilateral", anaesthesia: "local" };
    expect(checkProcedure(input, { dateOfBirth: "1950-01-01", today: todayIn(EAST, INSTANT) }).ok).toBe(true);
    expect(checkProcedure(input, { dateOfBirth: "1950-01-01", today: todayIn(WEST, INSTANT) })).toMatchObject({
      ok: false,
      errors: { procedureDate: ["Enter a procedure date no later than today (15 Jun 2026)"] },
    });
  });

  it("reads and writes calendar dates on their parts in the process's own zone too", () => {
    // The vitest runs use TZ=Pacific/Kiritimati and TZ=Pacific/Pago_Pago (scripts/test.sh): neither may move a date.
    for (const d of ["2026-03-01", "2026-03-29", "2026-10-25", "2024-02-29", "1950-12-31"]) {
      expect(isCalendarDate(d)).toBe(true);
      expect(displayDate(d).endsWith(d.slice(0, 4))).toBe(true);
    }
    expect(displayDate("2026-03-01")).toBe("1 Mar 2026");
  });
});
