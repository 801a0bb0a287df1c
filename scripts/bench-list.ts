// Benchmark of the procedure list's first page (not a test): the DAL call the page makes — count, one sorted
// page with joins, and the follow-up states of that page — against the same page fetched by one direct SQL
// query on the same database (better-sqlite3 or node-postgres), in the same run.
//
//   npx tsx --conditions=react-server scripts/bench-list.ts FILE|postgres://…
import { medianMs } from "./benchTiming";
import { openBenchDb, parseTarget, pointDataLayerAt, type BenchTarget } from "./benchTarget";

export type ListBenchRow = { name: string; ms: number; baseline: string; baselineMs: number; ratio: number };

export async function runListBench(target: BenchTarget): Promise<ListBenchRow[]> {
  pointDataLayerAt(target);
  const { listProcedures } = await import("@/lib/dal/records/procedureList");
  const { procedureListQuerySchema } = await import("@/lib/validation/procedureList");
  const raw = await openBenchDb(target);
  const [busiest] = await raw.all<{ id: number; n: number }>(
    "select physician_id as id, count(*) n from procedures group by physician_id order by n desc limit 1",
  );
  const qo = { id: 0, email: "bench@example.org", name: "Bench", role: "quality_officer" as const, siteId: null };
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
  await raw.close();
  return rows;
}

if (process.argv[1]?.endsWith("bench-list.ts")) {
  const arg = process.argv[2];
  if (!arg) throw new Error("usage: bench-list.ts FILE|postgres://…");
  console.table(await runListBench(parseTarget(arg)));
}
