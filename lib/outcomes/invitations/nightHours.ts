/**
 * Night hours: when no message may reach a patient, on the site's clock (default 20:00–08:00). A message due
 * in the night waits for the next morning, the end of the night.
 */
import { instantAt, localDateOf, localMinutesOf, minutesOfTime } from "./siteClock";
import { addDaysIso } from "@/lib/outcomes/dates";

/** `start`–`end` as `HH:MM`; a start after the end spans midnight (20:00–08:00). Equal times: no night. */
export type NightHours = { start: string; end: string };

export const DEFAULT_NIGHT_HOURS: NightHours = { start: "20:00", end: "08:00" };

/** `20:00-08:00` (the MESSAGE_NIGHT_HOURS setting) as night hours; a RangeError saying what is wrong otherwise. */
export function parseNightHours(text: string): NightHours {
  const m = /^\s*(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})\s*$/.exec(text);
  if (!m) throw new RangeError(`night hours: "${text}" is not written HH:MM-HH:MM, e.g. 20:00-08:00`);
  const hours = { start: m[1]!, end: m[2]! };
  minutesOfTime(hours.start);
  minutesOfTime(hours.end);
  return hours;
}

/** Whether the site's clock reads night hours at `instant`. */
export function isNight(instant: Date, timeZone: string, night: NightHours): boolean {
  const start = minutesOfTime(night.start);
  const end = minutesOfTime(night.end);
  const now = localMinutesOf(instant, timeZone);
  if (start === end) return false;
  return start > end ? now >= start || now < end : now >= start && now < end;
}

/** `instant` itself in the daytime; otherwise the end of that night on the site's clock (the next morning). */
export function nextDaytime(instant: Date, timeZone: string, night: NightHours): Date {
  if (!isNight(instant, timeZone, night)) return instant;
  const start = minutesOfTime(night.start);
  const end = minutesOfTime(night.end);
  const date = localDateOf(instant, timeZone);
  // In the evening part of a night that spans midnight, the morning is tomorrow's.
  const morning = start > end && localMinutesOf(instant, timeZone) >= start ? addDaysIso(date, 1) : date;
  return instantAt(morning, end, timeZone);
}
