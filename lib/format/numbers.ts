/**
 * How numbers read in the UI: percentages to two significant digits below 1 %, one decimal
 * above; counts with thousands separators; a rate never without its n and its CI.
 */
const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return whole.format(n);
}

/** A proportion (0–1) as a percentage string without the % sign. */
export function percentNumber(p: number): string {
  const pct = p * 100;
  if (pct === 0) return "0";
  if (pct < 1)
    return pct
      .toPrecision(2)
      .replace(/(\.\d*?)0+$/, "$1")
      .replace(/\.$/, "");
  if (pct >= 99.95 && pct < 100) return "99.9";
  return pct.toFixed(1).replace(/\.0$/, "");
}

export function formatPercent(p: number): string {
  return `${percentNumber(p)} %`;
}

/** `3 / 2,412 (0.12 %, 95 % CI 0.03–0.36 %)` */
export function formatRateWithCi(events: number, n: number, ci: { estimate: number; lower: number; upper: number }): string {
  return `${formatCount(events)} / ${formatCount(n)} (${formatPercent(ci.estimate)}, 95 % CI ${percentNumber(ci.lower)}–${percentNumber(ci.upper)} %)`;
}
