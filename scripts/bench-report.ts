// Benchmark of the physician report card (not a test): one physician's PDF, and the zip of every physician's,
// through the routes' own cores (figures, drawing, audit row and checkpoint), each beside the dashboard's own server
// time for the same view measured in the same run: one physician's outcomes with the pooled practice and their
// adjusted row for the PDF; the quality page and the risk-adjusted comparison for the zip.
//
//   npx tsx --conditions=react-server scripts/bench-report.ts bench-data/bench-4000.db   (or a postgres:// URL)
//
// `runReportBench(target)` is exported for `npm run bench` to aggregate. Each download appends its audit row, as
// in the app.

import { medianMs } from "./benchTiming";
import { openBenchDb, commandLineTarget, pointDataLayerAt, type BenchTarget } from "./benchTarget";

export interface ReportBenchRow {
  name: string;
  /** Median server time to produce the whole download (body read to its end), ms. */
  ms: number;
  baseline: string;
  /** Median server time of the dashboard's computation of the same view, ms. */
  baselineMs: number;
  ratio: number;
  /** Bytes of the download. */
  bytes: number;
}

/** BENCH_REPORT_RUNS=1 measures once, without a warm-up (at 100,000 procedures one zip takes minutes). */
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 3);
const WARMUP = RUNS > 1 ? 1 : 0;
/** The bench databases end on 2026-11-25: the report cards cover its last 12 months. */
const PERIOD = { from: "2025-11-26", to: "2026-11-25" };

export async function runReportBench(target: BenchTarget): Promise<ReportBenchRow[]> {
  pointDataLayerAt(target);
  const [
    { physicianReportResponse, physiciansZipResponse },
    { outcomeSummary, outcomePool },
    { qualityOverview },
    { adjustedComparison },
    filtersModule,
    dates,
  ] = await Promise.all([
    import("../lib/http/reportResponse"),
    import("../lib/dal/outcomes/dashboard"),
    import("../lib/dal/outcomes/quality"),
    import("../lib/dal/outcomes/adjusted"),
    import("../lib/outcomes/outcomeFilters"),
    import("../lib/outcomes/dates"),
  ]);
  const raw = await openBenchDb(target);
  type UserRow = { id: number; email: string; name: string; site_id: number | null };
  const [qoRow] = await raw.all<UserRow>("select id, email, name, site_id from users where role = 'quality_officer' order by id limit 1");
  const [docRow] = await raw.all<UserRow>("select id, email, name, site_id from users where role = 'physician' order by id limit 1");
  await raw.close();
  if (!qoRow || !docRow) throw new Error("The benchmark database has no quality officer or no physician: seed it with scripts/seed.ts first.");
  const qo = { id: qoRow.id, email: qoRow.email, name: qoRow.name, role: "quality_officer" as const, siteId: qoRow.site_id };
  const today = dates.todayIso();
  const { DEFAULT_VIEW } = filtersModule;
  const parsed = filtersModule.parseOutcomeFilters(new URLSearchParams({ physician: String(docRow.id), ...PERIOD }));
  if (!parsed.success) throw new Error("bench filters");
  const one = parsed.filters;
  const all = { ...one, physician: undefined };
  const view = { ...DEFAULT_VIEW, at: "month_12" as const };

  let bytes = 0;
  const download = async (response: Promise<Response>) => {
    const r = await response;
    if (r.status !== 200) throw new Error(`report bench: ${r.status} ${await r.text()}`);
    bytes = (await r.arrayBuffer()).byteLength;
  };
  const scenarios = [
    {
      name: `report card PDF, one physician, 12 months`,
      run: () => download(physicianReportResponse(qo, new URLSearchParams({ physician: String(docRow.id), ...PERIOD }), today)),
      baseline: "the outcomes page of that physician: summary, pool, adjusted row",
      dashboard: () => Promise.all([outcomeSummary(qo, one, view), outcomePool(qo, one, view), adjustedComparison(qo, one, view.mcid)]),
    },
    {
      name: `report cards zip, every physician, 12 months`,
      run: () => download(physiciansZipResponse(qo, new URLSearchParams(PERIOD), today)),
      baseline: "the quality page of the same period: funnel, CUSUM, adjusted comparison",
      dashboard: () => Promise.all([qualityOverview(qo, all, view), adjustedComparison(qo, all, view.mcid)]),
    },
  ];
  const rows: ReportBenchRow[] = [];
  for (const s of scenarios) {
    const ms = await medianMs(s.run, RUNS, WARMUP);
    const baselineMs = await medianMs(s.dashboard, RUNS, WARMUP);
    rows.push({ name: s.name, ms, baseline: s.baseline, baselineMs, ratio: ms / baselineMs, bytes });
  }
  return rows;
}

const commandLine = commandLineTarget(import.meta.url, "bench-report.ts");
if (commandLine) {
  for (const r of await runReportBench(commandLine))
    console.log(
      `${r.name}: ${r.ms.toFixed(0)} ms (${(r.bytes / 1024).toFixed(0)} KB) against ${r.baselineMs.toFixed(0)} ms for ${r.baseline}: ${r.ratio.toFixed(2)}×`,
    );
  process.exit(0);
}
