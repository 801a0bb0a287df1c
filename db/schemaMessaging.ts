/**
 * The outbox: every message the app sends (invitations and reminders to patients, by email today) is written
 * here first, in the same transaction as what caused it, and a drainer sends it afterwards (lib/messaging). So
 * a message is never sent for a change that rolled back, and never lost when the mail server is down.
 *
 * A message is `queued` until a drainer claims it (`sending`, with a lease and a claim token so two drainers
 * never send the same row), then `sent` (with the provider's message id and reply) or back to `queued` with a
 * later `next_attempt_at` after a failure, and `failed` once it has used every attempt.
 */
import { sql } from "drizzle-orm";
import { MESSAGE_CHANNELS, OUTBOX_STATUSES } from "./enums";
import { oneOf, type SchemaKit } from "./schemaKits";

export function defineMessagingTables(k: SchemaKit) {
  const outboxMessages = k.table(
    "outbox_messages",
    {
      id: k.id(),
      channel: k.text("channel", { enum: MESSAGE_CHANNELS }).notNull(),
      recipient: k.text("recipient").notNull(),
      subject: k.text("subject"),
      bodyText: k.text("body_text").notNull(),
      bodyHtml: k.text("body_html"),
      /** What the message is for, e.g. `invitation` or `reminder`: shown in the outbox, never sent. */
      kind: k.text("kind").notNull(),
      /** The record that caused it (e.g. entity `invitation`, its id), so its page can show failures. */
      entity: k.text("entity"),
      entityId: k.text("entity_id"),
      /** Our own Message-ID header, fixed when queued: a resend after a crash carries the same one, so receivers can tell. */
      messageId: k.text("message_id").notNull().unique(),
      status: k.text("status", { enum: OUTBOX_STATUSES }).notNull().default("queued"),
      attempts: k.integer("attempts").notNull().default(0),
      /** ISO-8601 UTC; a queued message is due once this has passed (back-off after a failure). */
      nextAttemptAt: k.text("next_attempt_at").notNull(),
      /** The drainer that claimed the message and until when; a lease that runs out lets another drainer retry it. */
      claimToken: k.text("claim_token"),
      leaseUntil: k.text("lease_until"),
      lastError: k.text("last_error"),
      /** What the provider answered on success: its message id and its reply (e.g. `250 OK queued as …`). */
      providerMessageId: k.text("provider_message_id"),
      providerResponse: k.text("provider_response"),
      createdAt: k.text("created_at").notNull(),
      sentAt: k.text("sent_at"),
      updatedAt: k.text("updated_at").notNull(),
    },
    (t) => [
      k.index("outbox_messages_due_idx").on(t.status, t.nextAttemptAt),
      k.index("outbox_messages_entity_idx").on(t.entity, t.entityId),
      k.index("outbox_messages_created_idx").on(t.createdAt),
      k.check("outbox_messages_channel_check", oneOf("channel", MESSAGE_CHANNELS)),
      k.check("outbox_messages_status_check", oneOf("status", OUTBOX_STATUSES)),
      k.check("outbox_messages_attempts_check", sql`attempts >= 0`),
      k.check("outbox_messages_recipient_check", sql`length(trim(recipient)) > 0`),
      // A sent message says when; a claimed one says by whom and until when.
      k.check("outbox_messages_sent_check", sql`status <> 'sent' OR sent_at IS NOT NULL`),
      k.check("outbox_messages_sending_check", sql`status <> 'sending' OR (claim_token IS NOT NULL AND lease_until IS NOT NULL)`),
    ],
  );
  return { outboxMessages };
}
