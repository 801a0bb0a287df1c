// npm run bench: every benchmark, each figure beside a baseline measured in the same run on the same machine
// (so it reads as a ratio, not as machine-dependent milliseconds). Seeds the benchmark databases once
// (bench-data/, 4,000 and 100,000 procedures, fixed seed and end date) and reuses them afterwards.
// The list, dashboard and export run on SQLite and, when a server can be had (BENCH_POSTGRES_URL, else the
// private one scripts/ensure-postgres.sh starts), on PostgreSQL holding a copy of the same database — each
// backend in a fresh process — and a last table sets the two side by side. Patient messages are planned, queued
// and sent through an SMTP sink on loopback against raw nodemailer sends of the same messages (bench-messages.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "@/db/connection";
import { copySqliteToPostgres } from "@/db/copyToPostgres";
import { migratePostgres, openPostgres } from "@/db/postgres";
import { createPostgresDatabase, postgresDatabaseExists, postgresDatabaseUrl } from "@/db/postgresAdmin";
import type { DashboardBenchRow } from "./bench-dashboard";
import type { ExportBenchRow } from "./bench-export";
import type { ListBenchRow } from "./bench-list";
import type { PageWeightRow } from "./bench-page-weight";
import type { ReportBenchRow } from "./bench-report";
import { runStatsBench } from "./bench-stats";

const SIZES = (process.env.BENCH_SIZES ?? "4000,100000").split(",").map(Number);
const DIR = path.resolve("bench-data");

function benchDatabase(procedures: number): string {
  const file = path.join(DIR, `bench-${procedures}.db`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(DIR, { recursive: true });
  const started = performance.now();
  const seed = spawnSync(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "scripts/seed.ts",
      "--file",
      file,
      "--procedures",
      String(procedures),
      "--seed",
      "42",
      "--end",
      "2026-11-25",
    ],
    { stdio: "inherit" },
  );
  if (seed.status !== 0) throw new Error(`seeding ${file} failed`);
  console.log(`Seeded ${procedures.toLocaleString("en-GB")} procedures in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

function postgresAdminUrl(): string | null {
  if (process.env.BENCH_POSTGRES_URL) return process.env.BENCH_POSTGRES_URL;
  const started = spawnSync("bash", ["scripts/ensure-postgres.sh"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const url = started.stdout.trim().split("\n").at(-1);
  if (started.status !== 0 || !url) {
    console.log("No PostgreSQL server available: PostgreSQL figures skipped (set BENCH_POSTGRES_URL).");
    return null;
  }
  return url;
}

/** A PostgreSQL database holding a copy of the SQLite benchmark file, made once (by the migrate-to-postgres copy). */
async function postgresCopy(admin: string, file: string, procedures: number): Promise<string> {
  const name = `mild_bench_${procedures}`;
  const url = postgresDatabaseUrl(admin, name);
  if (!(await postgresDatabaseExists(admin, name))) await createPostgresDatabase(admin, name);
  const target = openPostgres(url, { max: 1 });
  try {
    await migratePostgres(target);
    const copied = await target.$client.query("select count(*)::int as n from procedures");
    if (copied.rows[0].n !== procedures) {
      if (copied.rows[0].n !== 0) throw new Error(`${name} holds ${copied.rows[0].n} procedures, not ${procedures}: drop it and rerun.`);
      const source = openDatabase(file);
      migrateDatabase(source);
      const started = performance.now();
      const report = await copySqliteToPostgres(source, target);
      source.$client.close();
      console.log(
        `Copied ${file} into PostgreSQL ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s (${report.tables.reduce((a, t) => a + t.rows, 0).toLocaleString("en-GB")} rows)`,
      );
      await target.$client.query("analyze");
    }
  } finally {
    await target.$client.end();
  }
  return url;
}

type BackendResult = { list: ListBenchRow[]; dashboard: DashboardBenchRow[]; exports: ExportBenchRow[]; reports: ReportBenchRow[]; maxRssMb: number };

function runBackend(target: string): BackendResult {
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench-backend.ts", target], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 26,
  });
  const line = child.stdout.split("\n").find((l) => l.startsWith("BENCH_JSON "));
  if (child.status !== 0 || !line) throw new Error(`benchmark process for ${target.replace(/:[^:@/]+@/, ":***@")} failed:\n${child.stdout}`);
  return JSON.parse(line.slice("BENCH_JSON ".length)) as BackendResult;
}

type Row = { benchmark: string; backend: string; "ms (median)": string; baseline: string; "baseline ms": string; ratio: string };
const rows: Row[] = [];
const side: { benchmark: string; "SQLite ms": string; "PostgreSQL ms": string; "PostgreSQL / SQLite": string }[] = [];
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(4));

for (const r of await runStatsBench()) {
  rows.push({
    benchmark: `stats: ${r.name}`,
    backend: "—",
    "ms (median)": fmt(r.msPerCall),
    baseline: r.baseline,
    "baseline ms": fmt(r.msPerCall / r.ratio),
    ratio: `${r.ratio.toFixed(1)}×`,
  });
}

const admin = postgresAdminUrl();
for (const size of SIZES) {
  const file = benchDatabase(size);
  const n = size.toLocaleString("en-GB");
  const backends: [string, string][] = [["SQLite", file]];
  if (admin) backends.push(["PostgreSQL", await postgresCopy(admin, file, size)]);
  const results = new Map<string, BackendResult>();
  for (const [label, target] of backends) {
    const r = runBackend(target);
    results.set(label, r);
    const cli = label === "SQLite" ? "sqlite3" : "psql";
    for (const x of r.list)
      rows.push({
        benchmark: `${x.name} (${n})`,
        backend: label,
        "ms (median)": fmt(x.ms),
        baseline: x.baseline,
        "baseline ms": fmt(x.baselineMs),
        ratio: `${x.ratio.toFixed(1)}×`,
      });
    for (const x of r.dashboard)
      rows.push({
        benchmark: `dashboard: ${x.name} (${n})`,
        backend: label,
        "ms (median)": fmt(x.ms),
        baseline: x.baseline ?? `same aggregates via the ${cli} CLI`,
        "baseline ms": fmt(x.baselineMs),
        ratio: `${x.ratio.toFixed(1)}×`,
      });
    for (const x of r.exports)
      rows.push({
        benchmark: `export: ${x.name} (${n}; peak RSS ${x.peakRssMb.toFixed(0)} MB from ${x.startRssMb.toFixed(0)} MB)`,
        backend: label,
        "ms (median)": fmt(x.ms),
        baseline: `equivalent query via ${cli} CSV output`,
        "baseline ms": fmt(x.baselineMs),
        ratio: `${x.ratio.toFixed(1)}×`,
      });
    for (const x of r.reports)
      rows.push({
        benchmark: `${x.name} (${n}; ${(x.bytes / 1024).toFixed(0)} KB)`,
        backend: label,
        "ms (median)": fmt(x.ms),
        baseline: `dashboard server time: ${x.baseline}`,
        "baseline ms": fmt(x.baselineMs),
        ratio: `${x.ratio.toFixed(1)}×`,
      });
  }
  const lite = results.get("SQLite")!;
  const pgr = results.get("PostgreSQL");
  if (pgr) {
    const pairs = [
      ...lite.list.map((x, i) => [x.name, x.ms, pgr.list[i]!.ms] as const),
      ...lite.dashboard.map((x, i) => [`dashboard: ${x.name}`, x.ms, pgr.dashboard[i]!.ms] as const),
      ...lite.exports.map((x, i) => [`export: ${x.name}`, x.ms, pgr.exports[i]!.ms] as const),
      ...lite.reports.map((x, i) => [x.name, x.ms, pgr.reports[i]!.ms] as const),
    ];
    for (const [name, a, b] of pairs)
      side.push({ benchmark: `${name} (${n})`, "SQLite ms": fmt(a), "PostgreSQL ms": fmt(b), "PostgreSQL / SQLite": `${(b / a).toFixed(2)}×` });
  }
}

// Patient messages: plan, queue and send invitations through an SMTP sink (scripts/bench-messages.ts).
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const messaging = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench-messages.ts", String(MESSAGES)], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
const messagingLine = messaging.stdout.split("\n").find((l) => l.startsWith("BENCH_JSON "));
if (messaging.status !== 0 || !messagingLine) throw new Error(`the messaging benchmark failed:\n${messaging.stdout}`);
const m = JSON.parse(messagingLine.slice("BENCH_JSON ".length)) as { count: number; pool: number; planS: number; queueS: number; drainS: number; rawS: number };
const total = m.planS + m.queueS + m.drainS;
rows.push({
  benchmark: `messages: plan, queue and send ${m.count.toLocaleString("en-GB")} invitations via the outbox (SMTP sink, pool of ${m.pool})`,
  backend: "SQLite",
  "ms (median)": fmt(total * 1000),
  baseline: "the same messages straight through nodemailer, no outbox",
  "baseline ms": fmt(m.rawS * 1000),
  ratio: `${(total / m.rawS).toFixed(1)}×`,
});

// The patient's questionnaire page against the sign-in page: gzip-compressed JavaScript a phone fetches to show it
// (scripts/bench-page-weight.ts; needs a production build, skipped without one).
const weighing = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench-page-weight.ts", benchDatabase(SIZES[0]!)], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
const weightLine = weighing.stdout.split("\n").find((l) => l.startsWith("BENCH_JSON "));
const weights = weightLine ? (JSON.parse(weightLine.slice("BENCH_JSON ".length)) as PageWeightRow[] | null) : null;
if (weights) {
  const [questionnaire, signIn] = weights as [PageWeightRow, PageWeightRow];
  rows.push({
    benchmark: `page weight: ${questionnaire.page}, ${questionnaire.scripts} scripts (KB of JavaScript, gzip)`,
    backend: "—",
    "ms (median)": `${(questionnaire.gzipBytes / 1024).toFixed(0)} KB`,
    baseline: `${signIn.page}, ${signIn.scripts} scripts`,
    "baseline ms": `${(signIn.gzipBytes / 1024).toFixed(0)} KB`,
    ratio: `${(questionnaire.gzipBytes / signIn.gzipBytes).toFixed(2)}×`,
  });
}

console.table(rows);
const perSecond = (s: number) => Math.round(m.count / s).toLocaleString("en-GB");
console.log(
  `Messages per second (${m.count.toLocaleString("en-GB")} invitations): planned ${perSecond(m.planS)}, queued ${perSecond(m.queueS)}, sent from the outbox ${perSecond(m.drainS)}; ` +
    `end to end ${perSecond(total)}, against ${perSecond(m.rawS)} sent straight through nodemailer.`,
);
if (side.length) {
  console.log("The same work on both backends (same data, same code, each in a fresh process):");
  console.table(side);
}
