/**
 * The data layer's one handle on the database, whichever backend is configured. Queries are drizzle builders
 * awaited directly (`await db.select()…`), which both backends run; `.get()/.all()/.run()` are SQLite-only
 * and lint forbids them in lib/. Writes go through `transaction()`, which on both backends admits one writer
 * at a time, as the audit hash chain needs: SQLite by BEGIN IMMEDIATE behind an in-process turn, PostgreSQL
 * by a transaction-scoped advisory lock. A read-only transaction takes no turn: on SQLite it runs on a reader
 * connection of its own, on PostgreSQL as a repeatable-read, read-only transaction.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { drizzle as drizzleProxy, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import { openDatabase } from "./connection";
import type { Dialect } from "./dialect";
import { openPostgres } from "./postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import * as sqliteSchema from "./schema.sqlite";

/** Typed as the SQLite build of the schema; at run time it is a PostgreSQL database when DATABASE_URL says so (db/schema.ts). */
export type AppDatabase = SqliteRemoteDatabase<typeof sqliteSchema>;

export type TransactionOptions = {
  /** A consistent snapshot for several reads (an export, the chain check); takes no writer's turn. */
  readOnly?: boolean;
};

type RawQuery = { toSQL(): { sql: string; params: unknown[] } } | SQL;

export type AppConnection = {
  dialect: Dialect;
  db: AppDatabase;
  transaction<T>(fn: (tx: AppDatabase) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /**
   * Runs a query or statement and gives its rows as arrays of driver values (booleans are 0/1 on SQLite,
   * true/false on PostgreSQL; none for a statement that returns no rows): for large reads and for tests.
   */
  rawRows(query: RawQuery, tx?: AppDatabase): Promise<unknown[][]>;
  close(): Promise<void>;
};

/** Any number that is the same on every instance of the app: the key of the PostgreSQL writers' lock. */
const WRITER_LOCK_KEY = 0x4d494c44; // "MILD"

const STATEMENT_CACHE_LIMIT = 500;
const sqliteDialect = new SQLiteAsyncDialect();
const pgDialect = new PgDialect();

/** A SQLite connection's statements, prepared once each (the most recent STATEMENT_CACHE_LIMIT kept). */
function statementCache(client: Database.Database): (text: string) => Statement {
  const statements = new Map<string, Statement>();
  return (text) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = client.prepare(text);
      if (statements.size >= STATEMENT_CACHE_LIMIT) statements.delete(statements.keys().next().value!);
      statements.set(text, statement);
    }
    return statement;
  };
}

function runStatement(statement: Statement, params: unknown[], method: string): { rows: unknown[]; changes?: number } {
  if (method === "run" || !statement.reader) {
    const result = statement.run(...params);
    return { rows: [], changes: result.changes };
  }
  statement.raw(true);
  if (method === "get") return { rows: statement.get(...params) as unknown[] };
  return { rows: statement.all(...params) as unknown[] };
}

function rawStatementRows(prepare: (text: string) => Statement, query: RawQuery): unknown[][] {
  const { sql: text, params } = "toSQL" in query ? query.toSQL() : sqliteDialect.sqlToQuery(query);
  const statement = prepare(text);
  if (!statement.reader) {
    statement.run(...params);
    return [];
  }
  statement.raw(true);
  return statement.all(...params) as unknown[][];
}

/**
 * The next turn of the event loop, when the loop has not turned for a while. better-sqlite3 runs a statement
 * synchronously and drizzle's promise around it resolves at once, so a request whose every await is a SQLite read
 * never lets the loop turn: twenty such requests in flight chain through the microtask queue into one turn of
 * seconds, in which no timer fires and no socket is read. So before a statement, once SLICE_MS have passed since
 * a statement last waited, it waits for the next turn and the loop serves everyone else; a short request pays
 * nothing. Not inside a write transaction, which holds the writer's turn and must stay short and whole (a
 * read-only one, on a reader connection of its own, holds nobody up and waits like any read).
 */
const SLICE_MS = 10;
let lastTurnAt = 0;
async function nextTurn(): Promise<void> {
  if (performance.now() - lastTurnAt < SLICE_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  lastTurnAt = performance.now();
}

type Reader = { client: Database.Database; prepare: (text: string) => Statement; db: AppDatabase };
/** Idle reader connections kept open for the next read-only transaction. */
const IDLE_READERS = 4;

export function openSqliteConnection(file: string): AppConnection {
  const client = openDatabase(file).$client;
  const prepare = statementCache(client);

  // One connection serves the whole process, so a transaction spanning awaits must not see other requests'
  // statements run inside it. Whoever holds the turn (tracked through async context) runs; others wait.
  const owner = new AsyncLocalStorage<symbol>();
  let holder: symbol | null = null;
  let released: Promise<void> = Promise.resolve();
  const waitForTurn = async () => {
    while (holder && owner.getStore() !== holder) await released;
  };
  /** Inside our own write transaction a statement runs at once; any other waits for the loop's turn, then the writer's. */
  const beforeStatement = async () => {
    if (holder && owner.getStore() === holder) return;
    await nextTurn();
    await waitForTurn();
  };

  const db = drizzleProxy(
    async (text, params, method) => {
      await beforeStatement();
      return runStatement(prepare(text), params, method) as { rows: unknown[] };
    },
    { schema: sqliteSchema },
  );

  // A read-only transaction (an export's batch, an import's dry run) runs on a reader connection of its own:
  // WAL gives it a consistent snapshot from its first read while the main connection goes on serving every
  // other request and writer, instead of all of them waiting for the export's turn to end. Readers refuse
  // writes (query_only), so a write slipped into a read-only transaction fails loudly.
  const idle: Reader[] = [];
  const readers = new WeakMap<AppDatabase, Reader>();
  const openReader = (): Reader => {
    const readerClient = openDatabase(file).$client;
    readerClient.pragma("query_only = ON");
    const readerPrepare = statementCache(readerClient);
    const readerDb = drizzleProxy(
      async (text, params, method) => {
        await nextTurn();
        return runStatement(readerPrepare(text), params, method) as { rows: unknown[] };
      },
      { schema: sqliteSchema },
    );
    const reader = { client: readerClient, prepare: readerPrepare, db: readerDb };
    readers.set(readerDb, reader);
    return reader;
  };
  const readOnly = async <T>(fn: (tx: AppDatabase) => Promise<T>): Promise<T> => {
    const reader = idle.pop() ?? openReader();
    reader.client.exec("BEGIN");
    try {
      const result = await fn(reader.db);
      reader.client.exec("COMMIT");
      return result;
    } catch (error) {
      if (reader.client.inTransaction) reader.client.exec("ROLLBACK");
      throw error;
    } finally {
      if (idle.length < IDLE_READERS && client.open) idle.push(reader);
      else reader.client.close();
    }
  };

  return {
    dialect: "sqlite",
    db,
    async transaction(fn, opts = {}) {
      if (holder && owner.getStore() === holder) return fn(db); // nested: already inside our transaction
      if (opts.readOnly) return readOnly(fn);
      // Check and take the turn with no await in between, or two waiters could both take it.
      while (holder) await released;
      const token = Symbol("transaction");
      holder = token;
      let release!: () => void;
      released = new Promise((resolve) => (release = resolve));
      try {
        return await owner.run(token, async () => {
          client.exec(opts.readOnly ? "BEGIN" : "BEGIN IMMEDIATE");
          try {
            const result = await fn(db);
            client.exec("COMMIT");
            return result;
          } catch (error) {
            if (client.inTransaction) client.exec("ROLLBACK");
            throw error;
          }
        });
      } finally {
        holder = null;
        release();
      }
    },
    async rawRows(query, tx) {
      const reader = tx && readers.get(tx);
      if (reader) {
        await nextTurn();
        return rawStatementRows(reader.prepare, query);
      }
      await beforeStatement();
      return rawStatementRows(prepare, query);
    },
    async close() {
      for (const reader of idle.splice(0)) reader.client.close();
      client.close();
    },
  };
}

export function openPostgresConnection(url: string): AppConnection {
  const pgDb = openPostgres(url);
  const db = pgDb as unknown as AppDatabase;
  const pool = pgDb.$client;
  return {
    dialect: "postgres",
    db,
    async transaction(fn, opts = {}) {
      return pgDb.transaction(
        async (tx) => {
          if (!opts.readOnly) await tx.execute(sql`select pg_advisory_xact_lock(${WRITER_LOCK_KEY})`);
          return fn(tx as unknown as AppDatabase);
        },
        opts.readOnly ? { isolationLevel: "repeatable read", accessMode: "read only" } : undefined,
      );
    },
    async rawRows(query, tx) {
      const { sql: text, params } = "toSQL" in query ? query.toSQL() : pgDialect.sqlToQuery(query);
      // Inside a transaction the query must run on that transaction's connection, not a fresh one from the pool.
      const client = tx ? (tx as unknown as { session: { client: pg.PoolClient } }).session.client : pool;
      const result = await client.query({ text, values: params, rowMode: "array" });
      return result.rows as unknown[][];
    },
    async close() {
      await pool.end();
    },
  };
}
