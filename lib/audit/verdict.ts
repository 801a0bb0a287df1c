/**
 * What `npm run audit:verify` and the audit page's Verify button report, from the rows, the checkpoint file and
 * the key. Pure.
 *  - intact: every row verifies under the key, and every signed checkpoint names a row that is still there with
 *    the hash it had;
 *  - truncated: the rows verify, but a checkpoint names a row that is gone (rows removed from the end) or a
 *    different row at its id (rows removed and the log continued after them);
 *  - forged: a row does not verify under the key (edited, inserted or recomputed without it; when not even the
 *    first row does, most likely the wrong key), or a checkpoint line is not signed with it.
 */
import type { Checkpoint, CheckpointLog } from "./checkpoints";
import { GENESIS_HASH, auditRowHash, type ChainRow } from "./hashChain";

export type AuditVerdict =
  | { status: "intact"; rows: number; lastId: number | null; checkpoint: Checkpoint | null }
  | { status: "truncated"; rows: number; lastId: number | null; checkpoint: Checkpoint; reason: string }
  | { status: "forged"; rows: number; brokenAtId: number | null; reason: string; wrongKey: boolean };

export function auditVerdict(rows: Iterable<ChainRow>, log: CheckpointLog, key: Buffer): AuditVerdict {
  const checkpointsAt = new Map<number, Checkpoint[]>();
  for (const c of log.checkpoints) checkpointsAt.set(c.lastId, [...(checkpointsAt.get(c.lastId) ?? []), c]);
  let prev = GENESIS_HASH;
  let count = 0;
  let lastId: number | null = null;
  let replaced: { checkpoint: Checkpoint; id: number } | null = null;
  const seen = new Set<number>();
  for (const row of rows) {
    count++;
    const linked = row.prevHash === prev;
    if (!linked || auditRowHash(prev, row, key) !== row.hash) {
      const wrongKey = count === 1 && linked && log.checkpoints.length === 0;
      return {
        status: "forged",
        rows: count - 1,
        brokenAtId: row.id,
        wrongKey,
        reason: wrongKey
          ? "not even the first entry verifies under this installation's audit key: the key is not the one the log was written with (check AUDIT_KEY or .audit-key), or the whole log was rewritten"
          : linked
            ? `entry #${row.id} does not match its hash under the audit key: it was changed, or written without the key`
            : `entry #${row.id} does not link to the entry before it: entries were removed or inserted there`,
      };
    }
    const named = checkpointsAt.get(row.id);
    if (named) {
      seen.add(row.id);
      const mismatch = named.find((c) => c.hash !== row.hash);
      if (mismatch && !replaced) replaced = { checkpoint: mismatch, id: row.id };
    }
    prev = row.hash;
    lastId = row.id;
  }
  if (log.unsigned.length > 0) {
    return {
      status: "forged",
      rows: count,
      brokenAtId: null,
      wrongKey: log.checkpoints.length === 0 && count === 0,
      reason: `line ${log.unsigned.join(", ")} of the checkpoint file ${log.file} is not signed with this installation's audit key: edited, or written with another key`,
    };
  }
  if (replaced) {
    return {
      status: "truncated",
      rows: count,
      lastId,
      checkpoint: replaced.checkpoint,
      reason: `entry #${replaced.id} is not the one checkpointed on ${replaced.checkpoint.at}: entries from there on were removed and the log went on`,
    };
  }
  const latest = (cs: Checkpoint[]) => cs.reduce<Checkpoint | null>((a, c) => (!a || c.lastId > a.lastId ? c : a), null);
  // Ids are never reused on either backend: a checkpointed entry that is gone was removed, whatever came after it.
  const gone = latest(log.checkpoints.filter((c) => !seen.has(c.lastId)));
  if (gone) {
    return {
      status: "truncated",
      rows: count,
      lastId,
      checkpoint: gone,
      reason:
        lastId === null || gone.lastId > lastId
          ? `entries after #${lastId ?? 0} are missing: the checkpoint of ${gone.at} names entry #${gone.lastId}`
          : `entry #${gone.lastId}, named by the checkpoint of ${gone.at}, is missing: entries were removed and the log went on after them`,
    };
  }
  return { status: "intact", rows: count, lastId, checkpoint: latest(log.checkpoints) };
}
