/**
 * Next runs register() once when a server starts. The Node.js server keeps the audit log's daily checkpoint
 * (lib/dal/auditCheckpoint.ts) and drains the outbox in the background (lib/messaging/backgroundDrainer.ts) and plans patients' invitations
 * (lib/messaging/backgroundScheduler.ts); and it reads the practice's outcome facts once
 * (lib/dal/outcomes/practiceSnapshot.ts) where the figures are computed (the figure worker, lib/dal/outcomes/offThread.ts),
 * so the first dashboard does not wait for them.
 * the edge runtime (proxy.ts) has neither the database nor the file system.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleDailyAuditCheckpoints } = await import("@/lib/dal/audit/auditCheckpoint");
  scheduleDailyAuditCheckpoints();
  const { startBackgroundDrainer } = await import("@/lib/messaging/backgroundDrainer");
  startBackgroundDrainer();
  const { startBackgroundScheduler } = await import("@/lib/messaging/backgroundScheduler");
  startBackgroundScheduler();
  const { warmPracticeSnapshot } = await import("@/lib/dal/outcomes/practiceSnapshot");
  warmPracticeSnapshot().catch((error: unknown) =>
    console.error("Reading the practice's outcome facts failed:", error instanceof Error ? error.message : error),
  );
}
