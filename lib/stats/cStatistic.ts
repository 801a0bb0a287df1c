// The c-statistic (area under the ROC curve) of a risk model: the probability that a randomly chosen patient
// with the outcome was given a higher predicted risk than a randomly chosen patient without it, ties counting
// one half (Hanley & McNeil 1982, Radiology 143:29–36; the Mann–Whitney U statistic divided by n₁n₀):
//
//   c = (#{(i, j): y_i = 1, y_j = 0, p_i > p_j} + ½ #{(i, j): y_i = 1, y_j = 0, p_i = p_j}) / (n₁ n₀)
//
// Counted exactly over the predictions sorted once (pair counts are integers, exact in doubles up to 2⁵³), so
// it costs O(n log n) rather than O(n₁ n₀). Undefined — null — when every outcome is the same (n₁ n₀ = 0).

import { binaryArray, finiteArray, sameLength } from "./validate";

export function cStatistic(predicted: readonly number[], outcome: readonly (0 | 1)[]): number | null {
  const family = "cStatistic";
  const p = finiteArray(family, "predicted", predicted, { minLength: 1 });
  const y = binaryArray(family, "outcome", outcome, 1);
  sameLength(family, "predicted", p, "outcome", y);
  const order = Array.from(p.keys()).sort((a, b) => p[a] - p[b]);
  let nonEventsBelow = 0;
  let concordant = 0;
  let tied = 0;
  let events = 0;
  let k = 0;
  while (k < order.length) {
    // One group of equal predictions: its events beat every non-event below it and tie with those inside it.
    const value = p[order[k]];
    let groupEvents = 0;
    let groupNonEvents = 0;
    while (k < order.length && p[order[k]] === value) {
      if (y[order[k]] === 1) groupEvents++;
      else groupNonEvents++;
      k++;
    }
    concordant += groupEvents * nonEventsBelow;
    tied += groupEvents * groupNonEvents;
    nonEventsBelow += groupNonEvents;
    events += groupEvents;
  }
  const nonEvents = nonEventsBelow;
  if (events === 0 || nonEvents === 0) return null;
  return (concordant + tied / 2) / (events * nonEvents);
}
