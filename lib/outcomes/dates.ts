/**
 * The one place for calendar dates (`YYYY-MM-DD`, what the database stores) and for "today".
 *
 * A calendar date has no time zone, so nothing here turns one into a `Date` at local midnight: dates are read
 * on their parts and counted as integer day numbers (days since 1970-01-01), which makes every sum and
 * difference exact whatever the server's `TZ`. "Today" is the one place a zone matters: it is the calendar
 * date on a clinic's wall clock, so it takes an IANA zone (the site's, once sites carry one).
 */
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date. Integer arithmetic on the characters (Hinnant's
 * days_from_civil) rather than Date parsing: the dashboard runs it for every assessment of the cohort,
 * ~600,000 times at 100,000 procedures. It does not check the date: see `isCalendarDate`.
 */
export function epochDay(iso: string): number {
  let y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  const m = digit(iso, 5) * 10 + digit(iso, 6);
  const d = digit(iso, 8) * 10 + digit(iso, 9);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The `YYYY-MM-DD` date of a day number: UTC midnight read back in UTC, so no zone can move it. */
export function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar date written `YYYY-MM-DD`: 2024-13-01 and 2023-02-30 are refused. */
export function isCalendarDate(s: string): boolean {
  return ISO_DATE_PATTERN.test(s) && fromEpochDay(epochDay(s)) === s;
}

export function addDaysIso(iso: string, days: number): string {
  return fromEpochDay(epochDay(iso) + days);
}

/** Calendar days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return epochDay(toIso) - epochDay(fromIso);
}

/** The same day `years` later (earlier when negative); 29 February becomes 28 February in a common year. */
export function addYearsIso(iso: string, years: number): string {
  const year = String(Number(iso.slice(0, 4)) + years).padStart(4, "0");
  const shifted = `${year}${iso.slice(4)}`;
  return isCalendarDate(shifted) ? shifted : `${year}-02-28`;
}

/** Whole years between two dates, by the calendar (a birthday counts on the day; 29 February's on 1 March). */
export function ageInYears(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** The zone the server runs in (its `TZ`): a new site's default, and the zone of sites created before sites had one. */
export function serverTimeZone(): string {
  // Building a formatter costs more than the rest of a "today": one per TZ value (tests switch TZ at run time).
  const tz = process.env.TZ ?? "";
  if (serverZone?.tz !== tz) serverZone = { tz, zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  return serverZone.zone;
}
let serverZone: { tz: string; zone: string } | null = null;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date on the wall clock of `timeZone` (an IANA name such as `Australia/Sydney`). */
export function todayIn(timeZone: string = serverTimeZone(), now: Date = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/** Whether `timeZone` is an IANA zone this runtime knows (`Europe/Berlin`, `UTC`); `Mars/Base` and `+02:00` are not. */
export function isTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where "today" comes from for records of possibly many sites: an instant, read on each site's own clock
 * (the app), or one fixed calendar date for every site (tests and replays that pin the day).
 */
export type Clock = Date | string;

/** The calendar date of `clock` at a site in `timeZone`. */
export function todayOn(clock: Clock, timeZone: string): string {
  return typeof clock === "string" ? clock : todayIn(timeZone, clock);
}

/** Today in the server's zone; callers that know the site's zone use `todayIn`. */
export function todayIso(): string {
  return todayIn();
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** `25 Nov 2026`, the UI's date format, written from the date's own parts: no `Date`, so no zone can move it. */
export function displayDate(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}
