/**
 * What differs between the two dialects of the one schema (db/schemaDefinition.ts): the column builders, how an
 * id is generated, how a boolean and a double are stored, and the few CHECK expressions and defaults written in
 * each dialect's SQL. Everything else — names, nullability, keys, indexes, the other CHECKs — is shared.
 */
import { sql, type SQL } from "drizzle-orm";
import * as pg from "drizzle-orm/pg-core";
import * as lite from "drizzle-orm/sqlite-core";

export const sqliteKit = {
  table: lite.sqliteTable,
  id: () => lite.integer("id").primaryKey({ autoIncrement: true }),
  integer: lite.integer,
  /** SQLite has no boolean type: 0/1 in an INTEGER, read back as a JS boolean. */
  boolean: <N extends string>(name: N) => lite.integer(name, { mode: "boolean" }),
  real: lite.real,
  text: lite.text,
  check: lite.check,
  index: lite.index,
  uniqueIndex: lite.uniqueIndex,
  isoDate: (column: string): SQL => sql.raw(`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  /** Interlaminar levels such as `L4-L5` or `L5-S1`, comma-separated. */
  levelsPattern: (column: string): SQL => sql.raw(`${column} GLOB 'L[1-5]-[LS][1-5]*'`),
  isFalse: (column: string): SQL => sql.raw(`${column} = 0`),
  nowIso: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
};

/** The tables are typed by the SQLite build; this kit builds the same shapes with pg-core at run time. */
export type SchemaKit = typeof sqliteKit;

export const pgKit = {
  table: pg.pgTable,
  id: () => pg.integer("id").primaryKey().generatedByDefaultAsIdentity(),
  integer: pg.integer,
  boolean: pg.boolean,
  real: pg.doublePrecision,
  text: pg.text,
  check: pg.check,
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  isoDate: (column: string): SQL => sql.raw(`${column} ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'`),
  levelsPattern: (column: string): SQL => sql.raw(`${column} ~ '^L[1-5]-[LS][1-5]'`),
  isFalse: (column: string): SQL => sql.raw(`NOT ${column}`),
  nowIso: sql`to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
} as unknown as SchemaKit;

/** `col IN ('a','b')` for a CHECK constraint; values come from our own constant lists, never user input. */
export function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(", ")})`);
}

/** A required link to another table's row: `name INTEGER NOT NULL REFERENCES parent(id)`. */
export function requiredRef<N extends string>(k: SchemaKit, name: N, parent: () => lite.AnySQLiteColumn) {
  return k.integer(name).notNull().references(parent);
}

/** When a row was written and last changed (ISO-8601 UTC): filled by the database on insert, bumped by our writes. */
export function timestamps(k: SchemaKit) {
  return {
    createdAt: k.text("created_at").notNull().default(k.nowIso),
    updatedAt: k.text("updated_at").notNull().default(k.nowIso),
  };
}

/** A row someone entered: who (`created_by`, nullable for rows the system wrote) and the stamps above. */
export function authoredTimestamps(k: SchemaKit, author: () => lite.AnySQLiteColumn) {
  return { createdBy: k.integer("created_by").references(author), ...timestamps(k) };
}
