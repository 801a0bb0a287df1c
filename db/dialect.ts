/**
 * Which database backs this process: PostgreSQL when DATABASE_URL is a postgres:// URL, otherwise the embedded
 * SQLite file (DATABASE_PATH, default data/mild.db). Decided once per process, at first use.
 */
export type Dialect = "sqlite" | "postgres";

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export function configuredDialect(): Dialect {
  return isPostgresUrl(process.env.DATABASE_URL) ? "postgres" : "sqlite";
}
