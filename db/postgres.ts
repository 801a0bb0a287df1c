/**
 * Opening and migrating a PostgreSQL database (DATABASE_URL=postgres://…). One pool per process; its size is
 * DATABASE_POOL_MAX (default 10) — put PgBouncer in front when many app processes share one server.
 */
import path from "node:path";
import pg from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import * as schema from "./schema.pg";

export type PostgresDatabase = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_FOLDER = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations/postgres");

const INT8 = 20;
const NUMERIC = 1700;

/**
 * count(*) is bigint and avg() numeric in PostgreSQL, which node-postgres returns as strings; SQLite returns
 * numbers. Our counts and averages are far below 2^53, so both are read as numbers and the data layer sees
 * the same values on either backend.
 */
// Set globally: drizzle passes its own per-query type config that falls back to pg.types.
pg.types.setTypeParser(INT8, (value: string) => Number(value));
pg.types.setTypeParser(NUMERIC, (value: string) => Number(value));

export function openPostgres(url: string, opts: { max?: number } = {}): PostgresDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? Number(process.env.DATABASE_POOL_MAX || 10),
    application_name: "mild-outcomes",
  });
  // An idle client losing its connection (server restart, failover) must not crash the process.
  pool.on("error", (error) => console.error("postgres pool:", error.message));
  return drizzle({ client: pool, schema }) as PostgresDatabase;
}

export async function migratePostgres(db: PostgresDatabase, migrationsFolder = PG_MIGRATIONS_FOLDER): Promise<void> {
  await migrate(db, { migrationsFolder });
}
