// One backend's share of `npm run bench`, in a process of its own (the data layer binds to one backend when
// loaded): the procedure list, the dashboard, the export and the report cards against TARGET (a SQLite file or a postgres:// URL),
// printed as one JSON line for bench.ts to tabulate.
//   node --conditions=react-server --import tsx scripts/bench-backend.ts TARGET
import { runDashboardBench } from "./bench-dashboard";
import { runExportBench } from "./bench-export";
import { runListBench } from "./bench-list";
import { runReportBench } from "./bench-report";
import { parseTarget } from "./benchTarget";

const arg = process.argv[2];
if (!arg) throw new Error("usage: bench-backend.ts FILE|postgres://…");
const target = parseTarget(arg);
const list = await runListBench(target);
const dashboard = await runDashboardBench(target);
const exports = await runExportBench(target);
const reports = await runReportBench(target);
console.log(`BENCH_JSON ${JSON.stringify({ list, dashboard, exports, reports, maxRssMb: process.resourceUsage().maxRSS / 1024 })}`);
process.exit(0);
