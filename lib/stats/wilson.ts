// Wilson score interval without continuity correction: R's
// prop.test(events, n, conf.level, correct = FALSE)$conf.int (stats/R/prop.test.R, the k = 1 branch).

import { proportionInput } from "./clopperPearson";
import { qnorm } from "./distributions";

export interface WilsonInput {
  events: number;
  n: number;
  /** Two-sided, default 0.95. */
  confLevel?: number;
}

export interface WilsonResult {
  estimate: number;
  lower: number;
  upper: number;
}

/** @testonly The tests' cross-check of Clopper–Pearson; no screen shows a Wilson interval. */
export function wilson(input: WilsonInput): WilsonResult {
  const { events, n, level } = proportionInput("wilson", input);
  const p = events / n;
  // prop.test uses qnorm((1 + conf.level)/2), not qnorm(1 − (1 − conf.level)/2).
  const z = qnorm((1 + level) / 2);
  const c = (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + c / (2 * n));
  // The p ≥ 1 and p ≤ 0 branches are prop.test's: they give exactly 1 and 0 at the ends.
  const upper = p >= 1 ? 1 : (p + c + half) / (1 + 2 * c);
  const lower = p <= 0 ? 0 : (p + c - half) / (1 + 2 * c);
  return { estimate: p, lower: Math.max(lower, 0), upper: Math.min(upper, 1) };
}
