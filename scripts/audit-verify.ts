// npm run audit:verify [-- --file PATH]: recompute the audit log's hash chain; exit 1 at the first broken row.
// Verifies the configured backend: the SQLite file (DATABASE_PATH or --file), or PostgreSQL when DATABASE_URL is set.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabasePath } from "@/db/connection";
import { isPostgresUrl } from "@/db/dialect";
import { redactUrl } from "@/db/prepare";
import { verifyChain, type ChainRow } from "@/lib/audit/hashChain";

const CHAIN_QUERY = `select id, at, user_id as "userId", user_email as "userEmail", action, entity, entity_id as "entityId",
        before_json as "before", after_json as "after", prev_hash as "prevHash", hash
   from audit_log order by id`;

const { values } = parseArgs({ options: { file: { type: "string" } } });
const url = process.env.DATABASE_URL;
let verdict: ReturnType<typeof verifyChain>;
let where: string;
if (!values.file && isPostgresUrl(url)) {
  where = redactUrl(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  verdict = verifyChain((await client.query(CHAIN_QUERY)).rows as ChainRow[]);
  await client.end();
} else {
  where = values.file ?? resolveDatabasePath();
  const sqlite = new Database(where, { readonly: true, fileMustExist: true });
  verdict = verifyChain(sqlite.prepare(CHAIN_QUERY).iterate() as Iterable<ChainRow>);
  sqlite.close();
}
if (verdict.ok) {
  console.log(`Audit chain intact: ${verdict.rows} rows verified in ${where}.`);
} else {
  console.error(`Audit chain BROKEN at row id ${verdict.brokenAtId} (${verdict.reason}); ${verdict.rows - 1} rows before it verified.`);
  process.exit(1);
}
