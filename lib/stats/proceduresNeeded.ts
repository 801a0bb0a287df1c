// How many procedures, with `events` complications among them, make the one-sided exact upper confidence
// bound fall below the target p0 — the dashboard's "about N more event-free procedures needed".
//
// The criterion is evaluated with the very function binomOneSided uses for its upperBound
// (qbeta(confLevel, events + 1, n − events) < p0), so the two figures can never disagree on screen: with
// n ≥ proceduresNeeded(...).n procedures and `events` events, binomOneSided(..., "less").upperBound < p0.
// (Equivalent to pbinom(events, n, p0) < 1 − confLevel; the reference generator checked both forms agree.)

import { exactUpperLimit } from "./binomialBounds";
import { confLevel, fail, integerAtLeast, probability, requireInput } from "./validate";

export interface ProceduresNeededInput {
  events: number;
  /** Target rate, e.g. 0.001. */
  p0: number;
  /** One-sided, default 0.95. */
  confLevel?: number;
}

export interface ProceduresNeededResult {
  n: number;
}

export function proceduresNeeded(input: ProceduresNeededInput): ProceduresNeededResult {
  const family = "proceduresNeeded";
  const raw = requireInput(family, input);
  const events = integerAtLeast(family, "events", raw.events, 0);
  const p0 = probability(family, "p0", raw.p0, { lowerOpen: true, upperOpen: true });
  const level = confLevel(family, raw.confLevel);
  const alpha = 1 - level;
  const below = (n: number) => exactUpperLimit(events, n, alpha) < p0;

  // The bound falls as n grows: double an upper guess, then bisect on (lo, hi] with below(hi) true.
  let lo = events; // n must exceed events
  let hi = events + 1;
  while (!below(hi)) {
    lo = hi;
    hi = hi * 2;
    if (hi > Number.MAX_SAFE_INTEGER) fail(family, "p0", "is too small for the number of procedures to be counted", p0);
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (below(mid)) hi = mid;
    else lo = mid;
  }
  return { n: hi };
}
