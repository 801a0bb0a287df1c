// The second stage of lib/stats/turnbull.ts: a Newton polish with active-set moves (the support reduction
// algorithm of Groeneboom, Jongbloed & Wellner 2008) from an EM iterate to the NPMLE, certified by the
// Kuhn–Tucker conditions. See turnbull.ts for why and when it runs.

/** Observations with the same set of innermost intervals, counted once with a weight. */
export interface Pattern {
  lo: number;
  hi: number; // inclusive range of innermost intervals inside the observation's interval
  weight: number;
}

const KKT_TOLERANCE = 1e-9;
/** How far below 1 a mass's EM multiplier may be at the start and the mass still start in the support. */
const START_SUPPORT_MARGIN = 1e-4;

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
export function newtonPolish(patterns: readonly Pattern[], start: readonly number[], total: number): number[] | null {
  const m = start.length;
  const s = start.slice();
  const active = new Array<boolean>(m);
  const maxStart = start.reduce((a, b) => Math.max(a, b), 0);
  // The support starts as the masses EM is not shrinking: a multiplier below 1 means EM takes mass away there,
  // and at the NPMLE such a mass is 0. Started with every mass above 1e-8 of the largest, Newton dropped them one
  // step at a time (50 steps from a 5,000-iteration EM iterate at 100,000 procedures; 8 this way). A mass dropped
  // wrongly is brought back by the Kuhn–Tucker check below, so this choice changes the cost, never the result.
  const startMultipliers = multipliers(patterns, start, total);
  for (let j = 0; j < m; j++) active[j] = start[j] > 1e-8 * maxStart && startMultipliers[j] > 1 - START_SUPPORT_MARGIN;
  // Every observation's interval holds some mass at the NPMLE (else its likelihood is 0): keep its largest.
  for (const { lo, hi } of patterns) {
    let held = false;
    let largest = lo;
    for (let j = lo; j <= hi; j++) {
      held ||= active[j];
      if (start[j] > start[largest]) largest = j;
    }
    if (!held) active[largest] = true;
  }
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
