/**
 * The one schema of MILD Outcomes, written once for both backends. Types are inferred from it
 * (`typeof users.$inferSelect`); domain rules that must hold whatever code writes the row are repeated here as
 * CHECK constraints. Dates are ISO `YYYY-MM-DD` text and timestamps ISO-8601 UTC text, so rows, their JSON in
 * the audit log and its hash chain are byte-identical on SQLite and PostgreSQL.
 *
 * `defineTables` builds the tables with a dialect's kit (db/schemaKits.ts): db/schema.sqlite.ts and
 * db/schema.pg.ts are the two builds, which drizzle-kit reads to generate each dialect's migrations
 * (`npm run db:generate`). tests/unit/schema-parity.test.ts checks that the two builds agree.
 */
import { sql } from "drizzle-orm";
import {
  ADJUDICATION_STATUSES,
  COMPLICATION_NOTE_KINDS,
  ANAESTHESIA_KINDS,
  COMPLICATION_OUTCOMES,
  COMPLICATION_TYPES,
  DIAGNOSES,
  PRIOR_TREATMENT_TYPES,
  PROCEDURE_SIDES,
  RELATEDNESS_KINDS,
  ROLES,
  SEXES,
  TIMEPOINTS,
} from "./enums";
import { defineMessagingTables } from "./schemaMessaging";
import { oneOf, type SchemaKit } from "./schemaKits";

export function defineTables(k: SchemaKit) {
  const sites = k.table("sites", {
    id: k.id(),
    code: k.text("code").notNull().unique(),
    name: k.text("name").notNull(),
    createdAt: k.text("created_at").notNull().default(k.nowIso),
  });

  const users = k.table(
    "users",
    {
      id: k.id(),
      email: k.text("email").notNull().unique(),
      name: k.text("name").notNull(),
      role: k.text("role", { enum: ROLES }).notNull(),
      passwordHash: k.text("password_hash").notNull(),
      disabled: k.boolean("disabled").notNull().default(false),
      /** Bumped on disable, password or role change; a JWT carrying an older version is no longer honoured. */
      sessionVersion: k.integer("session_version").notNull().default(1),
      siteId: k.integer("site_id").references(() => sites.id),
      createdAt: k.text("created_at").notNull().default(k.nowIso),
      updatedAt: k.text("updated_at").notNull().default(k.nowIso),
    },
    () => [
      k.check("users_role_check", oneOf("role", ROLES)),
      k.check("users_email_check", sql`email = lower(email) AND email LIKE '%_@_%'`),
      k.check("users_session_version_check", sql`session_version >= 1`),
    ],
  );

  const patients = k.table(
    "patients",
    {
      id: k.id(),
      siteId: k
        .integer("site_id")
        .notNull()
        .references(() => sites.id),
      mrn: k.text("mrn").notNull(),
      name: k.text("name").notNull(),
      dateOfBirth: k.text("date_of_birth").notNull(),
      sex: k.text("sex", { enum: SEXES }).notNull(),
      diagnosis: k.text("diagnosis", { enum: DIAGNOSES }).notNull(),
      /** The physician responsible for the patient; a physician sees patients they own or treated. */
      primaryPhysicianId: k.integer("primary_physician_id").references(() => users.id),
      // Risk factors named on the clinic's patient page.
      scoliosisKyphosis: k.boolean("scoliosis_kyphosis").notNull().default(false),
      previousSpinalFracture: k.boolean("previous_spinal_fracture").notNull().default(false),
      previousSpinalSurgery: k.boolean("previous_spinal_surgery").notNull().default(false),
      medicationAllergies: k.boolean("medication_allergies").notNull().default(false),
      diabetes: k.boolean("diabetes").notNull().default(false),
      cardiovascularDisease: k.boolean("cardiovascular_disease").notNull().default(false),
      smoking: k.boolean("smoking").notNull().default(false),
      heavyDrinking: k.boolean("heavy_drinking").notNull().default(false),
      externalId: k.text("external_id").unique(),
      createdAt: k.text("created_at").notNull().default(k.nowIso),
      updatedAt: k.text("updated_at").notNull().default(k.nowIso),
    },
    (t) => [
      k.uniqueIndex("patients_site_mrn_unique").on(t.siteId, t.mrn),
      k.index("patients_primary_physician_idx").on(t.primaryPhysicianId),
      k.check("patients_sex_check", oneOf("sex", SEXES)),
      k.check("patients_diagnosis_check", oneOf("diagnosis", DIAGNOSES)),
      k.check("patients_dob_check", k.isoDate("date_of_birth")),
      k.check("patients_mrn_check", sql`length(trim(mrn)) > 0`),
    ],
  );

  const procedures = k.table(
    "procedures",
    {
      id: k.id(),
      patientId: k
        .integer("patient_id")
        .notNull()
        .references(() => patients.id),
      /** The physician who performed the procedure: the link that scopes a physician's outcomes. */
      physicianId: k
        .integer("physician_id")
        .notNull()
        .references(() => users.id),
      siteId: k
        .integer("site_id")
        .notNull()
        .references(() => sites.id),
      procedureDate: k.text("procedure_date").notNull(),
      /** Comma-separated interlaminar levels treated, e.g. `L3-L4,L4-L5`. */
      levels: k.text("levels").notNull(),
      side: k.text("side", { enum: PROCEDURE_SIDES }).notNull(),
      anaesthesia: k.text("anaesthesia", { enum: ANAESTHESIA_KINDS }).notNull(),
      deviceLot: k.text("device_lot"),
      /** Lumbar treatment in the 12 months before: an exclusion on the clinic page, recorded and flagged. */
      priorTreatmentType: k.text("prior_treatment_type", { enum: PRIOR_TREATMENT_TYPES }),
      priorTreatmentDate: k.text("prior_treatment_date"),
      priorTreatmentFlag: k.boolean("prior_treatment_flag").notNull().default(false),
      priorTreatmentAcknowledged: k.boolean("prior_treatment_acknowledged").notNull().default(false),
      notes: k.text("notes"),
      externalId: k.text("external_id").unique(),
      createdBy: k.integer("created_by").references(() => users.id),
      createdAt: k.text("created_at").notNull().default(k.nowIso),
      updatedAt: k.text("updated_at").notNull().default(k.nowIso),
    },
    (t) => [
      k.index("procedures_physician_date_idx").on(t.physicianId, t.procedureDate),
      k.index("procedures_site_date_idx").on(t.siteId, t.procedureDate),
      k.index("procedures_date_idx").on(t.procedureDate),
      k.index("procedures_patient_idx").on(t.patientId),
      k.check("procedures_date_check", k.isoDate("procedure_date")),
      k.check("procedures_side_check", oneOf("side", PROCEDURE_SIDES)),
      k.check("procedures_anaesthesia_check", oneOf("anaesthesia", ANAESTHESIA_KINDS)),
      k.check("procedures_levels_check", k.levelsPattern("levels")),
      k.check("procedures_prior_type_check", sql`prior_treatment_type IS NULL OR ${oneOf("prior_treatment_type", PRIOR_TREATMENT_TYPES)}`),
      k.check("procedures_prior_date_check", sql`prior_treatment_date IS NULL OR ${k.isoDate("prior_treatment_date")}`),
      // A flagged procedure must say what the prior treatment was.
      k.check("procedures_prior_flag_check", sql`${k.isFalse("prior_treatment_flag")} OR prior_treatment_type IS NOT NULL`),
    ],
  );

  const assessments = k.table(
    "assessments",
    {
      id: k.id(),
      procedureId: k
        .integer("procedure_id")
        .notNull()
        .references(() => procedures.id),
      timepoint: k.text("timepoint", { enum: TIMEPOINTS }).notNull(),
      assessedOn: k.text("assessed_on").notNull(),
      nprsBack: k.integer("nprs_back"),
      nprsLeg: k.integer("nprs_leg"),
      /** ODI as a percentage; when section answers are given it is their score (sum / (5 × answered) × 100). */
      odi: k.real("odi"),
      odiSections: k.text("odi_sections"),
      walkingMinutes: k.real("walking_minutes"),
      standingMinutes: k.real("standing_minutes"),
      reliefOnsetDate: k.text("relief_onset_date"),
      externalId: k.text("external_id").unique(),
      createdBy: k.integer("created_by").references(() => users.id),
      createdAt: k.text("created_at").notNull().default(k.nowIso),
      updatedAt: k.text("updated_at").notNull().default(k.nowIso),
    },
    (t) => [
      k.index("assessments_procedure_idx").on(t.procedureId, t.timepoint),
      // One assessment per scheduled timepoint; unscheduled visits may repeat.
      k
        .uniqueIndex("assessments_procedure_timepoint_unique")
        .on(t.procedureId, t.timepoint)
        .where(sql`timepoint <> 'unscheduled'`),
      k.check("assessments_timepoint_check", oneOf("timepoint", TIMEPOINTS)),
      k.check("assessments_date_check", k.isoDate("assessed_on")),
      k.check("assessments_nprs_back_check", sql`nprs_back IS NULL OR (nprs_back BETWEEN 0 AND 10)`),
      k.check("assessments_nprs_leg_check", sql`nprs_leg IS NULL OR (nprs_leg BETWEEN 0 AND 10)`),
      k.check("assessments_odi_check", sql`odi IS NULL OR (odi BETWEEN 0 AND 100)`),
      k.check("assessments_walking_check", sql`walking_minutes IS NULL OR (walking_minutes BETWEEN 0 AND 1440)`),
      k.check("assessments_standing_check", sql`standing_minutes IS NULL OR (standing_minutes BETWEEN 0 AND 1440)`),
      k.check("assessments_relief_date_check", sql`relief_onset_date IS NULL OR ${k.isoDate("relief_onset_date")}`),
      // At least one score: an assessment with nothing measured is not an assessment.
      k.check("assessments_has_score_check", sql`coalesce(nprs_back, nprs_leg, odi, walking_minutes, standing_minutes) IS NOT NULL`),
    ],
  );

  const complications = k.table(
    "complications",
    {
      id: k.id(),
      procedureId: k
        .integer("procedure_id")
        .notNull()
        .references(() => procedures.id),
      type: k.text("type", { enum: COMPLICATION_TYPES }).notNull(),
      typeOther: k.text("type_other"),
      onsetDate: k.text("onset_date").notNull(),
      serious: k.boolean("serious").notNull().default(false),
      /** Clavien–Dindo grade I–V stored as 1–5, as reported. */
      grade: k.integer("grade").notNull(),
      relatedness: k.text("relatedness", { enum: RELATEDNESS_KINDS }).notNull(),
      treatment: k.text("treatment"),
      outcome: k.text("outcome", { enum: COMPLICATION_OUTCOMES }).notNull(),
      reportedBy: k.integer("reported_by").references(() => users.id),
      reportedAt: k.text("reported_at").notNull().default(k.nowIso),
      adjudicationStatus: k.text("adjudication_status", { enum: ADJUDICATION_STATUSES }).notNull().default("pending"),
      adjudicatedBy: k.integer("adjudicated_by").references(() => users.id),
      adjudicatedAt: k.text("adjudicated_at"),
      adjudicationNote: k.text("adjudication_note"),
      /** The adjudicator's grade and relatedness; the reporter's originals above stay untouched. */
      finalGrade: k.integer("final_grade"),
      finalRelatedness: k.text("final_relatedness", { enum: RELATEDNESS_KINDS }),
      externalId: k.text("external_id").unique(),
      createdAt: k.text("created_at").notNull().default(k.nowIso),
      updatedAt: k.text("updated_at").notNull().default(k.nowIso),
    },
    (t) => [
      k.index("complications_procedure_idx").on(t.procedureId),
      k.index("complications_status_idx").on(t.adjudicationStatus),
      k.check("complications_type_check", oneOf("type", COMPLICATION_TYPES)),
      k.check("complications_other_check", sql`type <> 'other' OR length(trim(coalesce(type_other, ''))) > 0`),
      k.check("complications_onset_check", k.isoDate("onset_date")),
      k.check("complications_grade_check", sql`grade BETWEEN 1 AND 5`),
      k.check("complications_final_grade_check", sql`final_grade IS NULL OR final_grade BETWEEN 1 AND 5`),
      k.check("complications_relatedness_check", oneOf("relatedness", RELATEDNESS_KINDS)),
      k.check("complications_final_relatedness_check", sql`final_relatedness IS NULL OR ${oneOf("final_relatedness", RELATEDNESS_KINDS)}`),
      k.check("complications_outcome_check", oneOf("outcome", COMPLICATION_OUTCOMES)),
      k.check("complications_status_check", oneOf("adjudication_status", ADJUDICATION_STATUSES)),
      // Clavien–Dindo grade V is death; a death must be graded V.
      k.check("complications_death_grade_check", sql`type <> 'death' OR grade = 5`),
    ],
  );

  /**
   * Append-only (triggers in each dialect's custom migration reject UPDATE and DELETE; PostgreSQL's TRUNCATE too). Each row stores the hash of the
   * previous row and its own hash over its content, so editing or removing a row breaks the chain.
   */
  const auditLog = k.table(
    "audit_log",
    {
      id: k.id(),
      at: k.text("at").notNull(),
      userId: k.integer("user_id"),
      userEmail: k.text("user_email"),
      action: k.text("action").notNull(),
      entity: k.text("entity").notNull(),
      entityId: k.text("entity_id"),
      before: k.text("before_json"),
      after: k.text("after_json"),
      prevHash: k.text("prev_hash").notNull(),
      hash: k.text("hash").notNull().unique(),
    },
    (t) => [k.index("audit_log_entity_idx").on(t.entity, t.entityId), k.index("audit_log_user_idx").on(t.userId), k.index("audit_log_at_idx").on(t.at)],
  );

  /** Sign-in attempts, for throttling per account and per client address. */
  const signInAttempts = k.table(
    "sign_in_attempts",
    {
      id: k.id(),
      at: k.text("at").notNull(),
      email: k.text("email").notNull(),
      clientAddress: k.text("client_address"),
      succeeded: k.boolean("succeeded").notNull(),
      /** Why it ended so: ok, wrong_password, unknown_account, disabled, wrong_code (rows before this column: null). */
      outcome: k.text("outcome"),
    },
    (t) => [
      k.index("sign_in_attempts_email_idx").on(t.email, t.at),
      k.index("sign_in_attempts_addr_idx").on(t.clientAddress, t.at),
      // The throttle's (account, address) pair rule.
      k.index("sign_in_attempts_email_addr_idx").on(t.email, t.clientAddress, t.at),
    ],
  );

  /**
   * The conversation about one reported complication: each adjudication decision with its reason, each request
   * for information and each answer, in order. Append-only in practice (no code path edits a note); the audit
   * log carries the same text in its hash chain.
   */
  const complicationNotes = k.table(
    "complication_notes",
    {
      id: k.id(),
      complicationId: k
        .integer("complication_id")
        .notNull()
        .references(() => complications.id),
      authorId: k
        .integer("author_id")
        .notNull()
        .references(() => users.id),
      at: k.text("at").notNull().default(k.nowIso),
      kind: k.text("kind", { enum: COMPLICATION_NOTE_KINDS }).notNull(),
      body: k.text("body").notNull(),
    },
    (t) => [
      k.index("complication_notes_complication_idx").on(t.complicationId, t.id),
      k.check("complication_notes_kind_check", oneOf("kind", COMPLICATION_NOTE_KINDS)),
      k.check("complication_notes_body_check", sql`length(trim(body)) > 0`),
    ],
  );

  /**
   * One row per signed-in session, keyed by the random `sid` claim of its token. Checked on every request, so a
   * session can end on the server whatever the cookie says: idle for longer than SESSION_IDLE_MINUTES, signed
   * out (the row is deleted), or revoked ("sign out other sessions").
   */
  const sessions = k.table(
    "sessions",
    {
      /** 256 random bits, base64url; only ever travels inside the encrypted session token. */
      id: k.text("id").primaryKey(),
      userId: k
        .integer("user_id")
        .notNull()
        .references(() => users.id),
      createdAt: k.text("created_at").notNull(),
      /** Refreshed at most once a minute by the request that finds it older. */
      lastSeenAt: k.text("last_seen_at").notNull(),
      clientAddress: k.text("client_address"),
      userAgent: k.text("user_agent"),
    },
    (t) => [k.index("sessions_user_idx").on(t.userId), k.index("sessions_last_seen_idx").on(t.lastSeenAt)],
  );

  /**
   * A user's TOTP second factor (RFC 6238). The secret is stored encrypted (AES-256-GCM, key outside the
   * database) and never leaves the server once enrolment is confirmed.
   */
  const totpCredentials = k.table("totp_credentials", {
    userId: k
      .integer("user_id")
      .primaryKey()
      .references(() => users.id),
    secretEncrypted: k.text("secret_encrypted").notNull(),
    /** Null while enrolment waits for the first code; set when the user proved their authenticator works. */
    confirmedAt: k.text("confirmed_at"),
    /** The 30-second time step of the last accepted code, so a code cannot be used twice (RFC 6238 §5.2). */
    lastUsedStep: k.integer("last_used_step"),
    createdAt: k.text("created_at").notNull().default(k.nowIso),
  });

  return {
    sites,
    users,
    patients,
    procedures,
    assessments,
    complications,
    auditLog,
    signInAttempts,
    complicationNotes,
    sessions,
    totpCredentials,
    ...defineMessagingTables(k),
  };
}
