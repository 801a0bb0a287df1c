import "server-only";
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { transaction } from "@/db/client";
import { outboxMessages } from "@/db/schema";

/**
 * The drainer's side of the outbox (lib/messaging/drainOutbox.ts): claim due messages, then record what sending
 * them did. No principal: only the server's own drainer calls these, never a request.
 *
 * Claiming is one write transaction, and write transactions take turns on both backends (SQLite's BEGIN
 * IMMEDIATE, PostgreSQL's advisory lock; db/appDatabase.ts), so two drainers — two app servers, or the cron pass
 * beside the running server — can never claim the same row. A claim is a lease: if its drainer dies before
 * recording the outcome, the row becomes due again when the lease runs out.
 */

export type ClaimedMessage = {
  id: number;
  channel: "email";
  recipient: string;
  subject: string | null;
  bodyText: string;
  bodyHtml: string | null;
  messageId: string;
  attempts: number;
};

export type ClaimOptions = { now: Date; limit: number; leaseMs: number; maxAttempts: number; claimToken: string };

/**
 * Claims up to `limit` due messages (queued and due, or claimed by a drainer whose lease ran out) for
 * `claimToken`, counting the attempt now. A row whose lease ran out after its last allowed attempt is marked
 * failed instead: its drainer died mid-send, and it may have gone out, so it is not tried again.
 */
export async function claimDueMessages(opts: ClaimOptions): Promise<ClaimedMessage[]> {
  const now = opts.now.toISOString();
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
  const due = or(
    and(eq(outboxMessages.status, "queued"), lte(outboxMessages.nextAttemptAt, now)),
    and(eq(outboxMessages.status, "sending"), lte(outboxMessages.leaseUntil, now)),
  );
  return transaction(async (tx) => {
    const candidates = await tx
      .select({ id: outboxMessages.id, status: outboxMessages.status, attempts: outboxMessages.attempts })
      .from(outboxMessages)
      .where(due)
      .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
      .limit(opts.limit);
    const exhausted = candidates.filter((c) => c.status === "sending" && c.attempts >= opts.maxAttempts).map((c) => c.id);
    const claimable = candidates.filter((c) => !exhausted.includes(c.id)).map((c) => c.id);
    if (exhausted.length > 0) {
      await tx
        .update(outboxMessages)
        .set({
          status: "failed",
          claimToken: null,
          leaseUntil: null,
          lastError: "The drainer stopped while sending its last attempt (lease ran out)",
          updatedAt: now,
        })
        .where(inArray(outboxMessages.id, exhausted));
    }
    if (claimable.length === 0) return [];
    await tx
      .update(outboxMessages)
      .set({ status: "sending", claimToken: opts.claimToken, leaseUntil, attempts: sql`${outboxMessages.attempts} + 1`, updatedAt: now })
      .where(inArray(outboxMessages.id, claimable));
    return tx
      .select({
        id: outboxMessages.id,
        channel: outboxMessages.channel,
        recipient: outboxMessages.recipient,
        subject: outboxMessages.subject,
        bodyText: outboxMessages.bodyText,
        bodyHtml: outboxMessages.bodyHtml,
        messageId: outboxMessages.messageId,
        attempts: outboxMessages.attempts,
      })
      .from(outboxMessages)
      .where(and(inArray(outboxMessages.id, claimable), eq(outboxMessages.claimToken, opts.claimToken)))
      .orderBy(asc(outboxMessages.id));
  });
}

export type DeliveryOutcome =
  | { id: number; result: "sent"; providerMessageId: string; providerResponse: string }
  | { id: number; result: "retry"; error: string; nextAttemptAt: Date }
  | { id: number; result: "failed"; error: string };

const ERROR_MAX_LENGTH = 1000;

/**
 * Records what sending each claimed message did, in one transaction. Only rows still held by `claimToken` are
 * changed: a drainer that overran its lease (and whose row another drainer re-claimed) cannot overwrite the
 * newer outcome.
 */
export async function recordDeliveryOutcomes(claimToken: string, outcomes: DeliveryOutcome[], now: Date): Promise<void> {
  if (outcomes.length === 0) return;
  const at = now.toISOString();
  await transaction(async (tx) => {
    for (const o of outcomes) {
      const ours = and(eq(outboxMessages.id, o.id), eq(outboxMessages.claimToken, claimToken), eq(outboxMessages.status, "sending"));
      const released = { claimToken: null, leaseUntil: null, updatedAt: at };
      if (o.result === "sent") {
        await tx
          .update(outboxMessages)
          .set({
            ...released,
            status: "sent",
            sentAt: at,
            providerMessageId: o.providerMessageId,
            providerResponse: o.providerResponse.slice(0, ERROR_MAX_LENGTH),
          })
          .where(ours);
      } else if (o.result === "retry") {
        await tx
          .update(outboxMessages)
          .set({ ...released, status: "queued", nextAttemptAt: o.nextAttemptAt.toISOString(), lastError: o.error.slice(0, ERROR_MAX_LENGTH) })
          .where(ours);
      } else {
        await tx
          .update(outboxMessages)
          .set({ ...released, status: "failed", lastError: o.error.slice(0, ERROR_MAX_LENGTH) })
          .where(ours);
      }
    }
  });
}
