/**
 * The follow-up schedule of the MILD trials and spine registries (domain brief): baseline, day 1–3, 2 weeks,
 * 6 weeks, 3, 6, 12 and 24 months. Each timepoint has a window in days since the procedure; an assessment
 * outside every window is still kept (as "unscheduled", by its date).
 */
import type { Timepoint } from "@/db/enums";
import { addDaysIso } from "./dates";

export type ScheduledTimepoint = Exclude<Timepoint, "unscheduled">;

export type TimepointWindow = {
  timepoint: ScheduledTimepoint;
  /** nominal day since the procedure */
  day: number;
  /** first and last day of the window, inclusive */
  from: number;
  to: number;
};

// Windows widen with distance from the procedure, as registries allow (e.g. 6 weeks ± 2 weeks, 12 months ± 2 months).
export const SCHEDULE: readonly TimepointWindow[] = [
  { timepoint: "baseline", day: 0, from: -90, to: 0 },
  { timepoint: "day_1_3", day: 2, from: 1, to: 3 },
  { timepoint: "week_2", day: 14, from: 7, to: 21 },
  { timepoint: "week_6", day: 42, from: 28, to: 56 },
  { timepoint: "month_3", day: 91, from: 70, to: 119 },
  { timepoint: "month_6", day: 182, from: 150, to: 240 },
  { timepoint: "month_12", day: 365, from: 300, to: 455 },
  { timepoint: "month_24", day: 730, from: 640, to: 820 },
];

export const SCHEDULED_TIMEPOINTS: readonly ScheduledTimepoint[] = SCHEDULE.map((w) => w.timepoint);
/** A scheduled timepoint's place in SCHEDULE (undefined for an unscheduled visit). */
export const TIMEPOINT_INDEX: ReadonlyMap<string, number> = new Map(SCHEDULED_TIMEPOINTS.map((t, i) => [t, i]));

export function windowOf(timepoint: ScheduledTimepoint): TimepointWindow {
  const w = SCHEDULE.find((s) => s.timepoint === timepoint);
  if (!w) throw new RangeError(`timepoint: unknown scheduled timepoint ${timepoint}`);
  return w;
}

/** A timepoint's window on the calendar of one procedure: its first and last day, inclusive. */
export function timepointWindowDates(timepoint: ScheduledTimepoint, procedureDate: string): { from: string; to: string } {
  const w = windowOf(timepoint);
  return { from: addDaysIso(procedureDate, w.from), to: addDaysIso(procedureDate, w.to) };
}

/** The scheduled timepoint whose window contains `day`, or "unscheduled". */
export function timepointForDay(day: number): Timepoint {
  return SCHEDULE.find((w) => day >= w.from && day <= w.to)?.timepoint ?? "unscheduled";
}

export type FollowUpState = "done" | "not_yet_due" | "due" | "overdue" | "missed";

/**
 * State of one timepoint for a procedure `daysSince` days ago: "due" from the window's start to the nominal
 * day, "overdue" after the nominal day while the window is still open (a reminder still helps), "missed"
 * once the window has closed.
 */
export function followUpState(timepoint: ScheduledTimepoint, daysSince: number, done: boolean): FollowUpState {
  if (done) return "done";
  const w = windowOf(timepoint);
  if (daysSince < w.from) return "not_yet_due";
  if (daysSince > w.to) return "missed";
  return daysSince <= w.day ? "due" : "overdue";
}

/** Registries (QOD, the American Spine Registry) expect at least 80 % follow-up at 12 months. */
export const FOLLOW_UP_TARGET = 0.8;
