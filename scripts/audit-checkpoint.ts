// npm run audit:checkpoint [-- --file PATH]
// Appends a signed checkpoint of the audit log's head (last entry and its hash) to the checkpoint file outside
// the database (lib/audit/checkpoints.ts). The server writes one a day and after every export and import; run
// this from cron too, or before copying the file elsewhere.
import { parseArgs } from "node:util";
import { auditKey } from "@/lib/audit/auditKey";
import { appendCheckpoint, checkpointFile } from "@/lib/audit/checkpoints";
import { openAuditLogSource } from "./auditLogSource";

const { values } = parseArgs({ options: { file: { type: "string" } } });
const source = await openAuditLogSource(values.file);
try {
  const head = await source.head();
  if (!head) {
    console.log(`The audit log in ${source.where} is empty: nothing to checkpoint.`);
  } else {
    const file = checkpointFile(source.databaseFile);
    const signed = appendCheckpoint(
      { lastId: Number(head.id), hash: head.hash, at: new Date().toISOString() },
      auditKey(source.databaseFile, { create: false }),
      file,
    );
    console.log(`Checkpoint appended to ${file}: entry #${signed.lastId} (${signed.hash.slice(0, 16)}…) at ${signed.at}.`);
  }
} finally {
  await source.close();
}
