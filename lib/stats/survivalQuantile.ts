// The time at which a survival curve (or one of its confidence limits) reaches 0.5, by the rule R's
// quantile.survfit uses (survival package, internal function findq). The vectors follow quantile(), not
// print(survfit): the two disagree when S is exactly 0.5 to the end of follow-up (print reports the start
// of the flat stretch; quantile its midpoint with the last time).

/** R's sqrt(.Machine$double.eps): a curve within this of 0.5 counts as exactly 0.5. */
const TOLERANCE = 2 ** -26;
const P = 0.5;

/**
 * @param times  row times, ascending
 * @param curve  the column at each row time; null where R has NA (a limit once S = 0)
 * @returns the median time, or null when the curve never reaches 0.5 (or never leaves a flat 0.5 in a way
 *          findq can place)
 */
export function survivalQuantileTime(times: readonly number[], curve: readonly (number | null)[]): number | null {
  // findq works on the cumulative distribution y = 1 − curve, with a leading (0, 0).
  const xs: number[] = [0, ...times];
  const ys: (number | null)[] = [0, ...curve.map((c) => (c === null ? null : 1 - c))];
  if (!ys.some((y) => y !== null && y >= P)) return null;
  const xmax = times[times.length - 1];

  // Keep the first entry of every distinct y (R: !duplicated(y); NA equals NA): a flat stretch is
  // represented by its first time only.
  const keptX: number[] = [];
  const keptY: (number | null)[] = [];
  const seen = new Set<number | null>();
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (seen.has(y)) continue;
    seen.add(y);
    keptX.push(xs[i]);
    keptY.push(y);
  }

  // "Smallest y" rather than "first in time": the capped upper limit can dip below 0.5 and rise again.
  let i1 = -1;
  let i2 = -1;
  for (let i = 0; i < keptY.length; i++) {
    const y = keptY[i];
    if (y === null) continue;
    if (y + TOLERANCE >= P && (i1 < 0 || y < (keptY[i1] as number))) i1 = i;
    if (y - TOLERANCE >= P && (i2 < 0 || y < (keptY[i2] as number))) i2 = i;
  }
  // i1 exists: some y ≥ 0.5 was checked above.
  let q: number | null = i2 >= 0 ? (keptX[i1] + keptX[i2]) / 2 : null;
  const yLast = keptY[keptY.length - 1];
  // The curve ends exactly at 0.5: the median is the midpoint of the flat stretch and the last time.
  if (yLast !== null && Math.abs(P - yLast) < TOLERANCE) q = (keptX[i1] + xmax) / 2;
  return q;
}
