/**
 * One pass over the outbox: claim what is due, send it through its channel, record each outcome, and repeat
 * until nothing is due. Used by the running server in the background (lib/messaging/backgroundDrainer.ts) and
 * by `npm run messages:send` (one pass, for cron).
 *
 * Delivery is at least once, never silently lost: a message leaves the outbox only as `sent` (the provider
 * accepted it) or `failed` (a permanent refusal, or every attempt used). The one window for a duplicate is a
 * drainer dying after the provider accepted a message and before its outcome was recorded; the message is
 * then sent again when its lease runs out, with the same Message-ID header.
 */
import { randomUUID } from "node:crypto";
import { claimDueMessages, recordDeliveryOutcomes, type ClaimedMessage, type DeliveryOutcome } from "@/lib/dal/messaging/outboxDelivery";
import { DeliveryError, type ChannelSet } from "./channel";
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./retryPolicy";

export type DrainOptions = {
  channels: ChannelSet;
  /** The clock; tests move it forward to make retries due. */
  now?: () => Date;
  retry?: RetryPolicy;
  /** Messages claimed (and their outcomes recorded) together. */
  batchSize?: number;
  /** How long a claim holds before another drainer may take the message over. */
  leaseMs?: number;
};

export type DrainReport = { sent: number; retrying: number; failed: number };

const DEFAULT_BATCH = 20;
const DEFAULT_LEASE_MS = 10 * 60_000;

async function deliver(message: ClaimedMessage, opts: Required<Pick<DrainOptions, "channels" | "now" | "retry">>): Promise<DeliveryOutcome> {
  const channel = opts.channels[message.channel];
  if (!channel) return { id: message.id, result: "failed", error: `No ${message.channel} channel is configured` };
  try {
    const delivery = await channel.send(message);
    return { id: message.id, result: "sent", ...delivery };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof DeliveryError && error.permanent;
    if (permanent || message.attempts >= opts.retry.maxAttempts) {
      return { id: message.id, result: "failed", error: permanent ? text : `${text} (after ${message.attempts} attempts)` };
    }
    return { id: message.id, result: "retry", error: text, nextAttemptAt: new Date(opts.now().getTime() + retryDelayMs(opts.retry, message.attempts)) };
  }
}

export async function drainOutbox(options: DrainOptions): Promise<DrainReport> {
  const opts = { now: () => new Date(), retry: DEFAULT_RETRY_POLICY, batchSize: DEFAULT_BATCH, leaseMs: DEFAULT_LEASE_MS, ...options };
  // A message put back for a retry is due strictly later than now, which is what ends the loop.
  if (!(opts.retry.baseDelayMs > 0)) throw new RangeError("retry.baseDelayMs: must be positive");
  const claimToken = randomUUID();
  const report: DrainReport = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const batch = await claimDueMessages({ now: opts.now(), limit: opts.batchSize, leaseMs: opts.leaseMs, maxAttempts: opts.retry.maxAttempts, claimToken });
    if (batch.length === 0) return report;
    const outcomes = await Promise.all(batch.map((m) => deliver(m, opts)));
    await recordDeliveryOutcomes(claimToken, outcomes, opts.now());
    for (const o of outcomes) {
      if (o.result === "sent") report.sent += 1;
      else if (o.result === "retry") report.retrying += 1;
      else report.failed += 1;
    }
  }
}
