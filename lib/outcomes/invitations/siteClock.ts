/**
 * A site's wall clock: which calendar date and time of day an instant is in the site's IANA time zone, and the
 * instant a local date and time stand for. All of it through @date-fns/tz (the zone database in Intl), so a
 * daylight-saving change moves nothing by hand: 08:00 is 08:00 on the day the clocks change too.
 *
 * Instants are `Date`s (or ISO-8601 UTC strings at the edges); calendar dates stay `YYYY-MM-DD` strings.
 */
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";

/** A time of day, `HH:MM` on the 24-hour clock. */
export type LocalTime = `${number}:${number}`;

// Building an Intl formatter costs far more than the rest of a plan; a zone is checked once per process.
const knownZones = new Set<string>();

/** Throws a RangeError naming the zone when `timeZone` is not one the zone database knows. */
export function assertTimeZone(timeZone: string): void {
  if (knownZones.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new RangeError(`timeZone: "${timeZone}" is not an IANA time zone (e.g. Europe/London, Pacific/Auckland)`);
  }
  knownZones.add(timeZone);
}

/** Minutes since midnight of `HH:MM`; a RangeError for anything else. */
export function minutesOfTime(time: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`time: "${time}" is not a time of day written HH:MM (00:00–23:59)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

// An invitation pass asks the same few questions for tens of thousands of procedures — the date and time of one
// `now` in each site's zone, midnight of a few hundred procedure dates — and each answer through TZDate costs
// more than the rest of a plan (most of a pass's time at 100,000 procedures). The answers depend only on the
// question (the zone database does not change while the server runs), so each is remembered, a bounded number.
const MAX_REMEMBERED = 20_000;
const remembered = new Map<string, string | number>();

function remember<T extends string | number>(question: string, answer: () => T): T {
  const known = remembered.get(question);
  if (known !== undefined) return known as T;
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  const value = answer();
  remembered.set(question, value);
  return value;
}

/** The site's calendar date at `instant`. */
export function localDateOf(instant: Date, timeZone: string): string {
  return remember(`date ${instant.getTime()} ${timeZone}`, () => {
    const local = new TZDate(instant.getTime(), timeZone);
    return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  });
}

/** Minutes since the site's midnight at `instant` (wall-clock reading, so 0–1439 whatever the day's length). */
export function localMinutesOf(instant: Date, timeZone: string): number {
  return remember(`minutes ${instant.getTime()} ${timeZone}`, () => {
    const local = new TZDate(instant.getTime(), timeZone);
    return local.getHours() * 60 + local.getMinutes();
  });
}

/**
 * The instant when the site's clock reads `minutes` after midnight on `date`. A wall time the clocks skip
 * (inside a spring-forward gap) becomes the first instant after the gap.
 */
export function instantAt(date: string, minutes: number, timeZone: string): Date {
  return new Date(
    remember(`instant ${date} ${minutes} ${timeZone}`, () => {
      const [y, m, d] = date.split("-").map(Number) as [number, number, number];
      return new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
    }),
  );
}

/** The same wall-clock time `days` calendar days later at the site (not days × 24 hours). */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  return new Date(remember(`later ${instant.getTime()} ${days} ${timeZone}`, () => addDays(new TZDate(instant.getTime(), timeZone), days).getTime()));
}
