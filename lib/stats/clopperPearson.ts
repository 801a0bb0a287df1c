// Exact two-sided confidence interval for a rate: R's binom.test(events, n, conf.level)$conf.int.

import { exactLowerLimit, exactUpperLimit } from "./binomialBounds";
import { confLevel, integerAtLeast, fail, requireInput } from "./validate";

export interface ClopperPearsonInput {
  events: number;
  n: number;
  /** Two-sided, default 0.95. */
  confLevel?: number;
}

export interface ClopperPearsonResult {
  estimate: number;
  lower: number;
  upper: number;
}

/** Validated (events, n), shared by the binomial families. */
export function eventsAndN(family: string, input: Record<string, unknown>): { events: number; n: number } {
  const n = integerAtLeast(family, "n", input.n, 1);
  const events = integerAtLeast(family, "events", input.events, 0);
  if (events > n) fail(family, "events", `must be ≤ n (${n})`, events);
  return { events, n };
}

/**
 * The input every one-proportion method takes, validated in one order: an object, then n ≥ 1 and 0 ≤ events ≤ n,
 * then the confidence level (default 0.95). `raw` is the object, for the method's own further fields.
 */
export function proportionInput(family: string, input: unknown): { raw: Record<string, unknown>; events: number; n: number; level: number } {
  const raw = requireInput(family, input);
  const { events, n } = eventsAndN(family, raw);
  return { raw, events, n, level: confLevel(family, raw.confLevel) };
}

export function clopperPearson(input: ClopperPearsonInput): ClopperPearsonResult {
  const { events, n, level } = proportionInput("clopperPearson", input);
  // binom.test puts (1 − conf.level)/2 in each tail (0.025000000000000022 at 95 %, not 0.025).
  const alpha = (1 - level) / 2;
  return {
    estimate: events / n,
    lower: exactLowerLimit(events, n, alpha),
    upper: exactUpperLimit(events, n, alpha),
  };
}
