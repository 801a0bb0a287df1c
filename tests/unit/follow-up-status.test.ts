import { describe, expect, it } from "vitest";
import { describeNotExpected, failedAttemptsInARow, noneNotExpected, notExpectedAt, ordinal } from "@/lib/outcomes/followUpStatus";
import { windowOf } from "@/lib/outcomes/timepoints";

describe("who is still expected at a timepoint", () => {
  const sixWeeks = windowOf("week_6"); // days 28–56
  it("keeps a followed procedure expected, and an assessed one whatever its status", () => {
    expect(notExpectedAt(null, "2025-01-01", sixWeeks, false)).toBeNull();
    expect(notExpectedAt({ status: "lost", date: "2025-01-02" }, "2025-01-01", sixWeeks, true)).toBeNull();
  });
  it("drops a procedure whose status began by the window's last day, and keeps one whose status came after it closed", () => {
    // 2025-01-01 + 56 days = 2025-02-26
    expect(notExpectedAt({ status: "withdrawn", date: "2025-02-26" }, "2025-01-01", sixWeeks, false)).toBe("withdrawn");
    expect(notExpectedAt({ status: "deceased", date: "2025-02-27" }, "2025-01-01", sixWeeks, false)).toBeNull();
  });
});

describe("contact attempts", () => {
  it("counts failed attempts since the patient was last reached", () => {
    expect(failedAttemptsInARow([])).toBe(0);
    expect(failedAttemptsInARow([{ outcome: "no_answer" }, { outcome: "reached" }, { outcome: "wrong_number" }, { outcome: "declined" }])).toBe(2);
    expect(failedAttemptsInARow([{ outcome: "no_answer" }, { outcome: "left_message" }, { outcome: "reached" }])).toBe(0);
  });
  it("names attempts in English ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "101st",
      "111th",
    ]);
  });
  it("describes those not expected, or nothing when all are", () => {
    expect(describeNotExpected(noneNotExpected())).toBeNull();
    expect(describeNotExpected({ lost: 1200, withdrawn: 3, deceased: 0 })).toBe("1,200 lost, 3 withdrawn — not expected");
  });
});
