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
import { COMPLICATION_NOTE_KINDS, ROLES } from "./enums";
import { oneOf, requiredRef, timestamps, type SchemaKit } from "./schemaKits";
import { defineAlertTables } from "./schemaAlerts";
import { defineInvitationTables } from "./schemaInvitations";
import { defineMessagingTables } from "./schemaMessaging";
import { defineFollowUpTables } from "./schemaFollowUp";
import { defineRecordTables } from "./schemaRecords";

/** The accounts and sites every other table refers to. */
export function defineAccountTables(k: SchemaKit) {
  const sites = k.table("sites", {
    id: k.id(),
    code: k.text("code").notNull().unique(),
    name: k.text("name").notNull(),
    /**
     * The clinic's IANA zone: its "today" (future dates, follow-up windows) is the date on its wall clock. Null
     * only on rows older than the column; preparing the database fills them with the server's zone (db/prepare.ts).
     */
    timeZone: k.text("time_zone"),
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
      ...timestamps(k),
    },
    () => [
      k.check("users_role_check", oneOf("role", ROLES)),
      k.check("users_email_check", sql`email = lower(email) AND email LIKE '%_@_%'`),
      k.check("users_session_version_check", sql`session_version >= 1`),
    ],
  );
  /** The sites a coordinator works for (one or more); physicians keep their one `users.site_id`. */
  const userSites = k.table(
    "user_sites",
    {
      id: k.id(),
      userId: requiredRef(k, "user_id", () => users.id),
      siteId: requiredRef(k, "site_id", () => sites.id),
    },
    (t) => [k.uniqueIndex("user_sites_user_site_unique").on(t.userId, t.siteId), k.index("user_sites_site_idx").on(t.siteId)],
  );
  return { sites, users, userSites };
}

export function defineTables(k: SchemaKit) {
  const { sites, users, userSites } = defineAccountTables(k);
  const { patients, procedures, assessments, complications } = defineRecordTables(k, { sites, users, userSites });

  const auditLog = k.table(
    "audit_log",
    {
      id: k.id(),
      at: k.text("at").notNull(),
      userId: k.integer("user_id"),
      userEmail: k.text("user_email"),
      /** The physician a coordinator acted for; null when the actor acted for themself. Part of the row's hash. */
      onBehalfOfId: k.integer("on_behalf_of_id"),
      onBehalfOfEmail: k.text("on_behalf_of_email"),
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
      complicationId: requiredRef(k, "complication_id", () => complications.id),
      authorId: requiredRef(k, "author_id", () => users.id),
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
      userId: requiredRef(k, "user_id", () => users.id),
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
    userSites,
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
    ...defineInvitationTables(k, { procedures }),
    ...defineFollowUpTables(k, { users, procedures }),
    ...defineAlertTables(k, { users }),
  };
}
