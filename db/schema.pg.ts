/**
 * The schema (db/schemaDefinition.ts) built for PostgreSQL: what drizzle-kit reads for db/migrations/postgres,
 * and the tables db/schema.ts hands the data layer when DATABASE_URL names a PostgreSQL database.
 */
import { defineTables } from "./schemaDefinition";
import { pgKit } from "./schemaKits";

export { COMPLICATION_NOTE_KINDS } from "./enums";

export const {
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
  outboxMessages,
  invitations,
  diaryEntries,
  alerts,
  followUpStatuses,
  contactAttempts,
  subsequentSurgeries,
} = defineTables(pgKit);
