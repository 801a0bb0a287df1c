// Benchmark of the procedure list's first page (not a test): the DAL call the page makes — count, one sorted
// page with joins, and the follow-up states of that page — against the same page fetched by one direct SQL
// query on the same database (better-sqlite3 or node-postgres), in the same run. Then the worklist's first page
// (its counts, most urgent 25 and their contacts) against the backend's command line (sqlite3 or psql) running
// the equivalent counts and first-page query, process start included.
//
//   npx tsx --conditions=react-server scripts/bench-list.ts FILE|postgres://…
import type { Principal } from "@/lib/dal/principal";
import { medianMs } from "./benchTiming";
import { checkCli, cliName, cliRun, openBenchDb, parseTarget, pointDataLayerAt, type BenchTarget } from "./benchTarget";
import { addDaysIso, epochDay } from "@/lib/outcomes/dates";
import { SCHEDULE } from "@/lib/outcomes/timepoints";

export type ListBenchRow = { name: string; ms: number; baseline: string; baselineMs: number; ratio: number };

export async function runListBench(target: BenchTarget): Promise<ListBenchRow[]> {
  pointDataLayerAt(target);
  const { listProcedures } = await import("@/lib/dal/records/procedureList");
  const { procedureListQuerySchema } = await import("@/lib/validation/procedureList");
  const raw = await openBenchDb(target);
  const [busiest] = await raw.all<{ id: number; n: number }>(
    "select physician_id as id, count(*) n from procedures group by physician_id order by n desc limit 1",
  );
  const qo: Principal = { id: 0, email: "bench@example.org", name: "Bench", role: "quality_officer", siteId: null };
  const [{ d: today }] = await raw.all<{ d: string }>("select max(procedure_date) d from procedures");

  const directSql = `select p.id, p.procedure_date, pa.name, pa.mrn, u.name as physician, s.name as site, p.levels, pa.diagnosis, p.prior_treatment_flag,
            (select count(*) from complications c where c.procedure_id = p.id) as complications
       from procedures p join patients pa on pa.id = p.patient_id join users u on u.id = p.physician_id join sites s on s.id = p.site_id
      where (cast(? as integer) is null or p.physician_id = ?)
      order by p.procedure_date desc, p.id desc limit 25`;
  const direct = (physician: number | null) => raw.all(directSql, physician, physician);
  const driver = target.kind === "sqlite" ? "better-sqlite3" : "node-postgres";
  const cases = [
    { name: "list: first page, by date, one physician", query: { physician: busiest!.id }, physician: busiest!.id },
    { name: "list: first page, by date, everyone", query: {}, physician: null },
  ];
  const rows: ListBenchRow[] = [];
  for (const c of cases) {
    const q = procedureListQuerySchema.parse(c.query);
    const ms = await medianMs(() => listProcedures(qo, q, today), 15, 3);
    const baselineMs = await medianMs(() => direct(c.physician), 15, 3);
    rows.push({ name: c.name, ms, baseline: `one direct SQL query (${driver}), same page`, baselineMs, ratio: ms / baselineMs });
  }
  const overdue = procedureListQuerySchema.parse({ followUp: "overdue" });
  const msOverdue = await medianMs(() => listProcedures(qo, overdue, today), 5, 1);
  const baselineOverdue = await medianMs(() => direct(null), 15, 3);
  rows.push({
    name: "list: first page, overdue follow-up filter, everyone",
    ms: msOverdue,
    baseline: "unfiltered direct query",
    baselineMs: baselineOverdue,
    ratio: msOverdue / baselineOverdue,
  });
  rows.push(...(await worklistBench(target, { qo, busiest: busiest!.id, today })));
  await raw.close();
  return rows;
}

/**
 * The worklist's counts and first page written by hand for one today (the benchmark's sites share the server's
 * zone): each timepoint's open windows, unassessed, of patients still followed, counted by state and ranked
 * most urgent first. What the DAL's query does, for the command line to run as the baseline.
 */
export function worklistBaselineSql(target: BenchTarget, today: string, physician: number | null): string {
  const day = target.kind === "sqlite" ? "cast(julianday(p.procedure_date) - 2440587.5 as integer)" : "(p.procedure_date::date - date '1970-01-01')";
  const t = epochDay(today);
  const open = SCHEDULE.map(
    (w) => `select p.id, p.patient_id, p.physician_id, p.procedure_date, '${w.timepoint}' as timepoint,
        case when p.procedure_date < '${addDaysIso(today, -w.day)}' then 'overdue' else 'due' end as state,
        ${day} + ${w.to - t} as days_left, ${day} + ${w.day} as target_day
      from procedures p
      where p.procedure_date between '${addDaysIso(today, -w.to)}' and '${addDaysIso(today, -w.from)}'
        ${physician === null ? "" : `and p.physician_id = ${physician}`}
        and not exists (select 1 from follow_up_statuses fs where fs.procedure_id = p.id)
        and not exists (select 1 from assessments a where a.procedure_id = p.id and a.timepoint = '${w.timepoint}')`,
  ).join(" union all ");
  return `select state, count(*) from (${open}) wl group by state;
    select wl.id, wl.procedure_date, wl.timepoint, wl.state, wl.days_left, pa.name, pa.mrn, u.name
      from (${open}) wl join patients pa on pa.id = wl.patient_id join users u on u.id = wl.physician_id
      order by case when wl.state = 'overdue' then 0 else 1 end, case when wl.state = 'overdue' then wl.days_left else wl.target_day end, wl.id
      limit 25;`;
}

async function worklistBench(target: BenchTarget, at: { qo: Principal; busiest: number; today: string }): Promise<ListBenchRow[]> {
  checkCli(target);
  const { clearWorklistCounts, getWorklist } = await import("@/lib/dal/records/worklist");
  const physician: Principal = { ...at.qo, id: at.busiest, role: "physician" };
  const rows: ListBenchRow[] = [];
  for (const [who, principal, only] of [
    ["everyone (quality officer)", at.qo, null],
    ["one physician", physician, at.busiest],
  ] as const) {
    const sql = worklistBaselineSql(target, at.today, only);
    const baselineMs = await medianMs(() => cliRun(target, sql), 9, 1);
    const baseline = `counts + first page via the ${cliName(target)} CLI`;
    // Cold: the counts recomputed (the first request after a write); warm: the counts kept for this data version.
    const coldMs = await medianMs(
      () => {
        clearWorklistCounts();
        return getWorklist(principal, {}, at.today);
      },
      9,
      1,
    );
    rows.push({ name: `worklist: first page, most urgent, ${who}, counts recomputed`, ms: coldMs, baseline, baselineMs, ratio: coldMs / baselineMs });
    const warmMs = await medianMs(() => getWorklist(principal, {}, at.today), 15, 3);
    rows.push({ name: `worklist: first page, most urgent, ${who}, counts kept`, ms: warmMs, baseline, baselineMs, ratio: warmMs / baselineMs });
  }
  return rows;
}

if (process.argv[1]?.endsWith("bench-list.ts")) {
  const arg = process.argv[2];
  if (!arg) throw new Error("usage: bench-list.ts FILE|postgres://…");
  console.table(await runListBench(parseTarget(arg)));
}
