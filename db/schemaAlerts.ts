/**
 * Alerts (issue 18): one row per recipient and event, written once (the unique dedupe key per user makes a second
 * pass over the same event a no-op), with the link to the record and when the recipient read it. The email copy,
 * when one was queued, is an outbox row (lib/messaging).
 */
import { sql } from "drizzle-orm";
import { ALERT_KINDS } from "./enums";
import { oneOf, requiredRef, type SchemaKit } from "./schemaKits";
import type { defineAccountTables } from "./schemaDefinition";

type Users = ReturnType<typeof defineAccountTables>["users"];

export function defineAlertTables(k: SchemaKit, { users }: { users: Users }) {
  const alerts = k.table(
    "alerts",
    {
      id: k.id(),
      userId: requiredRef(k, "user_id", () => users.id),
      kind: k.text("kind", { enum: ALERT_KINDS }).notNull(),
      /** The event, e.g. `serious:12` or `cusum:7:2026-03-04`: one alert per recipient and event. */
      dedupeKey: k.text("dedupe_key").notNull(),
      title: k.text("title").notNull(),
      body: k.text("body").notNull(),
      /** The app path of the record (`/quality/review/12`, `/quality?cusum=7`). */
      link: k.text("link").notNull(),
      createdAt: k.text("created_at").notNull(),
      readAt: k.text("read_at"),
      outboxMessageId: k.integer("outbox_message_id"),
    },
    (t) => [
      k.uniqueIndex("alerts_user_event_unique").on(t.userId, t.dedupeKey),
      k.index("alerts_user_unread_idx").on(t.userId, t.readAt),
      k.check("alerts_kind_check", oneOf("kind", ALERT_KINDS)),
      k.check("alerts_link_check", sql`link LIKE '/%'`),
    ],
  );
  return { alerts };
}
