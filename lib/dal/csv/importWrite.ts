import "server-only";
import { desc, eq, getTableColumns, getTableName, sql } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { assessments, auditLog, complications, patients, procedures } from "@/db/schema";
import { chainedAuditRow } from "@/lib/audit/appendAudit";
import { GENESIS_HASH } from "@/lib/audit/hashChain";
import { actorOf } from "@/lib/dal/access";
import type { ImportPlan } from "@/lib/dal/csv/importPlan";
import type { Principal } from "@/lib/dal/principal";

/**
 * Writes an import plan inside the caller's `transaction()`, so a failure anywhere leaves nothing behind. Every
 * created or linked record gets its own audit row (so its history in the app starts with the import, like a
 * record entered by hand), built by lib/audit/appendAudit.ts's chainedAuditRow like every other audit row; the last hash is kept in
 * memory instead of re-read per row, which is safe because the transaction holds the writers' turn until commit.
 * Records and audit rows go in as multi-row inserts: tens of thousands of rows, one statement per few hundred.
 */

/** Rows per insert: under both backends' limits on bound parameters (SQLite 32,766; PostgreSQL 65,535) for any table of ours. */
const ROWS_PER_INSERT = 500;

type BulkTable = typeof patients | typeof procedures | typeof assessments | typeof complications | typeof auditLog;
type Executable = { execute(values: Record<string, unknown>): Promise<unknown> };

/**
 * Inserts rows that each have exactly `keys`, ROWS_PER_INSERT at a time. Drizzle builds the statement once per
 * chunk size, with named placeholders, and each chunk runs it with its values bound by name: building a
 * 500-row statement costs drizzle more than the database spends writing it, so an import of tens of thousands
 * of rows builds two statements per table rather than one per chunk. Gives what RETURNING gave, chunk by chunk.
 */
function bulkInserter<R>(tx: AppDatabase, table: BulkTable, keys: string[], returning?: Record<string, unknown>) {
  const statements = new Map<number, { run: Executable; names: string[][] }>();
  const statementFor = (size: number) => {
    let statement = statements.get(size);
    if (!statement) {
      const names = Array.from({ length: size }, (_, r) => keys.map((_, c) => `r${r}c${c}`));
      const template = names.map((row) => Object.fromEntries(keys.map((key, c) => [key, sql.placeholder(row[c]!)])));
      // One cast for five tables: the callers give each row exactly the table's columns.
      const insert = tx.insert(table as typeof auditLog).values(template as unknown as (typeof auditLog.$inferInsert)[]);
      const run = (returning ? insert.returning(returning as { id: typeof auditLog.id }) : insert).prepare() as unknown as Executable;
      statement = { run, names };
      statements.set(size, statement);
    }
    return statement;
  };
  return async (rows: Record<string, unknown>[]): Promise<R[]> => {
    const out: R[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      const { run, names } = statementFor(chunk.length);
      const values: Record<string, unknown> = {};
      chunk.forEach((row, r) => keys.forEach((key, c) => (values[names[r]![c]!] = row[key])));
      const result = await run.execute(values);
      if (returning) out.push(...(result as R[]));
    }
    return out;
  };
}

type AuditEvent = { action: string; entity: string; entityId: number | string | null; before?: unknown; after?: unknown };

async function auditChain(tx: AppDatabase, principal: Principal) {
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  let prev = last?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const insert = bulkInserter(
    tx,
    auditLog,
    Object.keys(getTableColumns(auditLog)).filter((key) => key !== "id"),
  );
  let pending: Record<string, unknown>[] = [];
  // Ids follow the order of a multi-row insert's VALUES on both backends, so the chain's id order is append order.
  const flush = async () => {
    await insert(pending);
    pending = [];
  };
  return {
    async append(e: AuditEvent) {
      const row = chainedAuditRow(prev, { actor: actorOf(principal), ...e }, at);
      pending.push(row);
      prev = row.hash;
      if (pending.length >= ROWS_PER_INSERT) await flush();
    },
    flush,
  };
}

const NO_CONSENT = { contactConsentAt: null, contactConsentBy: null, contactConsentVersion: null, optedOutAt: null, optOutMethod: null };

type ImportedTable = typeof patients | typeof procedures | typeof assessments | typeof complications;
type Written = { id: number } & Record<string, unknown>;

/**
 * Inserts rows that each carry a unique external id, and returns them as the audit log records them: the id and
 * every other column (camelCase keys, booleans as booleans). Every column is given explicitly, so a forgotten
 * one fails the whole import loudly instead of taking a default unseen.
 */
async function insertRecords(tx: AppDatabase, table: ImportedTable, records: Record<string, unknown>[]): Promise<Written[]> {
  const columns = Object.keys(getTableColumns(table)).filter((key) => key !== "id");
  const rows = records.map((values) => {
    const row: Record<string, unknown> = {};
    for (const key of columns) {
      if (!(key in values)) throw new Error(`import: no value for ${getTableName(table)}.${key}`);
      row[key] = values[key] ?? null;
    }
    return row;
  });
  // RETURNING promises no row order, so each new id is matched to its row by the external id.
  const written = await bulkInserter<{ id: number; externalId: string }>(tx, table, columns, { id: table.id, externalId: table.externalId })(rows);
  const idByRef = new Map(written.map((w) => [w.externalId, w.id]));
  return rows.map((row) => {
    const id = idByRef.get(row.externalId as string);
    if (id === undefined) throw new Error(`import: no id returned for ${getTableName(table)} ${String(row.externalId)}`);
    return { id, ...row };
  });
}

type Audit = Awaited<ReturnType<typeof auditChain>>;
type LinkedTable = typeof patients | typeof procedures | typeof complications;
type Planned = { action: string; ref: string; id: number | null; before: unknown };

/**
 * One kind of record of the plan, each with its audit row: the new ones inserted (`<entity>.import`), the existing
 * ones given their external id (`<entity>.import_link`, before and after). Returns the id of every reference in
 * the plan, known and new, for the records that hang off these.
 */
async function writePlanned<P extends Planned>(
  tx: AppDatabase,
  audit: Audit,
  now: string,
  { table, entity, planned, values }: { table: LinkedTable; entity: string; planned: P[]; values: (p: P) => Record<string, unknown> },
): Promise<Map<string, number>> {
  const idOf = new Map<string, number>();
  for (const p of planned) if (p.id !== null) idOf.set(p.ref, p.id);
  const created = await insertRecords(
    tx,
    table,
    planned.filter((p) => p.action === "create").map((p) => ({ ...values(p), externalId: p.ref, createdAt: now, updatedAt: now })),
  );
  for (const row of created) {
    idOf.set(row.externalId as string, row.id);
    await audit.append({ action: `${entity}.import`, entity, entityId: row.id, after: row });
  }
  // One cast for three tables: each has an integer id, an external id and an update stamp.
  const t = table as typeof patients;
  for (const p of planned.filter((x) => x.action === "link")) {
    const [after] = await tx.update(t).set({ externalId: p.ref, updatedAt: now }).where(eq(t.id, p.id!)).returning();
    await audit.append({ action: `${entity}.import_link`, entity, entityId: p.id, before: p.before, after });
  }
  return idOf;
}

export async function writeImportPlan(tx: AppDatabase, principal: Principal, plan: ImportPlan, summary: Record<string, unknown>): Promise<void> {
  const audit = await auditChain(tx, principal);
  const now = new Date().toISOString();

  const patientId = await writePlanned(tx, audit, now, {
    table: patients,
    entity: "patient",
    planned: plan.patients,
    // A consent to be contacted is recorded in the app, where its wording is shown, never by a file.
    values: (p) => ({ ...p.data, ...NO_CONSENT, siteId: p.siteId, primaryPhysicianId: p.primaryPhysicianId }),
  });
  const procedureId = await writePlanned(tx, audit, now, {
    table: procedures,
    entity: "procedure",
    planned: plan.procedures,
    values: (p) => ({ ...p.data, patientId: patientId.get(p.patientRef)!, physicianId: p.physicianId, siteId: p.siteId, createdBy: principal.id }),
  });

  // Assessments: identified by procedure and timepoint; the external id says where they came from.
  const newAssessments = await insertRecords(
    tx,
    assessments,
    plan.assessments.map((a) => {
      const { suffix, ...data } = a.data;
      return {
        ...data,
        procedureId: procedureId.get(a.procedureRef)!,
        source: "clinic",
        patientOriginal: null,
        correctionReason: null,
        createdBy: principal.id,
        externalId: `${a.procedureRef}/${suffix}`,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  for (const row of newAssessments) await audit.append({ action: "assessment.import", entity: "assessment", entityId: row.id, after: row });

  await writePlanned(tx, audit, now, {
    table: complications,
    entity: "complication",
    planned: plan.complications,
    values: (c) => ({
      ...c.data,
      procedureId: c.procedureId ?? procedureId.get(c.procedureRef)!,
      reportedBy: c.reportedBy,
      reportedAt: c.adjudication?.reportedAt ?? now,
      adjudicationStatus: c.adjudication?.status ?? "pending",
      adjudicatedBy: c.adjudication?.adjudicatedBy ?? null,
      adjudicatedAt: c.adjudication?.adjudicatedAt ?? null,
      adjudicationNote: c.adjudication?.note ?? null,
      finalGrade: c.adjudication?.finalGrade ?? null,
      finalRelatedness: c.adjudication?.finalRelatedness ?? null,
    }),
  });

  // One summary row: who imported which files, and what it did.
  await audit.append({ action: "import.commit", entity: "import", entityId: String(summary.id ?? ""), after: summary });
  await audit.flush();
}
