// npm run audit:verify [-- --file PATH] [--checkpoints FILE]
// Recomputes the audit log's chain under the audit key and holds it against the checkpoints kept outside the
// database (lib/audit/verdict.ts). Exit 0: intact. Exit 1: forged (an entry that does not verify under the key,
// a checkpoint line not signed with it, or the wrong key). Exit 2: truncated (entries missing after a checkpoint).
// Verifies the configured backend (the SQLite file, DATABASE_PATH or --file; PostgreSQL when DATABASE_URL is set)
// against its checkpoint file, or against a copy of one (--checkpoints).
import path from "node:path";
import { parseArgs } from "node:util";
import { auditKey } from "@/lib/audit/auditKey";
import { checkpointFile, readCheckpoints } from "@/lib/audit/checkpoints";
import { auditVerdict } from "@/lib/audit/verdict";
import { openAuditLogSource } from "./auditLogSource";

const { values } = parseArgs({ options: { file: { type: "string" }, checkpoints: { type: "string" } } });
const source = await openAuditLogSource(values.file);
let verdict: ReturnType<typeof auditVerdict>;
try {
  const key = auditKey(source.databaseFile, { create: false });
  const log = readCheckpoints(key, values.checkpoints ? path.resolve(values.checkpoints) : checkpointFile(source.databaseFile));
  verdict = auditVerdict(await source.rows(), log, key);
} finally {
  await source.close();
}

if (verdict.status === "intact") {
  const checkpoint = verdict.checkpoint
    ? `the last checkpoint (${verdict.checkpoint.at}, entry #${verdict.checkpoint.lastId}) matches`
    : "no checkpoint yet, so entries removed from the end would not show (npm run audit:checkpoint)";
  console.log(`Audit chain intact: ${verdict.rows} entries verified under the audit key in ${source.where}; ${checkpoint}.`);
} else if (verdict.status === "truncated") {
  console.error(`Audit log TRUNCATED in ${source.where}: ${verdict.reason}. The ${verdict.rows} entries left verify under the audit key.`);
  process.exit(2);
} else {
  const at = verdict.brokenAtId === null ? "" : ` at entry #${verdict.brokenAtId}`;
  console.error(
    `Audit chain FORGED${verdict.wrongKey ? " (or the wrong key)" : ""}${at} in ${source.where}: ${verdict.reason}. ${verdict.rows} entries before it verified.`,
  );
  process.exit(1);
}
