/**
 * How the outcomes screens write numbers: a rate always with n and its exact CI, medians of time
 * with their CI and "not reached" rather than a blank. Formatting only; every value comes from lib/stats.
 */
import { formatCount, formatRateWithCi, percentNumber } from "@/lib/format/numbers";

export { formatCount, formatRateWithCi, percentNumber };
export { formatPValue, pEquals } from "@/lib/outcomes/verdict";

type Ci = { estimate: number; lower: number; upper: number };

export function rateText(events: number, n: number, ci: Ci | null): string {
  if (!ci || n === 0) return "no procedures";
  return formatRateWithCi(events, n, ci);
}

const days = (d: number) => `${formatCount(d)} ${d === 1 ? "day" : "days"}`;
const dayNumber = (d: number | null) => (d === null ? "not reached" : formatCount(d));

/** `median 9 days (95 % CI 7–12)`; "not reached" for a median or limit the curve never reaches. */
export function medianText(median: number | null, lower: number | null, upper: number | null): string {
  if (median === null) return `median not reached (95 % CI ${dayNumber(lower)}–${dayNumber(upper)})`;
  return `median ${days(median)} (95 % CI ${dayNumber(lower)}–${dayNumber(upper)})`;
}

/** Fixed decimals for a score (NPRS and ODI to one decimal, minutes to one). */
export function score(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  const s = Math.abs(x).toFixed(digits);
  return x < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** A signed change: "−3.1" (minus sign, not hyphen), "+2.0". */
export function signed(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  const s = Math.abs(x).toFixed(digits);
  if (Number(s) === 0) return s;
  return x < 0 ? `−${s}` : `+${s}`;
}

export function meanCiText(mean: number | null, lower: number | null, upper: number | null, digits = 1): string {
  if (mean === null) return "—";
  if (lower === null || upper === null) return `${score(mean, digits)} (CI not estimable)`;
  return `${score(mean, digits)} (${score(lower, digits)} to ${score(upper, digits)})`;
}
