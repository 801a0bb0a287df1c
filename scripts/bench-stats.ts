// Benchmark of the statistics core (not a test): Kaplan–Meier on 100,000 patients and exact Clopper–Pearson
// intervals for 10,000 (events, n) pairs, each next to a baseline measured in the same run on the same
// machine, so figures can be quoted as ratios rather than machine-dependent milliseconds.
//
//   npx tsx scripts/bench-stats.ts
//
// `runStatsBench()` is exported for `npm run bench` to aggregate.

import { clopperPearson, kaplanMeier } from "../lib/stats";
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
