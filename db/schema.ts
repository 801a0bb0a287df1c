/**
 * The tables the app queries, from the backend this process runs on (db/dialect.ts). Both are builds of the one
 * schema (db/schemaDefinition.ts) with the same columns and JS types (booleans, numbers, ISO text), so the data
 * layer is written once against the SQLite typings and runs unchanged on PostgreSQL; integration tests run on
 * both to keep that promise honest.
 */
import * as pg from "./schema.pg";
import * as sqlite from "./schema.sqlite";
import { configuredDialect } from "./dialect";

const tables = (configuredDialect() === "postgres" ? pg : sqlite) as unknown as typeof sqlite;

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
} = tables;

export type { Patient, Procedure, Assessment, Complication, DiaryEntry } from "./schema.sqlite";
