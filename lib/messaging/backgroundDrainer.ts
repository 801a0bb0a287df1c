/**
 * The running server's drainer: every 30 seconds one pass over the outbox (lib/messaging/drainOutbox.ts), never
 * two at once in one process; started once per process from instrumentation.ts. Several app servers may each
 * run one: claims keep them from sending the same message. Without SMTP_URL it does not start, and messages wait
 * in the outbox for an administrator to read at /admin/outbox.
 */
import { backgroundLoopStarted, startBackgroundLoop } from "./backgroundLoop";
import { mailConfigFrom } from "./config";
import { drainOutbox } from "./drainOutbox";
import { createEmailChannel } from "./emailChannel";

const POLL_MS = 30_000;
const LOOP = "__mildOutboxDrainer";

export function startBackgroundDrainer(): void {
  if (backgroundLoopStarted(LOOP)) return;
  let config: ReturnType<typeof mailConfigFrom>;
  try {
    config = mailConfigFrom();
  } catch (error) {
    // Wrong mail settings must not stop the app: nothing is sent, and the outbox page says why.
    console.error(`Mail settings are wrong, so nothing is sent: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!config) {
    console.log("SMTP_URL is not set: messages stay in the outbox, readable by administrators at /admin/outbox.");
    return;
  }
  const channels = { email: createEmailChannel(config) };
  startBackgroundLoop(LOOP, POLL_MS, async () => {
    try {
      const report = await drainOutbox({ channels });
      if (report.sent + report.retrying + report.failed > 0) console.log(`Outbox: ${report.sent} sent, ${report.retrying} to retry, ${report.failed} failed.`);
    } catch (error) {
      // The next pass tries again; a claimed message comes back when its lease runs out.
      console.error("Outbox pass failed:", error instanceof Error ? error.message : error);
    }
  });
}
