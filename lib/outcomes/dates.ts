/** Calendar-date arithmetic on ISO `YYYY-MM-DD` strings (what the database stores), via date-fns. */
import { addDays, differenceInCalendarDays, format, parseISO } from "date-fns";

export const ISO_DATE = "yyyy-MM-dd";

export function addDaysIso(iso: string, days: number): string {
  return format(addDays(parseISO(iso), days), ISO_DATE);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return differenceInCalendarDays(parseISO(toIso), parseISO(fromIso));
}

export function todayIso(): string {
  return format(new Date(), ISO_DATE);
}

/** `25 Nov 2026`, the UI's date format. */
export function displayDate(iso: string): string {
  return format(parseISO(iso), "d MMM yyyy");
}
