/**
 * The one schema (db/schemaDefinition.ts) built with each dialect's kit (db/schemaKits.ts) must describe the
 * same database: same tables, columns, JS types, nullability, defaults, keys, foreign keys, indexes and named
 * CHECK constraints. This is what keeps the one data layer honest on both backends; a kit that builds a column
 * differently (a boolean as text, an id without its identity) fails here.
 */
import { describe, expect, it } from "vitest";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as liteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { is } from "drizzle-orm";
import * as pgSchema from "@/db/schema.pg";
import * as liteSchema from "@/db/schema.sqlite";

type Shape = {
  columns: Record<string, { js: string; notNull: boolean; primary: boolean; hasDefault: boolean; unique: boolean; enumValues: string[] | null }>;
  foreignKeys: string[];
  indexes: string[];
  checks: string[];
  primaryKey: string[];
};

// SQLite stores booleans as integers and doubles as REAL; what the data layer sees is the JS type.
const jsType = (dataType: string) => dataType;

/** What both dialects' table configs have in common, as far as the shape reads them. */
type TableConfig = {
  columns: { name: string; dataType: string; notNull: boolean; primary: boolean; isUnique: boolean; enumValues?: string[]; hasDefault: boolean }[];
  foreignKeys: { reference: () => { columns: { name: string }[]; foreignTable: unknown; foreignColumns: { name: string }[] } }[];
  indexes: { config: { name: string; unique: boolean; columns: object[]; where?: unknown } }[];
  checks: { name: string }[];
  primaryKeys: { columns: { name: string }[] }[];
};

/** One table's shape from its config; the dialect says whether a column has a default and names a foreign table. */
function shapeOf(c: TableConfig, hasDefault: (col: TableConfig["columns"][number]) => boolean, tableName: (t: unknown) => string): Shape {
  return {
    columns: Object.fromEntries(
      c.columns.map((col) => [
        col.name,
        {
          js: jsType(col.dataType),
          notNull: col.notNull,
          primary: col.primary,
          hasDefault: hasDefault(col),
          unique: col.isUnique,
          enumValues: col.enumValues ?? null,
        },
      ]),
    ),
    foreignKeys: c.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        return `${r.columns.map((x) => x.name)}→${tableName(r.foreignTable)}(${r.foreignColumns.map((x) => x.name)})`;
      })
      .sort(),
    indexes: c.indexes
      .map(
        (i) =>
          `${i.config.name}:${i.config.unique ? "unique" : ""}:${i.config.columns.map((x) => ("name" in x ? x.name : "?")).join(",")}:${i.config.where ? "partial" : ""}`,
      )
      .sort(),
    checks: c.checks.map((k) => k.name).sort(),
    primaryKey: c.primaryKeys.flatMap((pk) => pk.columns.map((x) => x.name)),
  };
}

const shapeOfLite = (table: SQLiteTable): Shape =>
  shapeOf(
    liteConfig(table) as unknown as TableConfig,
    // An INTEGER PRIMARY KEY without AUTOINCREMENT is a rowid alias drizzle marks "has default"; only
    // AUTOINCREMENT corresponds to PostgreSQL's identity.
    (col) => (col.primary ? !!(col as { autoIncrement?: boolean }).autoIncrement : col.hasDefault),
    (t) => liteConfig(t as SQLiteTable).name,
  );

const shapeOfPg = (table: PgTable): Shape =>
  shapeOf(
    pgConfig(table) as unknown as TableConfig,
    (col) => col.hasDefault || !!(col as { generatedIdentity?: unknown }).generatedIdentity,
    (t) => pgConfig(t as PgTable).name,
  );

const liteTables = Object.entries(liteSchema).filter(([, v]) => is(v, SQLiteTable)) as [string, SQLiteTable][];
// Typed as the SQLite build (db/schemaKits.ts); at run time pg-core tables, which is what is checked here.
const pgTables = Object.entries(pgSchema).filter(([, v]) => is(v, PgTable)) as unknown as [string, PgTable][];

describe("the SQLite schema and its PostgreSQL twin", () => {
  it("export the same tables under the same names", () => {
    expect(pgTables.map(([k, t]) => `${k}=${pgConfig(t).name}`).sort()).toEqual(liteTables.map(([k, t]) => `${k}=${liteConfig(t).name}`).sort());
    expect(liteTables.length).toBeGreaterThanOrEqual(11);
  });

  for (const [key, lite] of liteTables) {
    it(`describe ${liteConfig(lite).name} alike: columns, types, keys, indexes and checks`, () => {
      const twin = pgTables.find(([k]) => k === key)?.[1];
      expect(twin, `${key} has no PostgreSQL twin`).toBeDefined();
      expect(shapeOfPg(twin!)).toEqual(shapeOfLite(lite));
    });
  }

  it("export the same non-table values (enums shared by both)", () => {
    expect(pgSchema.COMPLICATION_NOTE_KINDS).toEqual(liteSchema.COMPLICATION_NOTE_KINDS);
  });
});
