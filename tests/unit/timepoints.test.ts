import { describe, expect, it } from "vitest";
import { followUpState, SCHEDULE, timepointForDay } from "@/lib/outcomes/timepoints";

describe("follow-up schedule", () => {
  it("has non-overlapping windows in time order, each containing its nominal day", () => {
    for (const [i, w] of SCHEDULE.entries()) {
      expect(w.from).toBeLessThanOrEqual(w.day);
      expect(w.day).toBeLessThanOrEqual(w.to);
      if (i > 0) expect(w.from).toBeGreaterThan(SCHEDULE[i - 1]!.to);
    }
  });

  it("maps a day to the window that contains it, else unscheduled", () => {
    expect(timepointForDay(-3)).toBe("baseline");
    expect(timepointForDay(2)).toBe("day_1_3");
    expect(timepointForDay(42)).toBe("week_6");
    expect(timepointForDay(365)).toBe("month_12");
    expect(timepointForDay(25)).toBe("unscheduled");
    expect(timepointForDay(2000)).toBe("unscheduled");
  });

  it.each([
    ["week_6", 20, false, "not_yet_due"],
    ["week_6", 28, false, "due"],
    ["week_6", 42, false, "due"],
    ["week_6", 43, false, "overdue"],
    ["week_6", 56, false, "overdue"],
    ["week_6", 57, false, "missed"],
    ["week_6", 57, true, "done"],
    ["baseline", 0, false, "due"],
    ["baseline", 1, false, "missed"],
  ] as const)("%s on day %i (done: %s) is %s", (tp, day, done, state) => {
    expect(followUpState(tp, day, done)).toBe(state);
  });
});
