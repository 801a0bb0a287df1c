import "server-only";
import { createHash } from "node:crypto";
import { transaction } from "@/db/client";
import { readCsv, type CsvTable } from "@/lib/csv/import/readCsv";
import {
  COMPLICATIONS_FILE,
  PROCEDURES_FILE,
  validateImportFiles,
  type ImportFileKind,
  type ImportProblem,
  type ValidatedFiles,
} from "@/lib/csv/import/validateRows";
import type { Clock } from "@/lib/outcomes/dates";
import { siteDays, type SiteDays } from "@/lib/dal/siteClock";
import { ForbiddenError } from "@/lib/dal/errors";
import { planCounts, type ImportPlan } from "@/lib/dal/csv/importPlan";
import { resolveImport } from "@/lib/dal/csv/importResolve";
import { writeImportPlan } from "@/lib/dal/csv/importWrite";
import { checkpointAuditLog } from "@/lib/dal/audit/auditCheckpoint";
import type { Principal } from "@/lib/dal/principal";

/**
 * CSV import of patients with their procedures and assessments (procedures.csv) and complications
 * (complications.csv). Who may import follows who may write clinical records: a physician imports their own
 * procedures (every row must name them); an administrator imports for any physician — migrating a registry or
 * another installation — and only then is the adjudication recorded in the file kept. Quality officers audit
 * and adjudicate but never write clinical data, so they cannot import.
 *
 * A dry run reports every problem by file, row and column and writes nothing. A commit checks everything again
 * inside one writing `transaction()` (which keeps every other writer out meanwhile) and writes all of it or, at
 * the first problem, none of it.
 */

export type ImportUpload = Partial<Record<"procedures" | "complications", { name: string; bytes: Uint8Array }>>;
type Counts = { new: number; linked: number; unchanged: number };
export type ImportReport = {
  mode: "dry-run" | "commit";
  /** no problems: a commit would write (or has written) everything */
  ok: boolean;
  committed: boolean;
  problems: ImportProblem[];
  notices: string[];
  files: { kind: ImportFileKind; name: string; rows: number; sha256: string }[];
  counts: { patients: Counts; procedures: Counts; assessments: Counts; complications: Counts };
};

export function canImport(principal: Principal): boolean {
  return principal.role === "physician" || principal.role === "admin";
}

function requireImporter(principal: Principal): void {
  if (principal.role === "coordinator")
    throw new ForbiddenError("Coordinators enter records through the forms, on a physician's behalf; only a physician or an administrator can import files");
  if (!canImport(principal))
    throw new ForbiddenError("Quality officers do not write clinical records, so they cannot import them; a physician or an administrator can");
}

const ZERO = { new: 0, linked: 0, unchanged: 0 };
const emptyCounts = () => ({ patients: { ...ZERO }, procedures: { ...ZERO }, assessments: { ...ZERO }, complications: { ...ZERO } });

type Prepared = {
  report: ImportReport;
  tables: { procedures?: CsvTable; complications?: CsvTable };
};

/** Reading and row checks: everything that needs no database. */
function prepare(upload: ImportUpload, mode: ImportReport["mode"]): Prepared {
  const report: ImportReport = { mode, ok: false, committed: false, problems: [], notices: [], files: [], counts: emptyCounts() };
  const tables: Prepared["tables"] = {};
  const entries = [
    ["procedures", PROCEDURES_FILE],
    ["complications", COMPLICATIONS_FILE],
  ] as const;
  if (!upload.procedures && !upload.complications) {
    report.problems.push({ file: PROCEDURES_FILE, row: null, column: null, message: "Choose procedures.csv, complications.csv or both." });
    return { report, tables };
  }
  for (const [key, kind] of entries) {
    const file = upload[key];
    if (!file) continue;
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    const read = readCsv(file.bytes);
    if (!read.ok) {
      report.problems.push({ file: kind, row: null, column: null, message: `${file.name}: ${read.message}` });
      report.files.push({ kind, name: file.name, rows: 0, sha256 });
      continue;
    }
    tables[key] = read.table;
    report.files.push({ kind, name: file.name, rows: read.table.rows.length, sha256 });
  }
  return { report, tables };
}

function validate(principal: Principal, prepared: Prepared, days: SiteDays) {
  const files = validateImportFiles(prepared.tables, { todayAt: days.byCode, readAdjudication: principal.role === "admin" });
  prepared.report.problems.push(...files.problems);
  prepared.report.notices.push(...files.notices);
  return files;
}

const sortProblems = (problems: ImportProblem[]) =>
  problems.sort((a, b) => (a.file === b.file ? (a.row ?? 0) - (b.row ?? 0) : a.file === PROCEDURES_FILE ? -1 : 1));

const finished = (report: ImportReport): ImportReport => ({ ...report, problems: sortProblems(report.problems) });

/**
 * Both runs begin alike: the importer's right, the files read, every row checked on its own (files null:
 * unreadable). "Today" for a row is its site's today on `clock` (every site's, read once).
 */
async function begin(principal: Principal, upload: ImportUpload, mode: ImportReport["mode"], clock: Clock) {
  requireImporter(principal);
  const prepared = prepare(upload, mode);
  const days = await siteDays(clock);
  return { report: prepared.report, days, files: prepared.report.problems.length ? null : validate(principal, prepared, days) };
}

/** Checks the files against the rules and the database; writes nothing. */
export async function dryRunImport(principal: Principal, upload: ImportUpload, clock: Clock = new Date()): Promise<ImportReport> {
  const { report, days, files } = await begin(principal, upload, "dry-run", clock);
  if (!files) return finished(report);
  // Resolve even rows that passed when others did not, so one run reports every problem it can.
  const { plan, problems } = await resolveReadOnly(principal, files, days);
  report.problems.push(...problems);
  report.counts = planCounts(plan);
  report.ok = report.problems.length === 0;
  return finished(report);
}

/** The database checks of a run that writes nothing: one consistent snapshot, in a read-only transaction. */
const resolveReadOnly = (principal: Principal, files: ValidatedFiles, days: SiteDays) =>
  transaction((tx) => resolveImport(tx, principal, files, days), { readOnly: true });

class ImportRefused extends Error {
  constructor(public readonly problems: ImportProblem[]) {
    super("import refused");
  }
}

/** All or nothing: every check again inside one writing transaction, then every write, then one summary audit row. */
export async function commitImport(principal: Principal, upload: ImportUpload, clock: Clock = new Date()): Promise<ImportReport> {
  const { report, days, files } = await begin(principal, upload, "commit", clock);
  if (!files) return finished(report);
  if (report.problems.length) {
    // Still resolve, read-only, so the refusal lists the database problems too.
    report.problems.push(...(await resolveReadOnly(principal, files, days)).problems);
    return finished(report);
  }
  let plan: ImportPlan;
  try {
    plan = await transaction(async (tx) => {
      const resolved = await resolveImport(tx, principal, files, days);
      if (resolved.problems.length) throw new ImportRefused(resolved.problems);
      const counts = planCounts(resolved.plan);
      await writeImportPlan(tx, principal, resolved.plan, {
        id: report.files.map((f) => f.sha256.slice(0, 12)).join("+"),
        files: report.files,
        counts,
        importerRole: principal.role,
        adjudicationKept: principal.role === "admin",
      });
      return resolved.plan;
    });
  } catch (error) {
    if (error instanceof ImportRefused) {
      report.problems.push(...error.problems);
      return finished(report);
    }
    throw error;
  }
  await checkpointAuditLog("import");
  return { ...report, ok: true, committed: true, counts: planCounts(plan) };
}
