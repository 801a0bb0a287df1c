import { afterAll, describe, expect, it } from "vitest";
import {
  addDaysIso,
  addYearsIso,
  ageInYears,
  daysBetween,
  displayDate,
  epochDay,
  isCalendarDate,
  serverTimeZone,
  todayIn,
  todayIso,
} from "@/lib/outcomes/dates";
import { priorTreatmentWithin12Months } from "@/lib/outcomes/eligibility";
import { parseOutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { requiredDate } from "@/lib/validation/fields";

/**
 * Calendar dates must not depend on the server's zone. Node applies a change of `process.env.TZ` at once, so
 * each block runs the same checks with the server 14 hours east of UTC and 11 hours west of it (each test
 * first proves the zone really is in force).
 */
const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const ZONES = [
  { zone: "Pacific/Kiritimati", offsetMinutes: -14 * 60 },
  { zone: "Pacific/Pago_Pago", offsetMinutes: 11 * 60 },
];

describe.each(ZONES)("calendar dates with the server in $zone", ({ zone, offsetMinutes }) => {
  const inZone = (fn: () => void) => () => {
    process.env.TZ = zone;
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(offsetMinutes);
    expect(serverTimeZone()).toBe(zone);
    fn();
  };

  it(
    "accepts real dates and refuses impossible ones in the record forms",
    inZone(() => {
      const schema = requiredDate("procedure date");
      for (const ok of ["2026-11-25", "2024-02-29", "1900-01-01", "2026-12-31"]) expect(schema.safeParse(ok)).toMatchObject({ success: true, data: ok });
      for (const bad of ["2023-02-29", "2026-13-01", "2026-04-31", "2026-00-10"]) {
        expect(schema.safeParse(bad).error?.issues.map((i) => i.message)).toEqual(["The procedure date is not a real calendar date"]);
      }
    }),
  );

  it(
    "accepts real dates and refuses impossible ones in the outcome filters",
    inZone(() => {
      expect(parseOutcomeFilters({ from: "2024-02-29", to: "2026-11-25" })).toMatchObject({ success: true, filters: { from: "2024-02-29", to: "2026-11-25" } });
      expect(parseOutcomeFilters({ from: "2023-02-29" })).toMatchObject({
        success: false,
        fieldErrors: { from: [expect.stringContaining("not a calendar date")] },
      });
    }),
  );

  it(
    "adds and counts days across month, year and leap-day boundaries",
    inZone(() => {
      expect(addDaysIso("2024-02-28", 1)).toBe("2024-02-29");
      expect(addDaysIso("2026-12-31", 1)).toBe("2027-01-01");
      expect(addDaysIso("2026-03-01", -1)).toBe("2026-02-28");
      expect(addDaysIso("2026-11-25", -365)).toBe("2025-11-25");
      expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
      expect(daysBetween("2026-11-25", "2026-03-29")).toBe(-241);
      expect(epochDay("1970-01-01")).toBe(0);
      expect(isCalendarDate("2024-02-29")).toBe(true);
      expect(isCalendarDate("2025-02-29")).toBe(false);
    }),
  );

  it(
    "counts ages and the 12-month exclusion window by the calendar",
    inZone(() => {
      expect(ageInYears("2000-02-29", "2001-02-28")).toBe(0);
      expect(ageInYears("2000-02-29", "2001-03-01")).toBe(1);
      expect(ageInYears("1956-11-25", "2026-11-25")).toBe(70);
      expect(ageInYears("1956-11-26", "2026-11-25")).toBe(69);
      expect(addYearsIso("2024-02-29", -1)).toBe("2023-02-28");
      expect(priorTreatmentWithin12Months("2026-11-25", "2025-11-25")).toBe(true);
      expect(priorTreatmentWithin12Months("2026-11-25", "2025-11-24")).toBe(false);
      expect(priorTreatmentWithin12Months("2026-11-25", "2026-11-26")).toBe(false);
    }),
  );

  it(
    "shows a date as the day it is",
    inZone(() => {
      expect(displayDate("2026-11-25")).toBe("25 Nov 2026");
      expect(displayDate("2024-02-29")).toBe("29 Feb 2024");
    }),
  );

  it(
    "takes today on the wall clock of the zone asked for, the server's by default",
    inZone(() => {
      const instant = new Date("2026-11-25T10:30:00Z");
      expect(todayIn("Pacific/Kiritimati", instant)).toBe("2026-11-26");
      expect(todayIn("Pacific/Pago_Pago", instant)).toBe("2026-11-24");
      expect(todayIn("UTC", instant)).toBe("2026-11-25");
      expect(todayIn(undefined, instant)).toBe(zone === "Pacific/Kiritimati" ? "2026-11-26" : "2026-11-24");
      expect(todayIso()).toBe(todayIn(zone));
    }),
  );
});
