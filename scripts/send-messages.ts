// npm run messages:send: one pass of the invitation scheduler (invitations, reminders, expiries due now), then one
// pass over the outbox — send what is due, record each outcome — then exit (for cron).
// Exit 1 when SMTP_URL is not set (nothing can be sent) or a message failed for good on this pass.
import { closeDatabases } from "@/db/client";
import { runAlertChecks } from "@/lib/dal/alerts/alertChecks";
import { runInvitationScheduler } from "@/lib/dal/invitations/scheduler";
import { mailConfigFrom } from "@/lib/messaging/config";
import { drainOutbox } from "@/lib/messaging/drainOutbox";
import { createEmailChannel } from "@/lib/messaging/emailChannel";

const planned = await runInvitationScheduler();
console.log(`Invitations: ${planned.sent} sent, ${planned.reminded} reminders, ${planned.expired} expired, ${planned.failed} failed.`);
const checked = await runAlertChecks();
console.log(`Alerts: ${checked.reviewOverdue} reports waiting too long, ${checked.cusumSignals} CUSUM signals told.`);
const config = mailConfigFrom();
if (!config) {
  await closeDatabases();
  console.error("SMTP_URL is not set: nothing can be sent. Messages wait in the outbox (administrators read them at /admin/outbox).");
  process.exit(1);
}
const email = createEmailChannel(config);
try {
  const report = await drainOutbox({ channels: { email } });
  console.log(`Outbox: ${report.sent} sent, ${report.retrying} to retry later, ${report.failed} failed.`);
  process.exitCode = report.failed > 0 ? 1 : 0;
} finally {
  await email.close();
  await closeDatabases();
}
