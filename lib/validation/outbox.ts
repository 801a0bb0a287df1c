/**
 * What may be queued in the outbox, and the outbox screen's view read from the URL. A message is checked when it
 * is queued, not when it is sent: a bad address or a subject with a line break (header injection) is refused in
 * the transaction that tried to queue it, so it rolls back with its cause instead of failing later in the night.
 */
import { z } from "zod";
import { MESSAGE_CHANNELS, OUTBOX_STATUSES } from "@/db/enums";
import { hasNoControlCharacters } from "./fields";

// NUL and other control characters (line breaks and tabs aside) never belong in a message, and PostgreSQL cannot store a NUL.
const printable = "must not contain control characters";

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), "must be one line")
    .refine(hasNoControlCharacters, printable);

export const outgoingMessageSchema = z.object({
  channel: z.enum(MESSAGE_CHANNELS),
  to: z.email().max(254),
  subject: oneLine(200),
  text: z.string().min(1).max(100_000).refine(hasNoControlCharacters, printable),
  html: z.string().min(1).max(200_000).refine(hasNoControlCharacters, printable).optional(),
  /** What the message is for (`invitation`, `reminder`, …): shown in the outbox. */
  kind: z.string().regex(/^[a-z][a-z0-9_.-]{0,39}$/, "a short lower-case word"),
  /** The record that caused the message, e.g. `invitation` and its id. */
  entity: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional(),
  entityId: z.union([z.string().min(1).max(60), z.number().int().positive()]).optional(),
  /** Not before this instant (ISO-8601): e.g. the next morning for a message planned during the night. */
  notBefore: z.iso.datetime().optional(),
});
export type OutgoingMessage = z.input<typeof outgoingMessageSchema>;

export const OUTBOX_PAGE_SIZE = 50;

export const outboxQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
});
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

export function parseOutboxQuery(params: Record<string, string | string[] | undefined>): OutboxQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return outboxQuerySchema.parse(flat);
}
