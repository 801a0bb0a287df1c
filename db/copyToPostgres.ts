/**
 * Copies a whole SQLite database into an empty PostgreSQL one in a single transaction, then checks the copy
 * before committing: the same number of rows in every table and an intact audit chain ending in the same hash
 * as the source's. Anything wrong rolls the transaction back, so a failed copy leaves the target empty.
 * Used by `npm run db:migrate-to-postgres` and by first start on PostgreSQL (the demo seed is built as a SQLite
 * file, then copied, so both backends get byte-identical demo data and audit chains).
 */
import { asc, count, desc, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import type { SqliteFileDatabase } from "./connection";
import type { PostgresDatabase } from "./postgres";
import * as pg from "./schema.pg";
import * as lite from "./schema.sqlite";
import { verifyChain, type ChainRow } from "@/lib/audit/hashChain";

/** Parents before children, so every foreign key points at a row already copied. */
export const COPY_ORDER = [
  "sites",
  "users",
  "patients",
  "procedures",
  "assessments",
  "complications",
  "complicationNotes",
  "auditLog",
  "signInAttempts",
  "sessions",
  "totpCredentials",
] as const;

type TableKey = (typeof COPY_ORDER)[number];
export type CopyReport = { tables: { table: string; rows: number }[]; auditRows: number; lastHash: string | null; ms: number };

export class CopyError extends Error {}

// PostgreSQL binds at most 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;

export async function countRows(target: PostgresDatabase): Promise<Record<TableKey, number>> {
  const out = {} as Record<TableKey, number>;
  for (const key of COPY_ORDER) {
    const [{ n }] = await target.select({ n: count() }).from(pg[key] as PgTable);
    out[key] = n;
  }
  return out;
}

export async function copySqliteToPostgres(source: SqliteFileDatabase, target: PostgresDatabase): Promise<CopyReport> {
  const started = Date.now();
  const existing = await countRows(target);
  const nonEmpty = COPY_ORDER.filter((k) => existing[k] > 0);
  if (nonEmpty.length) {
    throw new CopyError(`The target database is not empty (${nonEmpty.map((k) => `${pgTableConfig(pg[k] as PgTable).name}: ${existing[k]} rows`).join(", ")}); copy only into an empty database.`);
  }

  // One read transaction on the source too: a consistent snapshot even if someone writes to it meanwhile.
  source.$client.exec("BEGIN");
  try {
    return await copyInTransaction(source, target, started);
  } finally {
    source.$client.exec("ROLLBACK");
  }
}

async function copyInTransaction(source: SqliteFileDatabase, target: PostgresDatabase, started: number): Promise<CopyReport> {
  return target.transaction(async (tx) => {
    const tables: CopyReport["tables"] = [];
    for (const key of COPY_ORDER) {
      const from = lite[key] as SQLiteTable;
      const to = pg[key] as PgTable;
      const name = pgTableConfig(to).name;
      const rows = source.select().from(from).all() as Record<string, unknown>[];
      const perRow = Math.max(1, Object.keys(pgTableConfig(to).columns).length);
      const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
      for (let i = 0; i < rows.length; i += chunk) {
        await tx.insert(to).values(rows.slice(i, i + chunk));
      }
      if (pgTableConfig(to).columns.some((c) => c.name === "id" && c.dataType === "number")) {
        // Rows kept their ids; the identity must continue after the largest one.
        await tx.execute(sql`select setval(pg_get_serial_sequence(${name}, 'id'), coalesce((select max(id) from ${to}), 1), (select max(id) from ${to}) is not null)`);
      }
      tables.push({ table: name, rows: rows.length });
    }

    const copied = await countRows(tx as unknown as PostgresDatabase);
    for (const { table, rows } of tables) {
      const key = COPY_ORDER.find((k) => pgTableConfig(pg[k] as PgTable).name === table)!;
      if (copied[key] !== rows) throw new CopyError(`Row count mismatch in ${table}: source ${rows}, copied ${copied[key]}.`);
    }

    const chain = (await tx.select().from(pg.auditLog).orderBy(asc(pg.auditLog.id))) as ChainRow[];
    const verdict = verifyChain(chain);
    if (!verdict.ok) throw new CopyError(`The copied audit chain is broken at row ${verdict.brokenAtId} (${verdict.reason}).`);
    const sourceLast = source.select({ hash: lite.auditLog.hash }).from(lite.auditLog).orderBy(desc(lite.auditLog.id)).limit(1).get();
    const lastHash = chain.at(-1)?.hash ?? null;
    if ((sourceLast?.hash ?? null) !== lastHash) throw new CopyError("The copied audit chain does not end in the source's last hash.");
    return { tables, auditRows: verdict.rows, lastHash, ms: Date.now() - started };
  });
}
