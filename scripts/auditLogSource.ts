// The audit log as `npm run audit:verify` and `npm run audit:checkpoint` read it, read-only, straight from the
// configured backend: the SQLite file (DATABASE_PATH, or the file given), or PostgreSQL when DATABASE_URL is set.
// No app code path: these run beside the app (from cron, on a restored copy) without its server.
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabasePath } from "@/db/connection";
import { isPostgresUrl } from "@/db/dialect";
import { redactUrl } from "@/db/prepare";
import { configuredDatabaseFile } from "@/lib/audit/auditKey";
import { AUDIT_CHAIN_FIELDS, type ChainRow } from "@/lib/audit/hashChain";

const CHAIN_QUERY = `select ${AUDIT_CHAIN_FIELDS} from audit_log order by id`;
const HEAD_QUERY = `select id, hash from audit_log order by id desc limit 1`;

export type AuditLogSource = {
  /** For messages: the file, or the URL without its password. */
  where: string;
  /** The database file whose folder holds its key and checkpoints (the configured one for PostgreSQL). */
  databaseFile: string;
  rows(): Promise<Iterable<ChainRow>>;
  head(): Promise<{ id: number; hash: string } | null>;
  close(): Promise<void>;
};

export async function openAuditLogSource(file?: string): Promise<AuditLogSource> {
  const url = process.env.DATABASE_URL;
  if (!file && isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      where: redactUrl(url),
      databaseFile: configuredDatabaseFile(),
      rows: async () => (await client.query(CHAIN_QUERY)).rows as ChainRow[],
      head: async () => ((await client.query(HEAD_QUERY)).rows[0] as { id: number; hash: string } | undefined) ?? null,
      close: () => client.end(),
    };
  }
  const where = file ?? resolveDatabasePath();
  const sqlite = new Database(where, { readonly: true, fileMustExist: true });
  return {
    where,
    databaseFile: where,
    rows: async () => sqlite.prepare(CHAIN_QUERY).iterate() as Iterable<ChainRow>,
    head: async () => (sqlite.prepare(HEAD_QUERY).get() as { id: number; hash: string } | undefined) ?? null,
    close: async () => void sqlite.close(),
  };
}
