// Benchmark of the outcomes dashboard's server-side work (not a test): the DAL plus every statistic the pages
// compute, for the default view of a quality officer ("everyone" and the quality page) and of one physician
// (their outcomes and the pooled practice beside them). Each figure sits next to a baseline measured in the
// same run on the same file — the plain aggregates (counts, complication counts per physician, per-timepoint
// means) through the `sqlite3` command line — so it can be quoted as a ratio, not machine-dependent ms.
//
//   npx tsx --conditions=react-server scripts/seed.ts --file /tmp/bench100k.db --procedures 100000
//   npx tsx --conditions=react-server scripts/bench-dashboard.ts /tmp/bench100k.db
//
// `runDashboardBench(dbFile)` is exported for `npm run bench` to aggregate. Needs the sqlite3 command line
// (Debian: apt-get install -y sqlite3).

import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { medianMs } from "./benchTiming";

export interface DashboardBenchRow {
  name: string;
  /** Median server time of the dashboard's computation, ms. */
  ms: number;
  /** Median wall time of the comparable aggregates through the sqlite3 command line, ms (process start included). */
  baselineMs: number;
  ratio: number;
}

const RUNS = 3;

function sqlite3Cli(file: string, sql: string): void {
  execFileSync("sqlite3", ["-batch", "-readonly", file], { input: sql, stdio: ["pipe", "ignore", "inherit"] });
}

/**
 * The aggregates a plain SQL report would compute for the same view: procedure and patient counts,
 * complication counts per physician, per-timepoint means — for one physician and, beside them, for the
 * rest of the practice (the pool), or for everyone.
 */
function baselineSql(physicianId: number | null): string {
  const parts = physicianId === null ? [""] : [`where p.physician_id = ${physicianId}`, `where p.physician_id <> ${physicianId}`];
  return parts
    .map(
      (where) => `
select count(*), count(distinct p.patient_id) from procedures p ${where};
select p.physician_id, count(distinct c.procedure_id) from complications c join procedures p on p.id = c.procedure_id
  ${where ? `${where} and` : "where"} c.adjudication_status <> 'rejected' group by p.physician_id;
select a.timepoint, count(*), avg(a.nprs_back), avg(a.nprs_leg), avg(a.odi), avg(a.walking_minutes), avg(a.standing_minutes)
  from assessments a join procedures p on p.id = a.procedure_id ${where} group by a.timepoint;
`,
    )
    .join("");
}

export async function runDashboardBench(dbFile: string): Promise<DashboardBenchRow[]> {
  const file = path.resolve(dbFile);
  try {
    execFileSync("sqlite3", ["-version"], { stdio: "ignore" });
  } catch {
    throw new Error("The sqlite3 command line is needed for the baseline (Debian: apt-get install -y sqlite3).");
  }
  // The app's db client opens DATABASE_PATH; set it before the data layer is loaded.
  process.env.DATABASE_PATH = file;
  const [{ outcomeSummary, outcomePool }, { qualityOverview, complicationsAwaitingReview }, { DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW }] = await Promise.all([
    import("../lib/dal/outcomes"),
    import("../lib/dal/outcomes/quality"),
    import("../lib/outcomes/outcomeFilters"),
  ]);

  const raw = new Database(file, { readonly: true });
  const qoRow = raw.prepare("select id, email, name, site_id from users where role = 'quality_officer' order by id limit 1").get() as { id: number; email: string; name: string; site_id: number | null } | undefined;
  const docRow = raw.prepare("select id, email, name, site_id from users where role = 'physician' order by id limit 1").get() as { id: number; email: string; name: string; site_id: number | null } | undefined;
  const procedureCount = (raw.prepare("select count(*) as n from procedures").get() as { n: number }).n;
  raw.close();
  if (!qoRow || !docRow) throw new Error(`${file} has no quality officer or no physician: seed it with scripts/seed.ts first.`);
  const qo = { id: qoRow.id, email: qoRow.email, name: qoRow.name, role: "quality_officer" as const, siteId: qoRow.site_id };
  const doc = { id: docRow.id, email: docRow.email, name: docRow.name, role: "physician" as const, siteId: docRow.site_id };
  const filters = DEFAULT_OUTCOME_FILTERS;
  const view = DEFAULT_VIEW;

  const scenarios: { name: string; run: () => Promise<unknown>; baseline: string }[] = [
    {
      name: `outcomes, everyone (QO), ${procedureCount.toLocaleString("en-GB")} procedures`,
      run: () => outcomeSummary(qo, filters, view),
      baseline: baselineSql(null),
    },
    {
      name: "quality page (funnel, CUSUM, g-chart, review list)",
      run: () => Promise.all([qualityOverview(qo, filters, view), complicationsAwaitingReview(qo, filters)]),
      baseline: baselineSql(null),
    },
    {
      name: "my outcomes (one physician) + the pooled practice",
      run: () => Promise.all([outcomeSummary(doc, filters, view), outcomePool(doc, filters, view)]),
      baseline: baselineSql(doc.id),
    },
  ];

  const rows: DashboardBenchRow[] = [];
  for (const s of scenarios) {
    const ms = await medianMs(s.run, RUNS);
    const baselineMs = await medianMs(() => sqlite3Cli(file, s.baseline), RUNS);
    rows.push({ name: s.name, ms, baselineMs, ratio: ms / baselineMs });
  }
  const total = rows.reduce((a, r) => ({ ms: a.ms + r.ms, baselineMs: a.baselineMs + r.baselineMs }), { ms: 0, baselineMs: 0 });
  rows.push({ name: "whole dashboard (all of the above)", ...total, ratio: total.ms / total.baselineMs });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npx tsx --conditions=react-server scripts/bench-dashboard.ts <sqlite file>");
    process.exit(2);
  }
  const rows = await runDashboardBench(file);
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${"".padEnd(width)}  ${"server ms".padStart(10)}  ${"sqlite3 ms".padStart(10)}  ratio`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.ms.toFixed(0).padStart(10)}  ${r.baselineMs.toFixed(0).padStart(10)}  ${r.ratio.toFixed(1)}×`);
}
