/**
 * The running server's invitation scheduler: every five minutes one pass (lib/dal/invitations/scheduler.ts),
 * never two at once in one process; started once per process from instrumentation.ts beside the outbox
 * drainer. It runs with or without SMTP_URL: without it, the messages it queues wait in the outbox, where an
 * administrator reads them (the embedded default and the demo). INVITATION_SCHEDULER=off turns it off (e.g.
 * when cron runs `npm run messages:send` instead).
 */
import { runAlertChecks } from "@/lib/dal/alerts/alertChecks";
import { runInvitationScheduler } from "@/lib/dal/invitations/scheduler";
import { startBackgroundLoop } from "./backgroundLoop";

const POLL_MS = 5 * 60_000;

export function startBackgroundScheduler(): void {
  if (process.env.INVITATION_SCHEDULER === "off") return;
  startBackgroundLoop("__mildInvitationScheduler", POLL_MS, async () => {
    try {
      const r = await runInvitationScheduler();
      if (r.sent + r.reminded + r.expired + r.failed > 0)
        console.log(`Invitations: ${r.sent} sent, ${r.reminded} reminders, ${r.expired} expired, ${r.failed} failed.`);
    } catch (error) {
      console.error("Invitation pass failed:", error instanceof Error ? error.message : error);
    }
    try {
      // Alerts nothing else triggers (reports waiting too long, CUSUM signals): each told once.
      const a = await runAlertChecks();
      if (a.reviewOverdue + a.cusumSignals > 0) console.log(`Alerts: ${a.reviewOverdue} reports waiting too long, ${a.cusumSignals} CUSUM signals told.`);
    } catch (error) {
      console.error("Alert checks failed:", error instanceof Error ? error.message : error);
    }
  });
}
