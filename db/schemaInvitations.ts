/**
 * Patients answering from a link (issue 16): one invitation per procedure and questionnaire — a diary day (1–14)
 * or a follow-up timepoint — carrying the SHA-256 of its link's token (lib/auth/invitationToken.ts), its state
 * and the outbox messages sent for it; and the relief diary's answers, one row per procedure and day.
 */
import { sql } from "drizzle-orm";
import { INVITATION_KINDS, INVITATION_STATUSES } from "./enums";
import { oneOf, requiredRef, timestamps, type SchemaKit } from "./schemaKits";
import type { defineRecordTables } from "./schemaRecords";

type RecordTables = ReturnType<typeof defineRecordTables>;

export function defineInvitationTables(k: SchemaKit, { procedures }: Pick<RecordTables, "procedures">) {
  const invitations = k.table(
    "invitations",
    {
      id: k.id(),
      procedureId: requiredRef(k, "procedure_id", () => procedures.id),
      kind: k.text("kind", { enum: INVITATION_KINDS }).notNull(),
      /** The diary day (1–14) for a diary invitation; null for a follow-up. */
      day: k.integer("day"),
      /** The timepoint (week_2 … month_24) for a follow-up; null for a diary day. */
      timepoint: k.text("timepoint"),
      /** The stable key text, `diary:3` or `follow_up:week_6` (lib/outcomes/invitations/invitationKeys.ts). */
      key: k.text("key").notNull(),
      tokenHash: k.text("token_hash").notNull().unique(),
      status: k.text("status", { enum: INVITATION_STATUSES }).notNull().default("planned"),
      /** Why it expired (the planner's reason), or what failed. */
      statusReason: k.text("status_reason"),
      plannedAt: k.text("planned_at").notNull(),
      sentAt: k.text("sent_at"),
      openedAt: k.text("opened_at"),
      completedAt: k.text("completed_at"),
      expiresAt: k.text("expires_at").notNull(),
      reminderCount: k.integer("reminder_count").notNull().default(0),
      /** Outbox message ids sent for it (invitation, then reminders), comma-separated. */
      outboxMessageIds: k.text("outbox_message_ids"),
      ...timestamps(k),
    },
    (t) => [
      // One invitation per questionnaire; a resend replaces the token on the same row.
      k.uniqueIndex("invitations_procedure_key_unique").on(t.procedureId, t.key),
      k.index("invitations_status_idx").on(t.status),
      k.check("invitations_kind_check", oneOf("kind", INVITATION_KINDS)),
      k.check("invitations_status_check", oneOf("status", INVITATION_STATUSES)),
      k.check(
        "invitations_day_check",
        sql`(kind = 'diary' AND day BETWEEN 1 AND 14 AND timepoint IS NULL) OR (kind = 'follow_up' AND day IS NULL AND timepoint IS NOT NULL)`,
      ),
      k.check("invitations_reminders_check", sql`reminder_count >= 0`),
    ],
  );

  const diaryEntries = k.table(
    "diary_entries",
    {
      id: k.id(),
      procedureId: requiredRef(k, "procedure_id", () => procedures.id),
      /** Days since the procedure (1–14): the day the answers describe. */
      day: k.integer("day").notNull(),
      nprsBack: k.integer("nprs_back"),
      nprsLeg: k.integer("nprs_leg"),
      pgic: k.integer("pgic"),
      invitationId: k.integer("invitation_id").references(() => invitations.id),
      submittedAt: k.text("submitted_at").notNull(),
      createdAt: k.text("created_at").notNull().default(k.nowIso),
    },
    (t) => [
      k.uniqueIndex("diary_entries_procedure_day_unique").on(t.procedureId, t.day),
      k.check("diary_entries_day_check", sql`day BETWEEN 1 AND 14`),
      k.check("diary_entries_back_check", sql`nprs_back IS NULL OR (nprs_back BETWEEN 0 AND 10)`),
      k.check("diary_entries_leg_check", sql`nprs_leg IS NULL OR (nprs_leg BETWEEN 0 AND 10)`),
      k.check("diary_entries_pgic_check", sql`pgic IS NULL OR (pgic BETWEEN 1 AND 7)`),
      k.check("diary_entries_has_answer_check", sql`coalesce(nprs_back, nprs_leg, pgic) IS NOT NULL`),
    ],
  );
  return { invitations, diaryEntries };
}
