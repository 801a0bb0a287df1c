/**
 * The schema (db/schemaDefinition.ts) built for SQLite: what drizzle-kit reads for db/migrations/sqlite, and the
 * types the whole data layer is written against. The app imports tables through db/schema.ts.
 */
import { defineTables } from "./schemaDefinition";
import { sqliteKit } from "./schemaKits";

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
} = defineTables(sqliteKit);

export type Patient = typeof patients.$inferSelect;
export type Procedure = typeof procedures.$inferSelect;
export type Assessment = typeof assessments.$inferSelect;
export type Complication = typeof complications.$inferSelect;
export type DiaryEntry = typeof diaryEntries.$inferSelect;
