import "server-only";
import { desc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { auditKey } from "@/lib/audit/auditKey";
import { appendCheckpoint, type SignedCheckpoint } from "@/lib/audit/checkpoints";

/**
 * Appends a signed checkpoint of the audit log's head to the checkpoint file (lib/audit/checkpoints.ts). A system
 * task, not a user's: run after every export and import, and once a day by the server. Any committed head is a
 * true checkpoint, so it takes no writer's turn. An empty log has nothing to checkpoint.
 */
export async function writeAuditCheckpoint(now = new Date()): Promise<SignedCheckpoint | null> {
  const [head] = await getDb().select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  if (!head) return null;
  return appendCheckpoint({ lastId: head.id, hash: head.hash, at: now.toISOString() }, auditKey());
}

/**
 * After an export or import: the user's request has succeeded, so a checkpoint that cannot be written (a full or
 * read-only disk) is reported in the server log rather than failing it; the next one will cover these entries.
 */
export async function checkpointAuditLog(occasion: "export" | "import" | "start" | "daily"): Promise<void> {
  try {
    await writeAuditCheckpoint();
  } catch (error) {
    console.error(`Audit checkpoint (${occasion}) not written:`, (error as Error).message);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const scheduled = globalThis as unknown as { __mildDailyCheckpoint?: NodeJS.Timeout };

/** The server's daily checkpoint: one at start, then every 24 hours (the timer does not keep the process alive). */
export function scheduleDailyAuditCheckpoints(): void {
  if (scheduled.__mildDailyCheckpoint) return;
  void checkpointAuditLog("start");
  scheduled.__mildDailyCheckpoint = setInterval(() => void checkpointAuditLog("daily"), DAY_MS);
  scheduled.__mildDailyCheckpoint.unref();
}
