import "server-only";
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { getDb, type AppDatabase } from "@/db/client";
import type { OutboxStatus } from "@/db/enums";
import { outboxMessages } from "@/db/schema";
import { messageIdDomain } from "@/lib/messaging/config";
import { OUTBOX_PAGE_SIZE, outgoingMessageSchema, type OutboxQuery, type OutgoingMessage } from "@/lib/validation/outbox";
import { ForbiddenError, NotFoundError } from "../errors";
import { parseInput, recordId } from "../parse";
import type { Principal } from "../principal";

/**
 * Queuing messages, and the administrators' view of the outbox. Queuing takes the caller's transaction, so a
 * message exists exactly when what caused it was committed. Reading the outbox is for administrators only:
 * messages carry patients' addresses and first names.
 */

/** Queues one message in the caller's transaction `tx`; the drainer (lib/messaging/drainOutbox.ts) sends it. */
export async function queueMessage(tx: AppDatabase, message: OutgoingMessage): Promise<{ id: number; messageId: string }> {
  const m = parseInput(outgoingMessageSchema, message);
  const now = new Date().toISOString();
  const messageId = `<${randomUUID()}@${messageIdDomain()}>`;
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      channel: m.channel,
      recipient: m.to,
      subject: m.subject,
      bodyText: m.text,
      bodyHtml: m.html ?? null,
      kind: m.kind,
      entity: m.entity ?? null,
      entityId: m.entityId === undefined ? null : String(m.entityId),
      messageId,
      status: "queued",
      nextAttemptAt: m.notBefore ? new Date(m.notBefore).toISOString() : now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: outboxMessages.id });
  return { id: row!.id, messageId };
}

export function canReadOutbox(principal: Principal): boolean {
  return principal.role === "admin";
}

function requireOutboxReader(principal: Principal): void {
  if (!canReadOutbox(principal)) throw new ForbiddenError("Only administrators read the outbox");
}

const listColumns = {
  id: outboxMessages.id,
  channel: outboxMessages.channel,
  recipient: outboxMessages.recipient,
  subject: outboxMessages.subject,
  kind: outboxMessages.kind,
  status: outboxMessages.status,
  attempts: outboxMessages.attempts,
  lastError: outboxMessages.lastError,
  createdAt: outboxMessages.createdAt,
  sentAt: outboxMessages.sentAt,
  nextAttemptAt: outboxMessages.nextAttemptAt,
};

export type OutboxRow = {
  id: number;
  channel: string;
  recipient: string;
  subject: string | null;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
};

export type OutboxPage = { rows: OutboxRow[]; total: number; byStatus: Record<OutboxStatus, number>; pageSize: number };

/** The outbox, newest first, optionally one status; with the count of every status for the filter's labels. */
export async function listOutboxMessages(principal: Principal, query: OutboxQuery): Promise<OutboxPage> {
  requireOutboxReader(principal);
  const where: SQL | undefined = query.status ? eq(outboxMessages.status, query.status) : undefined;
  const db = getDb();
  const [rows, counts] = await Promise.all([
    db
      .select(listColumns)
      .from(outboxMessages)
      .where(where)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((query.page - 1) * OUTBOX_PAGE_SIZE),
    db.select({ status: outboxMessages.status, n: count() }).from(outboxMessages).groupBy(outboxMessages.status),
  ]);
  const byStatus: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const c of counts) byStatus[c.status] = Number(c.n);
  const total = query.status ? byStatus[query.status] : Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { rows, total, byStatus, pageSize: OUTBOX_PAGE_SIZE };
}

export type OutboxMessageView = OutboxRow & {
  bodyText: string;
  bodyHtml: string | null;
  entity: string | null;
  entityId: string | null;
  messageId: string;
  providerMessageId: string | null;
  providerResponse: string | null;
};

/** One message with its text, for an administrator; a missing id is "not found". */
export async function readOutboxMessage(principal: Principal, id: number): Promise<OutboxMessageView> {
  requireOutboxReader(principal);
  recordId(id, "Message");
  const [row] = await getDb()
    .select({
      ...listColumns,
      bodyText: outboxMessages.bodyText,
      bodyHtml: outboxMessages.bodyHtml,
      entity: outboxMessages.entity,
      entityId: outboxMessages.entityId,
      messageId: outboxMessages.messageId,
      providerMessageId: outboxMessages.providerMessageId,
      providerResponse: outboxMessages.providerResponse,
    })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Message");
  return row;
}
