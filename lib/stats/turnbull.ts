// Turnbull's nonparametric maximum-likelihood estimate of time to relief when relief is only known to have
// happened between two visits (interval censoring): Turnbull (1976), "The empirical distribution function
// with arbitrarily grouped, censored and truncated data", JRSS B 38:290–295.
//
// Computation, in two stages:
// 1. Self-consistency / EM from the uniform start (Turnbull 1976), as the reference does. EM is robust but
//    converges linearly, sometimes slowly, and masses that belong at 0 only decay towards it.
// 2. A Newton polish on the support EM points to, with the active-set moves of the support reduction
//    algorithm (Groeneboom, Jongbloed & Wellner 2008, "The support reduction algorithm for computing
//    non-parametric function estimates in mixture models", Scand J Stat 35:385–399): drop a mass when the
//    Newton step would push it below 0, add one back when the Kuhn–Tucker conditions say so. It converges
//    quadratically to the NPMLE, so survival values are accurate to ~1e-15 instead of EM's stopping error
//    (which the reference README bounds only at ~1e-10, too loose for small survivals at 1e-9 relative).
// Newton is tried from EM iterates that changed by less than 1e-5, then 1e-7, 1e-10, 1e-13, and its result
// is accepted only if it satisfies the Kuhn–Tucker conditions. Where it cannot (a non-unique NPMLE, or a
// singular Hessian) EM runs on to a 1e-15 change or a work cap, and what it reached is returned.
// Where a zero mass has its gradient exactly at the bound, plain EM converges only like 1/iterations;
// the Newton result is the exact optimum there (higher likelihood than any EM stopping point).

import { array, fail, finite, finiteArray, requireInput, sameLength } from "./validate";
import { newtonPolish, type Pattern } from "./turnbullNewton";

export interface TurnbullInput {
  /** Last visit without relief (0 = the procedure). */
  left: readonly number[];
  /** First visit with relief, > left; null = not relieved by `left` (right-censored). */
  right: readonly (number | null)[];
}

export interface TurnbullRow {
  /** Innermost interval (left, right]: S is not determined inside it. */
  left: number;
  right: number;
  /** S(t) for right ≤ t ≤ the next row's left. */
  survival: number;
}

export interface TurnbullResult {
  /** One row per innermost interval with a finite right end. A final (q, ∞) interval has no row; its mass
   *  is the last row's survival. */
  rows: TurnbullRow[];
}

// EM only has to bring the masses near the optimum; Newton finishes. The caps bound the running time on
// degenerate data (where EM converges like 1/iterations): the last resort stops after about EM_FINAL_WORK
// pattern-or-interval updates (a few seconds at most) and returns what it reached.
// From 1e-5 first: with the start's support read from the EM multipliers (turnbullNewton.ts) Newton gets there in a
// few steps, where EM to 1e-7 alone took 5,000 iterations at 100,000 procedures (issue 17).
const NEWTON_STARTS = [1e-5, 1e-7, 1e-10, 1e-13];
const EM_ITERATIONS_PER_STAGE = 5_000;
const EM_FINAL_TOLERANCE = 1e-15;
const EM_FINAL_WORK = 2e8;

/** Turnbull's NPMLE; the outcomes dashboard draws it for visit-only relief (lib/outcomes/reliefSources.ts). */
export function turnbull(input: TurnbullInput): TurnbullResult {
  const family = "turnbull";
  const raw = requireInput(family, input);
  const left = finiteArray(family, "left", raw.left, { minLength: 1, min: 0 });
  const rightRaw = array(family, "right", raw.right, 1);
  sameLength(family, "left", left, "right", rightRaw);
  const right = rightRaw.map((r, i) => {
    if (r === null) return Infinity;
    const v = finite(family, `right[${i}]`, r);
    if (!(v > left[i])) fail(family, `right[${i}]`, `must be greater than left[${i}] (${left[i]}) or null`, r);
    return v;
  });

  // The distinct intervals with their counts (a cohort's visits fall on a few hundred days): the innermost intervals
  // and the patterns depend only on which intervals occur, and each pattern's weight is the sum of the counts.
  const distinct = distinctIntervals(left, right);
  const { q, p } = innermostIntervals(distinct.left, distinct.right);
  const patterns = groupPatterns(distinct, q, p);
  const mass = npmle(patterns, q.length, left.length);

  // Tail sums from the end, so small survivals are not differences of numbers near 1.
  const rows: TurnbullRow[] = [];
  let tail = 0;
  const survivalAfter = new Array<number>(q.length);
  for (let j = q.length - 1; j >= 0; j--) {
    survivalAfter[j] = tail;
    tail += mass[j];
  }
  for (let j = 0; j < q.length; j++) {
    if (p[j] !== Infinity) rows.push({ left: q[j], right: p[j], survival: survivalAfter[j] });
  }
  return { rows };
}

/**
 * Innermost intervals (q_j, p_j]: sort left ends (open) and right ends (closed) together, a right end
 * before a left end at the same value (so (0, 14] and (14, 42] do not overlap); every left end directly
 * followed by a right end makes one. A left end last of all gives (q, ∞).
 */
function innermostIntervals(left: readonly number[], right: readonly number[]): { q: number[]; p: number[] } {
  const ends: { value: number; isLeft: boolean }[] = [];
  for (const l of left) ends.push({ value: l, isLeft: true });
  for (const r of right) if (r !== Infinity) ends.push({ value: r, isLeft: false });
  ends.sort((a, b) => a.value - b.value || Number(a.isLeft) - Number(b.isLeft));
  const q: number[] = [];
  const p: number[] = [];
  for (let k = 0; k + 1 < ends.length; k++) {
    if (ends[k].isLeft && !ends[k + 1].isLeft) {
      q.push(ends[k].value);
      p.push(ends[k + 1].value);
    }
  }
  if (ends[ends.length - 1].isLeft) {
    q.push(ends[ends.length - 1].value);
    p.push(Infinity);
  }
  return { q, p };
}

type Intervals = { left: number[]; right: number[]; count: number[]; first: number[] };

/** Each distinct (left, right] once, in order of first appearance, with how many observations it stands for. */
function distinctIntervals(left: readonly number[], right: readonly number[]): Intervals {
  const out: Intervals = { left: [], right: [], count: [], first: [] };
  const byLeft = new Map<number, Map<number, number>>();
  for (let i = 0; i < left.length; i++) {
    let byRight = byLeft.get(left[i]);
    if (!byRight) byLeft.set(left[i], (byRight = new Map()));
    const k = byRight.get(right[i]);
    if (k !== undefined) {
      out.count[k]++;
      continue;
    }
    byRight.set(right[i], out.left.length);
    out.left.push(left[i]);
    out.right.push(right[i]);
    out.count.push(1);
    out.first.push(i);
  }
  return out;
}

/** α_ij = 1 when (q_j, p_j] ⊆ (left_i, right_i]; the intervals are disjoint and ordered, so that is a range. */
function groupPatterns(intervals: Intervals, q: readonly number[], p: readonly number[]): Pattern[] {
  const { left, right, count, first } = intervals;
  const byKey = new Map<string, Pattern>();
  for (let i = 0; i < left.length; i++) {
    const lo = firstIndex(q.length, (j) => q[j] >= left[i]);
    const hi = firstIndex(p.length, (j) => p[j] > right[i]) - 1;
    // Every observation contains at least one innermost interval (its own left end is followed, before
    // its right end, by some right end); anything else is a bug here, not bad input.
    if (lo > hi) throw new Error(`turnbull: observation ${first[i]} contains no innermost interval`);
    const key = `${lo}:${hi}`;
    const found = byKey.get(key);
    if (found) found.weight += count[i];
    else byKey.set(key, { lo, hi, weight: count[i] });
  }
  return [...byKey.values()];
}

/** Smallest j in [0, n) with pred(j) true (pred monotone false → true), n if none. */
function firstIndex(n: number, pred: (j: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function npmle(patterns: readonly Pattern[], m: number, total: number): number[] {
  if (m === 1) return [1];
  const s = new Array<number>(m).fill(1 / m);
  const em = new EmWorkspace(patterns, m, total);
  // Newton needs a start near the optimum; try from progressively better EM iterates.
  for (const tolerance of NEWTON_STARTS) {
    em.run(s, tolerance, EM_ITERATIONS_PER_STAGE);
    const polished = newtonPolish(patterns, s, total);
    if (polished) return polished;
  }
  em.run(s, EM_FINAL_TOLERANCE, Math.max(1000, Math.floor(EM_FINAL_WORK / (patterns.length + m))));
  return s;
}

/**
 * EM iterations in O(patterns + m) each: the denominators Σ_{j∈range} s_j from prefix sums and the
 * multipliers by a difference array. Where a denominator is small next to the prefix sums (cancellation
 * would cost digits) it is summed directly.
 */
class EmWorkspace {
  private readonly prefix: Float64Array;
  private readonly diff: Float64Array;
  constructor(
    private readonly patterns: readonly Pattern[],
    private readonly m: number,
    private readonly total: number,
  ) {
    this.prefix = new Float64Array(m + 1);
    this.diff = new Float64Array(m + 1);
  }

  /** Updates s in place until no mass changes by more than `tolerance` or `maxIterations` is reached. */
  run(s: number[], tolerance: number, maxIterations: number): void {
    const { patterns, m, total, prefix, diff } = this;
    for (let it = 0; it < maxIterations; it++) {
      for (let j = 0; j < m; j++) prefix[j + 1] = prefix[j] + s[j];
      diff.fill(0);
      for (const { lo, hi, weight } of patterns) {
        let den = prefix[hi + 1] - prefix[lo];
        if (!(den > 1e-8 * prefix[hi + 1])) {
          den = 0;
          for (let j = lo; j <= hi; j++) den += s[j];
        }
        const r = weight / den;
        diff[lo] += r;
        diff[hi + 1] -= r;
      }
      let running = 0;
      let change = 0;
      for (let j = 0; j < m; j++) {
        running += diff[j];
        const next = (s[j] * running) / total;
        change = Math.max(change, Math.abs(next - s[j]));
        s[j] = next;
      }
      if (change <= tolerance) return;
    }
  }
}
