/**
 * The PostgreSQL twin of db/schema.sqlite.ts: the same tables, columns, defaults, keys, indexes and CHECK
 * constraints, column for column. tests/unit/schema-parity.test.ts compares the two so they cannot drift;
 * change both together and generate migrations for each (`npm run db:generate`).
 * Dates stay ISO text (not `date`/`timestamptz`) so rows, their JSON in the audit log and its hash chain are
 * byte-identical on both backends.
 */
import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import {
  ADJUDICATION_STATUSES,
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

/** `col IN ('a','b')` for a CHECK constraint; values come from our own constant lists, never user input. */
function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(", ")})`);
}
const isoDate = (column: string) => sql.raw(`${column} ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'`);
const nowIso = sql`to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const sites = pgTable("sites", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  createdAt: text("created_at").notNull().default(nowIso),
});

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    /** Bumped on disable, password or role change; a JWT carrying an older version is no longer honoured. */
    sessionVersion: integer("session_version").notNull().default(1),
    siteId: integer("site_id").references(() => sites.id),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  () => [
    check("users_role_check", oneOf("role", ROLES)),
    check("users_email_check", sql`email = lower(email) AND email LIKE '%_@_%'`),
    check("users_session_version_check", sql`session_version >= 1`),
  ],
);

export const patients = pgTable(
  "patients",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    siteId: integer("site_id").notNull().references(() => sites.id),
    mrn: text("mrn").notNull(),
    name: text("name").notNull(),
    dateOfBirth: text("date_of_birth").notNull(),
    sex: text("sex", { enum: SEXES }).notNull(),
    diagnosis: text("diagnosis", { enum: DIAGNOSES }).notNull(),
    /** The physician responsible for the patient; a physician sees patients they own or treated. */
    primaryPhysicianId: integer("primary_physician_id").references(() => users.id),
    // Risk factors named on the clinic's patient page.
    scoliosisKyphosis: boolean("scoliosis_kyphosis").notNull().default(false),
    previousSpinalFracture: boolean("previous_spinal_fracture").notNull().default(false),
    previousSpinalSurgery: boolean("previous_spinal_surgery").notNull().default(false),
    medicationAllergies: boolean("medication_allergies").notNull().default(false),
    diabetes: boolean("diabetes").notNull().default(false),
    cardiovascularDisease: boolean("cardiovascular_disease").notNull().default(false),
    smoking: boolean("smoking").notNull().default(false),
    heavyDrinking: boolean("heavy_drinking").notNull().default(false),
    externalId: text("external_id").unique(),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex("patients_site_mrn_unique").on(t.siteId, t.mrn),
    index("patients_primary_physician_idx").on(t.primaryPhysicianId),
    check("patients_sex_check", oneOf("sex", SEXES)),
    check("patients_diagnosis_check", oneOf("diagnosis", DIAGNOSES)),
    check("patients_dob_check", isoDate("date_of_birth")),
    check("patients_mrn_check", sql`length(trim(mrn)) > 0`),
  ],
);

export const procedures = pgTable(
  "procedures",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    patientId: integer("patient_id").notNull().references(() => patients.id),
    /** The physician who performed the procedure: the link that scopes a physician's outcomes. */
    physicianId: integer("physician_id").notNull().references(() => users.id),
    siteId: integer("site_id").notNull().references(() => sites.id),
    procedureDate: text("procedure_date").notNull(),
    /** Comma-separated interlaminar levels treated, e.g. `L3-L4,L4-L5`. */
    levels: text("levels").notNull(),
    side: text("side", { enum: PROCEDURE_SIDES }).notNull(),
    anaesthesia: text("anaesthesia", { enum: ANAESTHESIA_KINDS }).notNull(),
    deviceLot: text("device_lot"),
    /** Lumbar treatment in the 12 months before: an exclusion on the clinic page, recorded and flagged. */
    priorTreatmentType: text("prior_treatment_type", { enum: PRIOR_TREATMENT_TYPES }),
    priorTreatmentDate: text("prior_treatment_date"),
    priorTreatmentFlag: boolean("prior_treatment_flag").notNull().default(false),
    priorTreatmentAcknowledged: boolean("prior_treatment_acknowledged").notNull().default(false),
    notes: text("notes"),
    externalId: text("external_id").unique(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  (t) => [
    index("procedures_physician_date_idx").on(t.physicianId, t.procedureDate),
    index("procedures_site_date_idx").on(t.siteId, t.procedureDate),
    index("procedures_date_idx").on(t.procedureDate),
    index("procedures_patient_idx").on(t.patientId),
    check("procedures_date_check", isoDate("procedure_date")),
    check("procedures_side_check", oneOf("side", PROCEDURE_SIDES)),
    check("procedures_anaesthesia_check", oneOf("anaesthesia", ANAESTHESIA_KINDS)),
    check("procedures_levels_check", sql`levels ~ '^L[1-5]-[LS][1-5]'`),
    check(
      "procedures_prior_type_check",
      sql`prior_treatment_type IS NULL OR ${oneOf("prior_treatment_type", PRIOR_TREATMENT_TYPES)}`,
    ),
    check("procedures_prior_date_check", sql`prior_treatment_date IS NULL OR ${isoDate("prior_treatment_date")}`),
    // A flagged procedure must say what the prior treatment was.
    check("procedures_prior_flag_check", sql`NOT prior_treatment_flag OR prior_treatment_type IS NOT NULL`),
  ],
);

export const assessments = pgTable(
  "assessments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    procedureId: integer("procedure_id").notNull().references(() => procedures.id),
    timepoint: text("timepoint", { enum: TIMEPOINTS }).notNull(),
    assessedOn: text("assessed_on").notNull(),
    nprsBack: integer("nprs_back"),
    nprsLeg: integer("nprs_leg"),
    /** ODI as a percentage; when section answers are given it is their score (sum / (5 × answered) × 100). */
    odi: doublePrecision("odi"),
    odiSections: text("odi_sections"),
    walkingMinutes: doublePrecision("walking_minutes"),
    standingMinutes: doublePrecision("standing_minutes"),
    reliefOnsetDate: text("relief_onset_date"),
    externalId: text("external_id").unique(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  (t) => [
    index("assessments_procedure_idx").on(t.procedureId, t.timepoint),
    // One assessment per scheduled timepoint; unscheduled visits may repeat.
    uniqueIndex("assessments_procedure_timepoint_unique")
      .on(t.procedureId, t.timepoint)
      .where(sql`timepoint <> 'unscheduled'`),
    check("assessments_timepoint_check", oneOf("timepoint", TIMEPOINTS)),
    check("assessments_date_check", isoDate("assessed_on")),
    check("assessments_nprs_back_check", sql`nprs_back IS NULL OR (nprs_back BETWEEN 0 AND 10)`),
    check("assessments_nprs_leg_check", sql`nprs_leg IS NULL OR (nprs_leg BETWEEN 0 AND 10)`),
    check("assessments_odi_check", sql`odi IS NULL OR (odi BETWEEN 0 AND 100)`),
    check("assessments_walking_check", sql`walking_minutes IS NULL OR (walking_minutes BETWEEN 0 AND 1440)`),
    check("assessments_standing_check", sql`standing_minutes IS NULL OR (standing_minutes BETWEEN 0 AND 1440)`),
    check("assessments_relief_date_check", sql`relief_onset_date IS NULL OR ${isoDate("relief_onset_date")}`),
    // At least one score: an assessment with nothing measured is not an assessment.
    check(
      "assessments_has_score_check",
      sql`coalesce(nprs_back, nprs_leg, odi, walking_minutes, standing_minutes) IS NOT NULL`,
    ),
  ],
);

export const complications = pgTable(
  "complications",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    procedureId: integer("procedure_id").notNull().references(() => procedures.id),
    type: text("type", { enum: COMPLICATION_TYPES }).notNull(),
    typeOther: text("type_other"),
    onsetDate: text("onset_date").notNull(),
    serious: boolean("serious").notNull().default(false),
    /** Clavien–Dindo grade I–V stored as 1–5, as reported. */
    grade: integer("grade").notNull(),
    relatedness: text("relatedness", { enum: RELATEDNESS_KINDS }).notNull(),
    treatment: text("treatment"),
    outcome: text("outcome", { enum: COMPLICATION_OUTCOMES }).notNull(),
    reportedBy: integer("reported_by").references(() => users.id),
    reportedAt: text("reported_at").notNull().default(nowIso),
    adjudicationStatus: text("adjudication_status", { enum: ADJUDICATION_STATUSES }).notNull().default("pending"),
    adjudicatedBy: integer("adjudicated_by").references(() => users.id),
    adjudicatedAt: text("adjudicated_at"),
    adjudicationNote: text("adjudication_note"),
    /** The adjudicator's grade and relatedness; the reporter's originals above stay untouched. */
    finalGrade: integer("final_grade"),
    finalRelatedness: text("final_relatedness", { enum: RELATEDNESS_KINDS }),
    externalId: text("external_id").unique(),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
  },
  (t) => [
    index("complications_procedure_idx").on(t.procedureId),
    index("complications_status_idx").on(t.adjudicationStatus),
    check("complications_type_check", oneOf("type", COMPLICATION_TYPES)),
    check("complications_other_check", sql`type <> 'other' OR length(trim(coalesce(type_other, ''))) > 0`),
    check("complications_onset_check", isoDate("onset_date")),
    check("complications_grade_check", sql`grade BETWEEN 1 AND 5`),
    check("complications_final_grade_check", sql`final_grade IS NULL OR final_grade BETWEEN 1 AND 5`),
    check("complications_relatedness_check", oneOf("relatedness", RELATEDNESS_KINDS)),
    check(
      "complications_final_relatedness_check",
      sql`final_relatedness IS NULL OR ${oneOf("final_relatedness", RELATEDNESS_KINDS)}`,
    ),
    check("complications_outcome_check", oneOf("outcome", COMPLICATION_OUTCOMES)),
    check("complications_status_check", oneOf("adjudication_status", ADJUDICATION_STATUSES)),
    // Clavien–Dindo grade V is death; a death must be graded V.
    check("complications_death_grade_check", sql`type <> 'death' OR grade = 5`),
  ],
);

/**
 * Append-only (triggers in a custom migration reject UPDATE, DELETE and TRUNCATE). Each row stores the hash of the
 * previous row and its own hash over its content, so editing or removing a row breaks the chain.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: text("at").notNull(),
    userId: integer("user_id"),
    userEmail: text("user_email"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: text("before_json"),
    after: text("after_json"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull().unique(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    index("audit_log_user_idx").on(t.userId),
    index("audit_log_at_idx").on(t.at),
  ],
);

/** Sign-in attempts, for throttling per account and per client address. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: text("at").notNull(),
    email: text("email").notNull(),
    clientAddress: text("client_address"),
    succeeded: boolean("succeeded").notNull(),
    /** Why it ended so: ok, wrong_password, unknown_account, disabled, wrong_code (rows before this column: null). */
    outcome: text("outcome"),
  },
  (t) => [
    index("sign_in_attempts_email_idx").on(t.email, t.at),
    index("sign_in_attempts_addr_idx").on(t.clientAddress, t.at),
    // The throttle's (account, address) pair rule.
    index("sign_in_attempts_email_addr_idx").on(t.email, t.clientAddress, t.at),
  ],
);

export type User = typeof users.$inferSelect;
export type Site = typeof sites.$inferSelect;
export type Patient = typeof patients.$inferSelect;
export type Procedure = typeof procedures.$inferSelect;
export type Assessment = typeof assessments.$inferSelect;
export type Complication = typeof complications.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;

/** What a note in an adjudication thread is: the quality officer's question, the physician's answer, or a decision's reason. */
export const COMPLICATION_NOTE_KINDS = ["question", "answer", "decision"] as const;

/**
 * The conversation about one reported complication: each adjudication decision with its reason, each request
 * for information and each answer, in order. Append-only in practice (no code path edits a note); the audit
 * log carries the same text in its hash chain.
 */
export const complicationNotes = pgTable(
  "complication_notes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    complicationId: integer("complication_id").notNull().references(() => complications.id),
    authorId: integer("author_id").notNull().references(() => users.id),
    at: text("at").notNull().default(nowIso),
    kind: text("kind", { enum: COMPLICATION_NOTE_KINDS }).notNull(),
    body: text("body").notNull(),
  },
  (t) => [
    index("complication_notes_complication_idx").on(t.complicationId, t.id),
    check("complication_notes_kind_check", oneOf("kind", COMPLICATION_NOTE_KINDS)),
    check("complication_notes_body_check", sql`length(trim(body)) > 0`),
  ],
);

export type ComplicationNote = typeof complicationNotes.$inferSelect;

/**
 * One row per signed-in session, keyed by the random `sid` claim of its token. Checked on every request, so a
 * session can end on the server whatever the cookie says: idle for longer than SESSION_IDLE_MINUTES, signed
 * out (the row is deleted), or revoked ("sign out other sessions").
 */
export const sessions = pgTable(
  "sessions",
  {
    /** 256 random bits, base64url; only ever travels inside the encrypted session token. */
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    createdAt: text("created_at").notNull(),
    /** Refreshed at most once a minute by the request that finds it older. */
    lastSeenAt: text("last_seen_at").notNull(),
    clientAddress: text("client_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_last_seen_idx").on(t.lastSeenAt)],
);

/**
 * A user's TOTP second factor (RFC 6238). The secret is stored encrypted (AES-256-GCM, key outside the
 * database) and never leaves the server once enrolment is confirmed.
 */
export const totpCredentials = pgTable("totp_credentials", {
  userId: integer("user_id").primaryKey().references(() => users.id),
  secretEncrypted: text("secret_encrypted").notNull(),
  /** Null while enrolment waits for the first code; set when the user proved their authenticator works. */
  confirmedAt: text("confirmed_at"),
  /** The 30-second time step of the last accepted code, so a code cannot be used twice (RFC 6238 §5.2). */
  lastUsedStep: integer("last_used_step"),
  createdAt: text("created_at").notNull().default(nowIso),
});

export type AuthSession = typeof sessions.$inferSelect;
