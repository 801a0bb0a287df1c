import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { openPostgresConnection, openSqliteConnection, type AppConnection, type AppDatabase, type TransactionOptions } from "./appDatabase";
import { resolveDatabasePath } from "./connection";
import { configuredDialect, isPostgresUrl } from "./dialect";

export type { AppDatabase } from "./appDatabase";

// One connection (SQLite) or pool (PostgreSQL) per target per process; cached on globalThis so dev reloads
// do not leak handles, and keyed by target so tests can point each file at its own database.
const cache = globalThis as unknown as { __mildConnections?: Map<string, AppConnection> };
const currentTx = new AsyncLocalStorage<AppDatabase>();

function connection(which: "primary" | "replica" = "primary"): AppConnection {
  const dialect = configuredDialect();
  const replica = which === "replica" && dialect === "postgres" && isPostgresUrl(process.env.DATABASE_READ_URL) ? process.env.DATABASE_READ_URL : null;
  const target = replica ?? (dialect === "postgres" ? process.env.DATABASE_URL! : resolveDatabasePath());
  cache.__mildConnections ??= new Map();
  let conn = cache.__mildConnections.get(target);
  if (!conn) {
    conn = dialect === "postgres" ? openPostgresConnection(target) : openSqliteConnection(target);
    cache.__mildConnections.set(target, conn);
  }
  return conn;
}

/**
 * The database for a query. Inside `transaction()` it is that transaction, so a helper that calls getDb()
 * from within a write sees the write's own rows and runs on its connection, on either backend.
 */
export function getDb(): AppDatabase {
  return currentTx.getStore() ?? connection().db;
}

/** Whether the caller runs inside transaction(): its reads must see its own writes, on its connection. */
export function inTransaction(): boolean {
  return currentTx.getStore() !== undefined;
}

/** Runs `fn` in one transaction: everything it writes, and its audit rows, land together or not at all. */
export function transaction<T>(fn: (tx: AppDatabase) => Promise<T>, opts?: TransactionOptions): Promise<T> {
  const outer = currentTx.getStore();
  if (outer) return fn(outer);
  return connection().transaction((tx) => currentTx.run(tx, () => fn(tx)), opts);
}

/** Large reads as arrays of driver values, on the current transaction's connection when there is one. */
export function rawRows(query: Parameters<AppConnection["rawRows"]>[0]): Promise<unknown[][]> {
  return connection().rawRows(query, currentTx.getStore());
}

/**
 * For dashboard reads that may lag the primary by the replication delay: the read replica when
 * DATABASE_READ_URL names one (PostgreSQL only), else the primary. Inside a transaction always the transaction,
 * so nothing a write depends on is ever read from a replica.
 */
export function getReadDb(): AppDatabase {
  return currentTx.getStore() ?? connection("replica").db;
}

/** rawRows() on the read replica, with the same rule as getReadDb(). */
export function replicaRawRows(query: Parameters<AppConnection["rawRows"]>[0]): Promise<unknown[][]> {
  const tx = currentTx.getStore();
  return tx ? connection().rawRows(query, tx) : connection("replica").rawRows(query);
}

/** Closes every connection this process opened (tests, scripts). */
export async function closeDatabases(): Promise<void> {
  const all = [...(cache.__mildConnections?.values() ?? [])];
  cache.__mildConnections?.clear();
  await Promise.all(all.map((c) => c.close()));
}
