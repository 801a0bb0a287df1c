// Change in a score from baseline: paired t-test and Wilcoxon signed-rank test, as R's
//   t.test(post, pre, paired = TRUE, conf.level = confLevel)
//   wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE)
// The change is post − pre, so for NRS and ODI a negative change is an improvement, and Wilcoxon's V
// (ranks of positive changes) is small when most patients improve.

import { pnorm, pt, qt } from "./distributions";
import { rMean, rVariance } from "./summation";
import { confLevel, pairedInput } from "./validate";

export interface PairedChangeInput {
  pre: readonly number[];
  post: readonly number[];
  /** Two-sided, default 0.95. */
  confLevel?: number;
}

export interface PairedChangeResult {
  n: number;
  meanChange: number;
  /** null when n = 1. */
  sdChange: number | null;
  /** t-test fields are null when R refuses the test (n = 1, or all changes equal and non-zero). */
  tStatistic: number | null;
  /** n − 1, and still n − 1 when every change is 0 (R runs the test and returns NaN for the rest). */
  df: number | null;
  pValue: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  wilcoxonV: number;
  /** null when every change is 0. */
  wilcoxonPValue: number | null;
}

const DOUBLE_EPS = 2 ** -52;

interface TTest {
  tStatistic: number | null;
  df: number | null;
  pValue: number | null;
  ciLower: number | null;
  ciUpper: number | null;
}

const REFUSED: TTest = { tStatistic: null, df: null, pValue: null, ciLower: null, ciUpper: null };

/** One-sample t-test of the changes against 0, written as stats:::t.test.default computes it. */
function tTest(n: number, mean: number, variance: number, level: number): TTest {
  if (n < 2) return REFUSED; // "not enough 'x' observations"
  const df = n - 1;
  const stderr = Math.sqrt(variance / n);
  // "data are essentially constant": identical non-zero changes. All-zero changes pass this check (0 < 0
  // is false) and R carries on to 0/0, so df survives while everything else is NaN.
  if (stderr < 10 * DOUBLE_EPS * Math.abs(mean)) return REFUSED;
  if (stderr === 0) return { tStatistic: null, df, pValue: null, ciLower: null, ciUpper: null };
  const t = mean / stderr;
  const q = qt(1 - (1 - level) / 2, df);
  return {
    tStatistic: t,
    df,
    pValue: 2 * pt(-Math.abs(t), df),
    // R forms the interval on the t scale and multiplies back: (t ∓ q)·stderr (+ mu, which is 0).
    ciLower: (t - q) * stderr,
    ciUpper: (t + q) * stderr,
  };
}

/**
 * Wilcoxon signed rank with the normal approximation and continuity correction, as stats:::wilcox.test
 * with exact = FALSE: zero changes dropped first, |d| ranked with ties sharing their average rank (ties are
 * exactly equal doubles), tie-corrected variance.
 */
function signedRank(changes: readonly number[]): { v: number; pValue: number | null } {
  // Tie groups of |d| counted in one pass (how many, how many positive), then taken in increasing order: scores
  // are whole points, so 100,000 changes form a few dozen groups and no sort of the changes themselves is needed.
  const groups = new Map<number, { size: number; positive: number }>();
  let m = 0;
  for (const d of changes) {
    if (d === 0) continue;
    m++;
    const group = groups.get(Math.abs(d));
    if (group) {
      group.size++;
      if (d > 0) group.positive++;
    } else {
      groups.set(Math.abs(d), { size: 1, positive: d > 0 ? 1 : 0 });
    }
  }
  if (m === 0) return { v: 0, pValue: null }; // R: 0/0 is NaN
  let v = 0;
  let tieTerm = 0; // Σ (t³ − t) over tie groups
  let below = 0;
  for (const value of [...groups.keys()].sort((a, b) => a - b)) {
    const { size: t, positive } = groups.get(value)!;
    v += ((2 * below + t + 1) / 2) * positive; // the average of ranks below+1 … below+t, once per positive change
    tieTerm += t * t * t - t;
    below += t;
  }
  const z = v - (m * (m + 1)) / 4;
  const sigma = Math.sqrt((m * (m + 1) * (2 * m + 1)) / 24 - tieTerm / 48);
  const zc = (z - 0.5 * Math.sign(z)) / sigma;
  // Both tails evaluated directly, so a small p-value is not 1 − (something near 1).
  return { v, pValue: 2 * Math.min(pnorm(zc), pnorm(-zc)) };
}

export function pairedChange(input: PairedChangeInput): PairedChangeResult {
  const family = "pairedChange";
  const { raw, pre, post } = pairedInput(family, input);
  const level = confLevel(family, raw.confLevel);

  const n = pre.length;
  const changes = post.map((b, i) => b - pre[i]);
  const mean = rMean(changes);
  const variance = rVariance(changes, mean);
  const wilcoxon = signedRank(changes);
  return {
    n,
    meanChange: mean,
    sdChange: n < 2 ? null : Math.sqrt(variance),
    ...tTest(n, mean, variance, level),
    wilcoxonV: wilcoxon.v,
    wilcoxonPValue: wilcoxon.pValue,
  };
}
