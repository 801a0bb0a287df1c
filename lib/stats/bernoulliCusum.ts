// Bernoulli CUSUM of complications in date order (Steiner, Cook, Farewell & Treasure 2000, "Monitoring
// surgical performance using risk-adjusted cumulative sum charts", Biostatistics 1:441–452), without risk
// adjustment: log-likelihood-ratio weights for a change of the odds of a complication by `oddsRatio`.

import { binaryArray, finite, fail, probability, requireInput } from "./validate";

export interface BernoulliCusumInput {
  /** Procedures in date order: 1 = qualifying complication, 0 = none. */
  outcomes: readonly (0 | 1)[];
  /** In-control complication rate, e.g. 0.001. */
  p0: number;
  /** Odds ratio to detect: > 1 for a rise, < 1 for a fall. */
  oddsRatio: number;
  /** Signal limit h > 0. */
  threshold: number;
}

export interface BernoulliCusumResult {
  /** S_1 … S_T, never below 0, not reset after a signal. */
  scores: number[];
  weights: { success: number; failure: number };
  /** Smallest 1-based t with S_t ≥ threshold, or null. */
  firstSignal: number | null;
}

export function bernoulliCusum(input: BernoulliCusumInput): BernoulliCusumResult {
  const family = "bernoulliCusum";
  const raw = requireInput(family, input);
  const outcomes = binaryArray(family, "outcomes", raw.outcomes, 0);
  const p0 = probability(family, "p0", raw.p0, { lowerOpen: true, upperOpen: true });
  const oddsRatio = finite(family, "oddsRatio", raw.oddsRatio);
  if (oddsRatio <= 0) fail(family, "oddsRatio", "must be > 0", raw.oddsRatio);
  const threshold = finite(family, "threshold", raw.threshold);
  if (threshold <= 0) fail(family, "threshold", "must be > 0", raw.threshold);

  const logNormaliser = Math.log(1 - p0 + oddsRatio * p0);
  const failure = Math.log(oddsRatio) - logNormaliser;
  const success = -logNormaliser;
  const scores = new Array<number>(outcomes.length);
  let s = 0;
  let firstSignal: number | null = null;
  for (let t = 0; t < outcomes.length; t++) {
    // Plain double addition in order, as the reference: the score path is reproducible bit for bit.
    s = Math.max(0, s + (outcomes[t] === 1 ? failure : success));
    scores[t] = s;
    if (firstSignal === null && s >= threshold) firstSignal = t + 1;
  }
  return { scores, weights: { success, failure }, firstSignal };
}
