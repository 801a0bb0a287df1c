// npm run audit:verify [-- --file PATH]: recompute the audit log's hash chain; exit 1 at the first broken row.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { resolveDatabasePath } from "@/db/connection";
import { verifyChain, type ChainRow } from "@/lib/audit/hashChain";

const { values } = parseArgs({ options: { file: { type: "string" } } });
const file = values.file ?? resolveDatabasePath();
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
const rows = sqlite
  .prepare(
    `select id, at, user_id as userId, user_email as userEmail, action, entity, entity_id as entityId,
            before_json as "before", after_json as "after", prev_hash as prevHash, hash
       from audit_log order by id`,
  )
  .iterate() as Iterable<ChainRow>;
const verdict = verifyChain(rows);
sqlite.close();
if (verdict.ok) {
  console.log(`Audit chain intact: ${verdict.rows} rows verified in ${file}.`);
} else {
  console.error(`Audit chain BROKEN at row id ${verdict.brokenAtId} (${verdict.reason}); ${verdict.rows - 1} rows before it verified.`);
  process.exit(1);
}
