// Exact one-sided binomial test against a target rate: R's
// binom.test(events, n, p = p0, alternative, conf.level). This is the "rate below 0.1 %" figure: with
// alternative "less", the rate is shown as below p0 when upperBound < p0.

import { exactLowerLimit, exactUpperLimit } from "./binomialBounds";
import { proportionInput } from "./clopperPearson";
import { pbinom, pbinomUpper } from "./distributions";
import { oneOf, probability } from "./validate";

export type BinomAlternative = "greater" | "less";

export interface BinomOneSidedInput {
  events: number;
  n: number;
  /** Target rate, e.g. 0.001 for 0.1 %. */
  p0: number;
  alternative: BinomAlternative;
  /** One-sided, default 0.95. */
  confLevel?: number;
}

export interface BinomOneSidedResult {
  pValue: number;
  /** 0 for "less". */
  lowerBound: number;
  /** 1 for "greater". */
  upperBound: number;
}

export function binomOneSided(input: BinomOneSidedInput): BinomOneSidedResult {
  const family = "binomOneSided";
  const { raw, events, n, level } = proportionInput(family, input);
  const p0 = probability(family, "p0", raw.p0, { lowerOpen: false, upperOpen: false });
  const alternative = oneOf(family, "alternative", raw.alternative, ["greater", "less"] as const);
  const alpha = 1 - level;
  if (alternative === "less") {
    return { pValue: pbinom(events, n, p0), lowerBound: 0, upperBound: exactUpperLimit(events, n, alpha) };
  }
  // P(X ≥ events) straight from the upper incomplete beta: p-values near 1e-12 keep their digits.
  return { pValue: pbinomUpper(events, n, p0), lowerBound: exactLowerLimit(events, n, alpha), upperBound: 1 };
}
