/**
 * What happened to a procedure's patient after it, beyond the scheduled assessments: the clinic's attempts to
 * reach them for follow-up (lib/outcomes/followUpStatus.ts counts the failed ones), and lumbar surgery after
 * MILD (the durability outcome, lib/outcomes/durability.ts).
 */
import { sql } from "drizzle-orm";
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, INACTIVE_FOLLOW_UP_STATUSES, SUBSEQUENT_SURGERY_TYPES } from "./enums";
import { authoredTimestamps, oneOf, requiredRef, type SchemaKit } from "./schemaKits";
import type { defineAccountTables } from "./schemaDefinition";
import type { defineRecordTables } from "./schemaRecords";

type Parents = { users: ReturnType<typeof defineAccountTables>["users"]; procedures: ReturnType<typeof defineRecordTables>["procedures"] };

export function defineFollowUpTables(k: SchemaKit, { users, procedures }: Parents) {
  /**
   * A procedure no longer expected at follow-up: lost (after failed contacts), withdrawn (the patient's wish) or
   * deceased, from a date. No row means active; returning to active deletes the row (the audit log keeps it).
   */
  const followUpStatuses = k.table(
    "follow_up_statuses",
    {
      id: k.id(),
      procedureId: k
        .integer("procedure_id")
        .notNull()
        .unique()
        .references(() => procedures.id),
      status: k.text("status", { enum: INACTIVE_FOLLOW_UP_STATUSES }).notNull(),
      statusDate: k.text("status_date").notNull(),
      note: k.text("note"),
      ...authoredTimestamps(k, () => users.id),
    },
    () => [
      k.check("follow_up_statuses_status_check", oneOf("status", INACTIVE_FOLLOW_UP_STATUSES)),
      k.check("follow_up_statuses_date_check", k.isoDate("status_date")),
    ],
  );

  const contactAttempts = k.table(
    "contact_attempts",
    {
      id: k.id(),
      procedureId: requiredRef(k, "procedure_id", () => procedures.id),
      attemptedOn: k.text("attempted_on").notNull(),
      channel: k.text("channel", { enum: CONTACT_CHANNELS }).notNull(),
      outcome: k.text("outcome", { enum: CONTACT_OUTCOMES }).notNull(),
      note: k.text("note"),
      ...authoredTimestamps(k, () => users.id),
    },
    (t) => [
      k.index("contact_attempts_procedure_idx").on(t.procedureId, t.attemptedOn),
      k.check("contact_attempts_date_check", k.isoDate("attempted_on")),
      k.check("contact_attempts_channel_check", oneOf("channel", CONTACT_CHANNELS)),
      k.check("contact_attempts_outcome_check", oneOf("outcome", CONTACT_OUTCOMES)),
    ],
  );

  const subsequentSurgeries = k.table(
    "subsequent_surgeries",
    {
      id: k.id(),
      procedureId: requiredRef(k, "procedure_id", () => procedures.id),
      surgeryDate: k.text("surgery_date").notNull(),
      type: k.text("type", { enum: SUBSEQUENT_SURGERY_TYPES }).notNull(),
      /** Comma-separated levels, as on the procedure (may be empty when unknown). */
      levels: k.text("levels").notNull().default(""),
      note: k.text("note"),
      ...authoredTimestamps(k, () => users.id),
    },
    (t) => [
      k.index("subsequent_surgeries_procedure_idx").on(t.procedureId, t.surgeryDate),
      k.check("subsequent_surgeries_date_check", k.isoDate("surgery_date")),
      k.check("subsequent_surgeries_type_check", oneOf("type", SUBSEQUENT_SURGERY_TYPES)),
      k.check("subsequent_surgeries_levels_check", sql`levels = '' OR ${k.levelsPattern("levels")}`),
    ],
  );
  return { followUpStatuses, contactAttempts, subsequentSurgeries };
}
