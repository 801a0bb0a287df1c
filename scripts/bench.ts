// npm run bench: every benchmark, each figure beside a baseline measured in the same run on the same machine
// (so it reads as a ratio, not as machine-dependent milliseconds). Seeds the benchmark databases once
// (bench-data/, 4,000 and 100,000 procedures, fixed seed and end date) and reuses them afterwards.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { runDashboardBench } from "./bench-dashboard";
import { runExportBench } from "./bench-export";
import { runListBench } from "./bench-list";
import { runStatsBench } from "./bench-stats";

const SIZES = (process.env.BENCH_SIZES ?? "4000,100000").split(",").map(Number);
const DIR = path.resolve("bench-data");

function benchDatabase(procedures: number): string {
  const file = path.join(DIR, `bench-${procedures}.db`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(DIR, { recursive: true });
  const started = performance.now();
  const seed = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts", "--file", file, "--procedures", String(procedures), "--seed", "42", "--end", "2026-11-25"], { stdio: "inherit" });
  if (seed.status !== 0) throw new Error(`seeding ${file} failed`);
  console.log(`Seeded ${procedures.toLocaleString("en-GB")} procedures in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

type Row = { benchmark: string; "ms (median)": string; baseline: string; "baseline ms": string; ratio: string };
const rows: Row[] = [];
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(4));

for (const r of await runStatsBench()) {
  rows.push({ benchmark: `stats: ${r.name}`, "ms (median)": fmt(r.msPerCall), baseline: r.baseline, "baseline ms": fmt(r.msPerCall / r.ratio), ratio: `${r.ratio.toFixed(1)}×` });
}

for (const size of SIZES) {
  const file = benchDatabase(size);
  const n = size.toLocaleString("en-GB");
  for (const r of await runListBench(file)) {
    rows.push({ benchmark: `${r.name} (${n})`, "ms (median)": fmt(r.ms), baseline: r.baseline, "baseline ms": fmt(r.baselineMs), ratio: `${r.ratio.toFixed(1)}×` });
  }
  for (const r of await runDashboardBench(file)) {
    rows.push({ benchmark: `dashboard: ${r.name} (${n})`, "ms (median)": fmt(r.ms), baseline: "same aggregates via the sqlite3 CLI", "baseline ms": fmt(r.baselineMs), ratio: `${r.ratio.toFixed(1)}×` });
  }
  for (const r of await runExportBench(file)) {
    rows.push({ benchmark: `export: ${r.name} (${n}; peak RSS ${r.peakRssMb.toFixed(0)} MB from ${r.startRssMb.toFixed(0)} MB)`, "ms (median)": fmt(r.ms), baseline: "equivalent query via sqlite3 -csv", "baseline ms": fmt(r.baselineMs), ratio: `${r.ratio.toFixed(1)}×` });
  }
}

console.table(rows);
console.log(`Peak RSS of the benchmark process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
