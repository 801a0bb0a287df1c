/** Small display helpers shared by the record screens. */
import { displayDate } from "@/lib/outcomes/dates";

export const dash = "—";

export function num(x: number | null | undefined, unit?: string): string {
  if (x === null || x === undefined) return dash;
  return unit ? `${x} ${unit}` : String(x);
}

export function dateOrDash(iso: string | null | undefined): string {
  return iso ? displayDate(iso) : dash;
}

/** `25 Nov 2026, 13:31 UTC`: audit times are stored in UTC and shown in UTC, so they read the same everywhere. */
export function displayTimestamp(isoTimestamp: string): string {
  const d = new Date(isoTimestamp);
  if (Number.isNaN(d.getTime())) return isoTimestamp;
  return `${displayDate(isoTimestamp.slice(0, 10))}, ${isoTimestamp.slice(11, 16)} UTC`;
}

/** `L3-L4,L4-L5` → `L3-L4, L4-L5` */
export const levelsText = (levels: string) => levels.split(",").join(", ");
