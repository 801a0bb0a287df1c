/**
 * Creating and dropping whole PostgreSQL databases, for the tests, the e2e server and the benchmarks (the app
 * itself never does). New databases are UTF-8 with the C collation, so text sorts by code point as on SQLite.
 */
import pg from "pg";

/** The same server and credentials as `base`, another database. */
export function postgresDatabaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

function quoted(name: string): string {
  // Names are ours (labels, pids, random hex), never user input; refuse anything else rather than escape it.
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected database name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database, or a copy of `template` (which nobody may be connected to). */
export function createPostgresDatabase(adminUrl: string, name: string, opts: { template?: string } = {}): Promise<void> {
  const statement = opts.template
    ? `CREATE DATABASE ${quoted(name)} TEMPLATE ${quoted(opts.template)}`
    : `CREATE DATABASE ${quoted(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`;
  return asAdmin(adminUrl, async (client) => void (await client.query(statement)));
}

/** Drops the database if it exists, closing whatever connections it still has. */
export function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  return asAdmin(adminUrl, async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`)));
}

export function postgresDatabaseExists(adminUrl: string, name: string): Promise<boolean> {
  return asAdmin(adminUrl, async (client) => ((await client.query("select 1 from pg_database where datname = $1", [name])).rowCount ?? 0) > 0);
}
