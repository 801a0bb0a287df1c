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
// Newton is tried from EM iterates that changed by less than 1e-7, then 1e-10, then 1e-13, and its result
// is accepted only if it satisfies the Kuhn–Tucker conditions. Where it cannot (a non-unique NPMLE, or a
// singular Hessian) EM runs on to a 1e-15 change or a work cap, and what it reached is returned.
// Where a zero mass has its gradient exactly at the bound, plain EM converges only like 1/iterations;
// the Newton result is the exact optimum there (higher likelihood than any EM stopping point).

import { array, fail, finite, finiteArray, requireInput, sameLength } from "./validate";

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

/** Observations with the same set of innermost intervals, counted once with a weight. */
interface Pattern {
  lo: number;
  hi: number; // inclusive range of innermost intervals inside the observation's interval
  weight: number;
}

// EM only has to bring the masses near the optimum; Newton finishes. The caps bound the running time on
// degenerate data (where EM converges like 1/iterations): the last resort stops after about EM_FINAL_WORK
// pattern-or-interval updates (a few seconds at most) and returns what it reached.
const NEWTON_STARTS = [1e-7, 1e-10, 1e-13];
const EM_ITERATIONS_PER_STAGE = 5_000;
const EM_FINAL_TOLERANCE = 1e-15;
const EM_FINAL_WORK = 2e8;
const KKT_TOLERANCE = 1e-9;

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

  const { q, p } = innermostIntervals(left, right);
  const patterns = groupPatterns(left, right, q, p);
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

/** α_ij = 1 when (q_j, p_j] ⊆ (left_i, right_i]; the intervals are disjoint and ordered, so that is a range. */
function groupPatterns(left: readonly number[], right: readonly number[], q: readonly number[], p: readonly number[]): Pattern[] {
  const byKey = new Map<string, Pattern>();
  for (let i = 0; i < left.length; i++) {
    const lo = firstIndex(q.length, (j) => q[j] >= left[i]);
    const hi = firstIndex(p.length, (j) => p[j] > right[i]) - 1;
    // Every observation contains at least one innermost interval (its own left end is followed, before
    // its right end, by some right end); anything else is a bug here, not bad input.
    if (lo > hi) throw new Error(`turnbull: observation ${i} contains no innermost interval`);
    const key = `${lo}:${hi}`;
    const found = byKey.get(key);
    if (found) found.weight++;
    else byKey.set(key, { lo, hi, weight: 1 });
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

/** Σ_{j in range} s_j for each pattern. */
function denominators(patterns: readonly Pattern[], s: readonly number[]): number[] {
  return patterns.map(({ lo, hi }) => {
    let d = 0;
    for (let j = lo; j <= hi; j++) d += s[j];
    return d;
  });
}

/** d_j = (1/N) Σ_i α_ij / Σ_k α_ik s_k: the EM multiplier, 1 on the support of the NPMLE and ≤ 1 off it. */
function multipliers(patterns: readonly Pattern[], s: readonly number[], total: number): number[] {
  const den = denominators(patterns, s);
  const d = new Array<number>(s.length).fill(0);
  patterns.forEach(({ lo, hi, weight }, u) => {
    const r = weight / den[u];
    for (let j = lo; j <= hi; j++) d[j] += r;
  });
  return d.map((v) => v / total);
}

/**
 * Maximise f(s) = Σ_i w_i log(α_iᵀ s) − N Σ_j s_j over s ≥ 0 (its maximiser has Σ s = 1 and is the NPMLE)
 * by Newton steps on an active set A. Returns null when it cannot certify the result.
 */
function newtonPolish(patterns: readonly Pattern[], start: readonly number[], total: number): number[] | null {
  const m = start.length;
  const s = start.slice();
  const active = new Array<boolean>(m);
  const maxStart = start.reduce((a, b) => Math.max(a, b), 0);
  for (let j = 0; j < m; j++) active[j] = start[j] > 1e-8 * maxStart;
  for (let j = 0; j < m; j++) if (!active[j]) s[j] = 0;

  const objective = (x: readonly number[]): number => {
    const den = denominators(patterns, x);
    let f = 0;
    for (let u = 0; u < patterns.length; u++) {
      if (!(den[u] > 0)) return -Infinity;
      f += patterns[u].weight * Math.log(den[u]);
    }
    let sum = 0;
    for (const v of x) sum += v;
    return f - total * sum;
  };

  // Each iteration drops or adds at most one mass, so allow for every interval to move once or twice.
  for (let iteration = 0; iteration < 100 + 2 * m; iteration++) {
    const den = denominators(patterns, s);
    if (den.some((v) => !(v > 0))) return null;
    const idx: number[] = []; // active intervals in order
    const before = new Int32Array(m + 1); // before[j] = number of active intervals < j
    for (let j = 0; j < m; j++) {
      before[j + 1] = before[j] + (active[j] ? 1 : 0);
      if (active[j]) idx.push(j);
    }
    const k = idx.length;
    // In active coordinates each pattern still covers a contiguous range [aLo, aHi].
    const grad = new Array<number>(k).fill(-total);
    const corner = new Float64Array(k * k); // corner[l·k + r] = Σ w/den² over patterns with range [l, r]
    patterns.forEach(({ lo, hi, weight }, u) => {
      const aLo = before[lo];
      const aHi = before[hi + 1] - 1;
      const g = weight / den[u];
      for (let a = aLo; a <= aHi; a++) grad[a] += g;
      if (aLo <= aHi) corner[aLo * k + aHi] += g / den[u];
    });
    // (Negated) Hessian: H_ab = Σ w/den² over patterns covering both a ≤ b, i.e. with l ≤ a and r ≥ b —
    // a quadrant sum of `corner`, accumulated over l ascending then r descending. All terms are positive,
    // so this O(k²) form loses nothing to cancellation against the O(patterns · range²) direct sum.
    for (let l = 1; l < k; l++) for (let r = 0; r < k; r++) corner[l * k + r] += corner[(l - 1) * k + r];
    for (let a = 0; a < k; a++) for (let r = k - 2; r >= 0; r--) corner[a * k + r] += corner[a * k + r + 1];
    const hess = Array.from({ length: k }, (_, a) => {
      const row = new Array<number>(k);
      for (let b = 0; b < k; b++) row[b] = a <= b ? corner[a * k + b] : corner[b * k + a];
      return row;
    });
    const step = choleskySolve(hess, grad);
    if (!step) return null;

    // Move along the Newton direction, stopping at the first mass that reaches 0 (it leaves A).
    let limit = 1;
    let blocking = -1;
    for (let a = 0; a < k; a++) {
      if (step[a] < 0) {
        const ratio = s[idx[a]] / -step[a];
        if (ratio < limit) {
          limit = ratio;
          blocking = idx[a];
        }
      }
    }
    const current = objective(s);
    let lambda = limit;
    let trial = s.slice();
    for (let halving = 0; ; halving++) {
      trial = s.slice();
      for (let a = 0; a < k; a++) trial[idx[a]] = Math.max(0, s[idx[a]] + lambda * step[a]);
      if (blocking >= 0 && lambda === limit) trial[blocking] = 0;
      if (objective(trial) >= current - 1e-12 * Math.abs(current) || halving >= 40) break;
      lambda /= 2;
    }
    let maxStep = 0;
    for (let j = 0; j < m; j++) maxStep = Math.max(maxStep, Math.abs(trial[j] - s[j]));
    for (let j = 0; j < m; j++) s[j] = trial[j];
    if (blocking >= 0 && lambda === limit) {
      active[blocking] = false;
      continue;
    }
    // Quadratic convergence: after a step this small the remaining error is of order its square.
    if (maxStep > 1e-13) continue;

    // Converged on A: the Kuhn–Tucker conditions decide whether a mass outside A must come back.
    const d = multipliers(patterns, s, total);
    let worst = -1;
    for (let j = 0; j < m; j++) {
      if (!active[j] && d[j] > 1 + KKT_TOLERANCE && (worst < 0 || d[j] > d[worst])) worst = j;
    }
    if (worst >= 0) {
      active[worst] = true;
      s[worst] = 1e-10; // start inside the feasible region, or the first step could not move it
      continue;
    }
    for (let j = 0; j < m; j++) {
      if (active[j] && (!(s[j] > 0) || Math.abs(d[j] - 1) > KKT_TOLERANCE)) return null;
    }
    let sum = 0;
    for (const v of s) sum += v;
    if (Math.abs(sum - 1) > 1e-12) return null;
    return s.map((v) => v / sum);
  }
  return null;
}

/** Solves H x = g for a symmetric positive definite H (Cholesky); null if H is not numerically PD. */
function choleskySolve(h: readonly (readonly number[])[], g: readonly number[]): number[] | null {
  const k = g.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let maxDiag = 0;
  for (let i = 0; i < k; i++) maxDiag = Math.max(maxDiag, h[i][i]);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = h[i][j];
      for (let r = 0; r < j; r++) sum -= l[i][r] * l[j][r];
      if (i === j) {
        if (!(sum > 1e-13 * maxDiag)) return null;
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  const y = new Array<number>(k);
  for (let i = 0; i < k; i++) {
    let sum = g[i];
    for (let r = 0; r < i; r++) sum -= l[i][r] * y[r];
    y[i] = sum / l[i][i];
  }
  const x = new Array<number>(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i];
    for (let r = i + 1; r < k; r++) sum -= l[r][i] * x[r];
    x[i] = sum / l[i][i];
  }
  return x;
}
