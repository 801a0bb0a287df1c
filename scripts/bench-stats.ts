// Benchmark of the statistics core (not a test): Kaplan–Meier on 100,000 patients, exact Clopper–Pearson
// intervals for 10,000 (events, n) pairs, and the risk models (logistic, Firth, linear) on 4,000 × 12 and
// 100,000 × 12 designs, each next to a baseline measured in the same run on the same machine, so figures can
// be quoted as ratios rather than machine-dependent milliseconds.
//
//   npx tsx scripts/bench-stats.ts
//
// `runStatsBench()` is exported for `npm run bench` to aggregate.

import { clopperPearson, firthLogistic, kaplanMeier, linearRegression, logisticRegression } from "../lib/stats";
import { qnorm } from "../lib/stats/distributions";

export interface StatsBenchResult {
  name: string;
  /** Median wall time of one call. */
  msPerCall: number;
  /** What the baseline is (its time per call is msPerCall / ratio). */
  baseline: string;
  /** msPerCall divided by the baseline's time per call, measured in the same run. */
  ratio: number;
}

/** mulberry32: a tiny deterministic PRNG, so every run times the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Median wall time of `fn` in ms over `runs` runs after `warmup` unmeasured ones. */
function time(fn: () => unknown, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = fn();
    samples.push(performance.now() - t0);
    sink += out === undefined ? 0 : 1; // keep the result observable so the call is not optimised away
  }
  if (sink < 0) console.log(sink);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** 100,000 relief times: visit days with heavy ties plus fractional days, 70 % events. */
function reliefData(n: number): { times: number[]; events: (0 | 1)[] } {
  const rand = prng(20260101);
  const visits = [0, 2, 14, 42, 90, 180, 365];
  const times = new Array<number>(n);
  const events = new Array<0 | 1>(n);
  for (let i = 0; i < n; i++) {
    times[i] = rand() < 0.6 ? visits[Math.floor(rand() * visits.length)] : Math.round(-Math.log(1 - rand()) * 600) / 10;
    events[i] = rand() < 0.7 ? 1 : 0;
  }
  return { times, events };
}

/** 10,000 (events, n): volumes from 1 to 100,000 (log-uniform), rates around 0.1–5 %, some 0 and n. */
function binomialPairs(count: number): { events: number; n: number }[] {
  const rand = prng(7);
  const pairs: { events: number; n: number }[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(Math.exp(rand() * Math.log(100_000)));
    const u = rand();
    const events = u < 0.1 ? 0 : u < 0.15 ? n : Math.min(n, Math.floor(n * rand() * 0.05));
    pairs.push({ events, n });
  }
  return pairs;
}

/**
 * A case-mix design like the pooled practice's: uncentred age (50–90) and 11 binary risk factors (sex,
 * diagnosis, levels treated, prior treatment…), with a responder outcome (~40 %), a complication (~0.2 %, as
 * Firth is used for) and an ODI change.
 */
function caseMix(n: number): { x: number[][]; responder: number[]; complication: number[]; odiChange: number[] } {
  const rand = prng(20261206 + n);
  const x: number[][] = [];
  const responder: number[] = [];
  const complication: number[] = [];
  const odiChange: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [50 + 40 * rand()];
    for (let j = 1; j < 12; j++) row.push(rand() < 0.1 + 0.05 * j ? 1 : 0);
    const risk = 0.03 * (row[0] - 70) + 0.3 * row[1] - 0.2 * row[2] + 0.4 * row[5];
    x.push(row);
    responder.push(rand() < 1 / (1 + Math.exp(0.4 - risk)) ? 1 : 0);
    complication.push(rand() < 1 / (1 + Math.exp(6.2 - risk)) ? 1 : 0);
    odiChange.push(-15 + 0.2 * (row[0] - 70) - 4 * row[1] + 3 * row[3] + 12 * (rand() + rand() + rand() - 1.5));
  }
  return { x, responder, complication, odiChange };
}

/**
 * The simplest regression one can write: XᵀX and Xᵀy in one pass over the rows, then a Cholesky solve (the
 * normal equations, which lose half the digits on uncentred age — the fits use QR instead). One least-squares
 * solve is the unit every iterative fit is a multiple of.
 */
function normalEquations(x: readonly (readonly number[])[], y: readonly number[]): number[] {
  const q = x[0].length + 1;
  const a = Array.from({ length: q }, () => new Float64Array(q));
  const b = new Float64Array(q);
  const row = new Float64Array(q);
  for (let i = 0; i < x.length; i++) {
    row[0] = 1;
    for (let j = 1; j < q; j++) row[j] = x[i][j - 1];
    for (let r = 0; r < q; r++) {
      b[r] += row[r] * y[i];
      for (let c = 0; c <= r; c++) a[r][c] += row[r] * row[c];
    }
  }
  for (let j = 0; j < q; j++) {
    for (let k = 0; k < j; k++) a[j][j] -= a[j][k] ** 2;
    a[j][j] = Math.sqrt(a[j][j]);
    for (let r = j + 1; r < q; r++) {
      for (let k = 0; k < j; k++) a[r][j] -= a[r][k] * a[j][k];
      a[r][j] /= a[j][j];
    }
  }
  const z = Array.from(b);
  for (let r = 0; r < q; r++) {
    for (let k = 0; k < r; k++) z[r] -= a[r][k] * z[k];
    z[r] /= a[r][r];
  }
  for (let r = q - 1; r >= 0; r--) {
    for (let k = r + 1; k < q; k++) z[r] -= a[k][r] * z[k];
    z[r] /= a[r][r];
  }
  return z;
}

export async function runStatsBench(): Promise<StatsBenchResult[]> {
  const results: StatsBenchResult[] = [];

  const km = reliefData(100_000);
  const kmMs = time(() => kaplanMeier(km), 15);
  const sortMs = time(() => km.times.slice().sort((a, b) => a - b), 15);
  results.push({
    name: "kaplanMeier, 100,000 patients (one call)",
    msPerCall: kmMs,
    baseline: "Array.prototype.sort of the same 100,000 times (numeric comparator)",
    ratio: kmMs / sortMs,
  });

  const pairs = binomialPairs(10_000);
  const cpMs = time(() => pairs.map((p) => clopperPearson(p)), 7, 1) / pairs.length;
  const waldMs =
    time(
      () =>
        pairs.map(({ events, n }) => {
          // Normal-approximation (Wald) interval with the same quantile call: the cheapest "interval".
          const z = qnorm(0.975);
          const p = events / n;
          const h = z * Math.sqrt((p * (1 - p)) / n);
          return { estimate: p, lower: Math.max(0, p - h), upper: Math.min(1, p + h) };
        }),
      7,
      1,
    ) / pairs.length;
  results.push({
    name: "clopperPearson, exact (per (events, n) pair, 10,000 pairs)",
    msPerCall: cpMs,
    baseline: "normal-approximation (Wald) interval for the same pair",
    ratio: cpMs / waldMs,
  });

  for (const n of [4_000, 100_000]) {
    const data = caseMix(n);
    const runs = n > 10_000 ? 3 : 9;
    const size = `${n.toLocaleString("en-GB")} × 12`;
    const baseline = `normal-equations least squares (one pass, Cholesky) on the same ${size} design`;
    const unitMs = time(() => normalEquations(data.x, data.odiChange), runs * 3, 2);
    const fits: [string, () => unknown][] = [
      [`logisticRegression, ${size} (responder)`, () => logisticRegression({ x: data.x, y: data.responder })],
      [
        `firthLogistic, ${size} (complication, ${data.complication.reduce((s, v) => s + v, 0)} events)`,
        () => firthLogistic({ x: data.x, y: data.complication }),
      ],
      [`linearRegression, ${size} (ODI change)`, () => linearRegression({ x: data.x, y: data.odiChange })],
    ];
    for (const [name, fit] of fits) {
      const ms = time(fit, runs, 1);
      results.push({ name, msPerCall: ms, baseline, ratio: ms / unitMs });
    }
  }

  return results;
}

function printTable(results: StatsBenchResult[]): void {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  const duration = (ms: number) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(2)} µs`);
  for (const r of results) {
    console.log(`${r.name}: ${duration(r.msPerCall)} per call`);
    console.log(`  baseline, ${r.baseline}: ${duration(r.msPerCall / r.ratio)} per call; ratio ${r.ratio.toFixed(2)}×`);
  }
}

if (/bench-stats\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) {
  runStatsBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
