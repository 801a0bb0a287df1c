// Benchmark of the CSV export (not a test): procedures.csv and complications.csv of every procedure, through
// the same code as GET /api/export/*.csv (the DAL's batched cohort, de-identification, formula-safe cells,
// the streamed body consumed to the end), next to a baseline measured in the same run on the same file:
// `sqlite3 -csv` running an equivalent query (the same rows and columns — identifiers, timepoint scores
// pivoted side by side, complication counts — minus what SQL cannot derive: the relief criterion and the
// complication definition). Also reports the peak resident memory while the export runs.
//
//   npx tsx --conditions=react-server scripts/seed.ts --file /tmp/bench100k.db --procedures 100000
//   npx tsx --conditions=react-server scripts/bench-export.ts /tmp/bench100k.db
//
// `runExportBench(dbFile)` is exported for `npm run bench` to aggregate. Needs the sqlite3 command line
// (Debian: apt-get install -y sqlite3). Each export appends its audit row to the file, as in the app.

import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { medianMs } from "./benchTiming";

export interface ExportBenchRow {
  name: string;
  /** Median wall time of the whole export, body consumed, ms. */
  ms: number;
  /** Median wall time of the equivalent query through `sqlite3 -csv`, process start included, ms. */
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

/** procedures.csv without relief and definition columns, in SQL: one row per procedure, scores pivoted. */
const PROCEDURES_SQL = `
select p.id as procedure_ref, pa.id as patient_ref, p.physician_id as physician_ref, s.code as site,
  substr(p.procedure_date, 1, 4) as procedure_year,
  case when (cast(strftime('%Y', p.procedure_date) as int) - cast(strftime('%Y', pa.date_of_birth) as int)
             - (strftime('%m-%d', p.procedure_date) < strftime('%m-%d', pa.date_of_birth))) > 89 then '90+'
       else (cast(strftime('%Y', p.procedure_date) as int) - cast(strftime('%Y', pa.date_of_birth) as int)
             - (strftime('%m-%d', p.procedure_date) < strftime('%m-%d', pa.date_of_birth))) end as age_at_procedure,
  pa.sex, pa.diagnosis, p.levels, p.side, p.anaesthesia, p.prior_treatment_type,
  cast(julianday(p.procedure_date) - julianday(p.prior_treatment_date) as int) as prior_treatment_days_before,
  p.prior_treatment_flag, pa.scoliosis_kyphosis, pa.previous_spinal_fracture, pa.previous_spinal_surgery,
  pa.medication_allergies, pa.diabetes, pa.cardiovascular_disease, pa.smoking, pa.heavy_drinking,
  ${TIMEPOINTS.map(
    ([tp, s]) => `
  max(case when a.timepoint = '${tp}' then cast(julianday(a.assessed_on) - julianday(p.procedure_date) as int) end) as day_${s},
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
group by p.id
order by p.id;`;

const COMPLICATIONS_SQL = `
select c.id, c.procedure_id, p.patient_id, p.physician_id, s.code, substr(p.procedure_date, 1, 4), c.type,
  cast(julianday(c.onset_date) - julianday(p.procedure_date) as int), c.serious, c.grade, c.relatedness, c.outcome,
  cast(julianday(substr(c.reported_at, 1, 10)) - julianday(p.procedure_date) as int), c.adjudication_status, c.final_grade, c.final_relatedness
from complications c join procedures p on p.id = c.procedure_id join sites s on s.id = p.site_id
order by c.id;`;

function sqlite3Csv(file: string, sql: string): void {
  // Output discarded, as the export's body is only counted: both sides produce every byte, neither writes a file.
  execFileSync("sqlite3", ["-batch", "-readonly", "-csv", "-header", file], { input: sql, stdio: ["pipe", "ignore", "inherit"], maxBuffer: 1024 * MB });
}

export async function runExportBench(dbFile: string): Promise<ExportBenchRow[]> {
  const file = path.resolve(dbFile);
  try {
    execFileSync("sqlite3", ["-version"], { stdio: "ignore" });
  } catch {
    throw new Error("The sqlite3 command line is needed for the baseline (Debian: apt-get install -y sqlite3).");
  }
  // The app's db client opens DATABASE_PATH; a throwaway secret keeps the bench from writing .auth-secret.
  process.env.DATABASE_PATH = file;
  process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("hex");
  const { exportCsvResponse } = await import("../lib/csv/export/response");

  const raw = new Database(file, { readonly: true });
  const officer = raw.prepare("select id, email, name, role, site_id as siteId from users where role = 'quality_officer' order by id limit 1").get() as
    | { id: number; email: string; name: string; role: "quality_officer"; siteId: number | null }
    | undefined;
  raw.close();
  if (!officer) throw new Error(`${file} has no quality officer account (seed it with scripts/seed.ts)`);

  const cases = [
    { name: "export procedures.csv, de-identified", kind: "procedures" as const, query: "", sql: PROCEDURES_SQL },
    { name: "export procedures.csv, identified", kind: "procedures" as const, query: "identified=1&reason=benchmark", sql: PROCEDURES_SQL },
    { name: "export complications.csv, de-identified", kind: "complications" as const, query: "", sql: COMPLICATIONS_SQL },
  ];
  const out: ExportBenchRow[] = [];
  for (const c of cases) {
    let peak = 0;
    let bytes = 0;
    let lines = 0;
    const exportOnce = async () => {
      const response = await exportCsvResponse(officer, c.kind, new URLSearchParams(c.query));
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
    const baselineMs = await medianMs(() => sqlite3Csv(file, c.sql), RUNS);
    out.push({ name: c.name, ms, baselineMs, ratio: ms / baselineMs, peakRssMb: peak / MB, startRssMb: startRss / MB, rows: lines - 1, megabytes: bytes / MB });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npx tsx --conditions=react-server scripts/bench-export.ts DB_FILE");
    process.exit(2);
  }
  const rows = await runExportBench(file);
  console.table(
    rows.map((r) => ({
      benchmark: r.name,
      rows: r.rows.toLocaleString("en-GB"),
      "file MB": r.megabytes.toFixed(1),
      "ms (median)": r.ms.toFixed(0),
      "sqlite3 -csv ms": r.baselineMs.toFixed(0),
      ratio: `${r.ratio.toFixed(2)}×`,
      "RSS before MB": r.startRssMb.toFixed(0),
      "peak RSS MB": r.peakRssMb.toFixed(0),
    })),
  );
}
