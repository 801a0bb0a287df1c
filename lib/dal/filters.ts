import "server-only";
import { eq, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { isRecordId } from "@/lib/dal/parse";

/**
 * A "contains" search over text columns, alike on both backends. LIKE ignores case on SQLite but not on
 * PostgreSQL, so both sides are lower-cased by the database itself (the same folding on each side); the
 * typed text is matched literally (`%`, `_` and `\` escaped, with an explicit ESCAPE, since PostgreSQL treats
 * a backslash as an escape by default and SQLite does not). A NUL cannot be in stored text (the text fields
 * refuse control characters) and PostgreSQL refuses it in a parameter, so a search containing one matches nothing.
 */
export function containsText(columns: SQLiteColumn[], text: string): SQL {
  if (text.includes("\u0000")) return sql`1 = 0`;
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(...columns.map((column) => sql`lower(${column}) like lower(${pattern}) escape '\\'`))!;
}

/**
 * A filter on an id taken from the URL. An id no id column can hold matches nothing, as on SQLite, instead of
 * failing the statement as PostgreSQL does for a number outside its 32-bit integer range.
 */
export function idEquals(column: SQLiteColumn, id: number): SQL {
  return isRecordId(id) ? eq(column, id) : sql`1 = 0`;
}
