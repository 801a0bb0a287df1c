// Benchmark of the CSV export (not a test): procedures.csv and complications.csv of every procedure, through
// the same code as GET /api/export/*.csv (the DAL's batched cohort, de-identification, formula-safe cells,
// the streamed body consumed to the end), next to a baseline measured in the same run on the same database:
// `sqlite3 -csv` (or `psql --csv` on PostgreSQL) running an equivalent query (the same rows and columns — identifiers, timepoint scores
// pivoted side by side, complication counts — minus what SQL cannot derive: the relief criterion and the
// complication definition). Also reports the peak resident memory while the export runs.
//
//   npx tsx --conditions=react-server scripts/seed.ts --file /tmp/bench100k.db --procedures 100000
//   npx tsx --conditions=react-server scripts/bench-export.ts /tmp/bench100k.db   (or a postgres:// URL)
//
// `runExportBench(target)` is exported for `npm run bench` to aggregate. Each export appends its audit row, as
// in the app.

import crypto from "node:crypto";
import { medianMs } from "./benchTiming";
import { checkCli, cliRun, openBenchDb, commandLineTarget, pointDataLayerAt, type BenchTarget } from "./benchTarget";

export interface ExportBenchRow {
  name: string;
  /** Median wall time of the whole export, body consumed, ms. */
  ms: number;
  /** Median wall time of the equivalent query through `sqlite3 -csv` / `psql --csv`, process start included, ms. */
  baselineMs: number;
  ratio: number;
  /** Highest resident set size of this process seen while the export ran (sampled at every chunk), MB. */
  peakRssMb: number;
  /** Resident set size just before the first run of this export, MB (the process with its modules loaded). */
  startRssMb: number;
  rows: number;
  megabytes: number;
}

const RUNS = 3;
const MB = 1024 * 1024;

const TIMEPOINTS = [
  ["baseline", "baseline"],
  ["day_1_3", "d1_3"],
  ["week_2", "2w"],
  ["week_6", "6w"],
  ["month_3", "3m"],
  ["month_6", "6m"],
  ["month_12", "12m"],
  ["month_24", "24m"],
] as const;

/** The few expressions the two dialects write differently; everything else in the baseline queries is shared. */
type Dialect = { days: (from: string, to: string) => string; age: (at: string, born: string) => string; groupBy: string };

const SQLITE: Dialect = {
  days: (from, to) => `cast(julianday(${to}) - julianday(${from}) as int)`,
  age: (at, born) => `(cast(strftime('%Y', ${at}) as int) - cast(strftime('%Y', ${born}) as int) - (strftime('%m-%d', ${at}) < strftime('%m-%d', ${born})))`,
  groupBy: "p.id",
};

/** PostgreSQL: date arithmetic on ::date, and every grouped table's key in GROUP BY. */
const POSTGRES: Dialect = {
  days: (from, to) => `(${to}::date - ${from}::date)`,
  age: (at, born) => `extract(year from age(${at}::date, ${born}::date))::int`,
  groupBy: "p.id, pa.id, s.id",
};

/** procedures.csv without relief and definition columns, in SQL: one row per procedure, scores pivoted. */
const proceduresSql = (d: Dialect) => `
select p.id as procedure_ref, pa.id as patient_ref, p.physician_id as physician_ref, s.code as site,
  substr(p.procedure_date, 1, 4) as procedure_year,
  case when ${d.age("p.procedure_date", "pa.date_of_birth")} > 89 then '90+'
       else cast(${d.age("p.procedure_date", "pa.date_of_birth")} as text) end as age_at_procedure,
  pa.sex, pa.diagnosis, p.levels, p.side, p.anaesthesia, p.prior_treatment_type,
  ${d.days("p.prior_treatment_date", "p.procedure_date")} as prior_treatment_days_before,
  p.prior_treatment_flag, pa.scoliosis_kyphosis, pa.previous_spinal_fracture, pa.previous_spinal_surgery,
  pa.medication_allergies, pa.diabetes, pa.cardiovascular_disease, pa.smoking, pa.heavy_drinking,
  ${TIMEPOINTS.map(
    ([tp, s]) => `
  max(case when a.timepoint = '${tp}' then ${d.days("p.procedure_date", "a.assessed_on")} end) as day_${s},
  max(case when a.timepoint = '${tp}' then a.nprs_back end) as back_nrs_${s},
  max(case when a.timepoint = '${tp}' then a.nprs_leg end) as leg_nrs_${s},
  max(case when a.timepoint = '${tp}' then a.odi end) as odi_${s},
  max(case when a.timepoint = '${tp}' then a.walking_minutes end) as walking_min_${s},
  max(case when a.timepoint = '${tp}' then a.standing_minutes end) as standing_min_${s}`,
  ).join(",")},
  (select count(*) from complications c where c.procedure_id = p.id) as complications_total,
  (select max(coalesce(c.final_grade, c.grade)) from complications c where c.procedure_id = p.id and c.adjudication_status <> 'rejected') as worst_grade
from procedures p
join patients pa on pa.id = p.patient_id
join sites s on s.id = p.site_id
left join assessments a on a.procedure_id = p.id
group by ${d.groupBy}
order by p.id;`;

const complicationsSql = (d: Dialect) => `
select c.id, c.procedure_id, p.patient_id, p.physician_id, s.code, substr(p.procedure_date, 1, 4), c.type,
  ${d.days("p.procedure_date", "c.onset_date")}, c.serious, c.grade, c.relatedness, c.outcome,
  ${d.days("p.procedure_date", "substr(c.reported_at, 1, 10)")}, c.adjudication_status, c.final_grade, c.final_relatedness
from complications c join procedures p on p.id = c.procedure_id join sites s on s.id = p.site_id
order by c.id;`;

export async function runExportBench(target: BenchTarget): Promise<ExportBenchRow[]> {
  checkCli(target);
  // The app's db client picks its database when first loaded; a throwaway secret keeps the bench from writing .auth-secret.
  pointDataLayerAt(target);
  process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("hex");
  const { exportCsvResponse } = await import("../lib/http/csvExportResponse");
  const { todayIso } = await import("../lib/outcomes/dates");

  const raw = await openBenchDb(target);
  const [officer] = await raw.all<{ id: number; email: string; name: string; role: "quality_officer"; siteId: number | null }>(
    `select id, email, name, role, site_id as "siteId" from users where role = 'quality_officer' order by id limit 1`,
  );
  await raw.close();
  if (!officer) throw new Error("The benchmark database has no quality officer account (seed it with scripts/seed.ts)");

  const dialect = target.kind === "postgres" ? POSTGRES : SQLITE;
  const cases = [
    { name: "export procedures.csv, de-identified", kind: "procedures" as const, query: "", sql: proceduresSql(dialect) },
    { name: "export procedures.csv, identified", kind: "procedures" as const, query: "identified=1&reason=benchmark", sql: proceduresSql(dialect) },
    { name: "export complications.csv, de-identified", kind: "complications" as const, query: "", sql: complicationsSql(dialect) },
  ];
  const out: ExportBenchRow[] = [];
  for (const c of cases) {
    let peak = 0;
    let bytes = 0;
    let lines = 0;
    const exportOnce = async () => {
      const params = new URLSearchParams(c.query);
      // As the app asks: the identified file from its export form (POST), the de-identified one by a link (GET).
      const response = await exportCsvResponse(officer, c.kind, params, todayIso(), params.get("identified") === "1" ? "POST" : "GET");
      if (response.status !== 200) throw new Error(`export answered ${response.status}: ${await response.text()}`);
      const reader = response.body!.getReader();
      bytes = 0;
      lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
    };
    const startRss = process.memoryUsage().rss;
    const ms = await medianMs(exportOnce, RUNS);
    // Output discarded, as the export's body is only counted: both sides produce every byte, neither writes a file.
    const baselineMs = await medianMs(() => cliRun(target, c.sql, { csv: true }), RUNS);
    out.push({ name: c.name, ms, baselineMs, ratio: ms / baselineMs, peakRssMb: peak / MB, startRssMb: startRss / MB, rows: lines - 1, megabytes: bytes / MB });
  }
  return out;
}

const commandLine = commandLineTarget(import.meta.url, "bench-export.ts");
if (commandLine) {
  const rows = await runExportBench(commandLine);
  console.table(
    rows.map((r) => ({
      benchmark: r.name,
      rows: r.rows.toLocaleString("en-GB"),
      "file MB": r.megabytes.toFixed(1),
      "ms (median)": r.ms.toFixed(0),
      "CLI csv ms": r.baselineMs.toFixed(0),
      ratio: `${r.ratio.toFixed(2)}×`,
      "RSS before MB": r.startRssMb.toFixed(0),
      "peak RSS MB": r.peakRssMb.toFixed(0),
    })),
  );
}
