// Observed against expected events (a physician's complications against the sum of their patients' predicted
// risks): the ratio O/E with the exact (Garwood) Poisson interval and the exact two-sided p-value against a
// ratio of 1, as R's poisson.test(observed, expected, conf.level = confLevel) (stats/R/poisson.test.R, the
// one-sample branch with r = 1, T = expected, so the Poisson mean under the null is m = expected).

import { dpois } from "./distributions";
import { poissonMeanLower, poissonMeanUpper, ppois, ppoisUpper } from "./poisson";
import { confLevel, fail, finite, integerAtLeast, requireInput } from "./validate";

export interface ObservedExpectedInput {
  /** Events seen: an integer ≥ 0. */
  observed: number;
  /** Events expected from the risk model: > 0. */
  expected: number;
  /** Two-sided, default 0.95. */
  confLevel?: number;
}

export interface ObservedExpectedResult {
  ratio: number;
  lower: number;
  upper: number;
  pValue: number;
}

/** R's tolerance for "no more likely than the observed count": densities within a relative 1e-7 count as equal. */
const REL_ERR = 1 + 1e-7;

/**
 * Two-sided exact p-value of poisson.test: the probability of every count no more likely than the observed
 * one. It sums the observed tail and the opposite tail, whose extent is found by counting, on the far side of
 * the mean, the counts whose density is ≤ d·(1 + 1e-7) (d = the observed count's density) — R's literal
 * rule, so ties in density (e.g. m − 1 and m when m is an integer) are treated as R treats them. The count
 * loop costs O(m) density evaluations, which is nothing for the expected counts a clinic has.
 */
function twoSidedPValue(x: number, m: number): number {
  if (x === m) return 1; // the mode equals the mean when m is an integer: nothing is less likely
  const d = dpois(x, m);
  const limit = d * REL_ERR;
  if (x < m) {
    let N = Math.ceil(2 * m - x);
    while (dpois(N, m) > d) N *= 2;
    let y = 0;
    for (let i = Math.ceil(m); i <= N; i++) if (dpois(i, m) <= limit) y++;
    // R adds the two tails without clamping; mathematically the sum is ≤ 1, so only rounding is removed here.
    return Math.min(1, ppois(x, m) + ppoisUpper(N - y, m));
  }
  let y = 0;
  for (let i = 0; i <= Math.floor(m); i++) if (dpois(i, m) <= limit) y++;
  return Math.min(1, ppois(y - 1, m) + ppoisUpper(x - 1, m));
}

export function observedExpected(input: ObservedExpectedInput): ObservedExpectedResult {
  const family = "observedExpected";
  const raw = requireInput(family, input);
  const observed = integerAtLeast(family, "observed", raw.observed, 0);
  const expected = finite(family, "expected", raw.expected);
  if (!(expected > 0)) fail(family, "expected", "must be > 0", raw.expected);
  const level = confLevel(family, raw.confLevel);
  // poisson.test puts (1 − conf.level)/2 in each tail. Garwood limits: the mean m with P(X ≥ x | m) = α,
  // R's qgamma(α, x) (0 when x = 0), and the mean with P(X ≤ x | m) = α, R's qgamma(1 − α, x + 1); both / T.
  const alpha = (1 - level) / 2;
  const lowerMean = observed === 0 ? 0 : poissonMeanLower(observed, alpha);
  const upperMean = poissonMeanUpper(observed, alpha);
  return {
    ratio: observed / expected,
    lower: lowerMean / expected,
    upper: upperMean / expected,
    pValue: twoSidedPValue(observed, expected),
  };
}
