// The c-statistic (area under the ROC curve) of a risk model: the probability that a randomly chosen patient
// with the outcome was given a higher predicted risk than a randomly chosen patient without it, ties counting
// one half (Hanley & McNeil 1982, Radiology 143:29–36; the Mann–Whitney U statistic divided by n₁n₀):
//
//   c = (#{(i, j): y_i = 1, y_j = 0, p_i > p_j} + ½ #{(i, j): y_i = 1, y_j = 0, p_i = p_j}) / (n₁ n₀)
//
// Counted exactly over the groups of equal predictions in increasing order (pair counts are integers, exact in doubles up to 2⁵³), so
// it costs O(n log n) rather than O(n₁ n₀). Undefined — null — when every outcome is the same (n₁ n₀ = 0).

import { tieGroups } from "./tieGroups";
import { binaryArray, finiteArray, sameLength } from "./validate";

export function cStatistic(predicted: readonly number[], outcome: readonly (0 | 1)[]): number | null {
  const family = "cStatistic";
  const p = finiteArray(family, "predicted", predicted, { minLength: 1 });
  const y = binaryArray(family, "outcome", outcome, 1);
  sameLength(family, "predicted", p, "outcome", y);
  // One group of equal predictions at a time, increasing: its events beat every non-event below it and tie with those inside it.
  const groups = tieGroups(p, y);
  let nonEventsBelow = 0;
  let concordant = 0;
  let tied = 0;
  let events = 0;
  for (let k = 0; k < groups.values.length; k++) {
    const groupEvents = groups.events[k];
    const groupNonEvents = groups.count[k] - groupEvents;
    concordant += groupEvents * nonEventsBelow;
    tied += groupEvents * groupNonEvents;
    nonEventsBelow += groupNonEvents;
    events += groupEvents;
  }
  const nonEvents = nonEventsBelow;
  if (events === 0 || nonEvents === 0) return null;
  return (concordant + tied / 2) / (events * nonEvents);
}
