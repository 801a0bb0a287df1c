import { stringify } from "csv-stringify/sync";

/**
 * CSV records as text (RFC 4180: CRLF record ends, a cell quoted when it holds a comma, a quote or a line break).
 * Told to end records with CRLF, csv-stringify quotes only cells holding the whole CRLF pair, so a note with a
 * bare line feed or carriage return would split its row in any reader: `quoted_match` quotes those too.
 * tests/unit/csv-line.test.ts holds the output to a CSV reader.
 */
const OPTIONS = { record_delimiter: "windows" as const, quoted_match: /[\r\n]/ };

export function csvRecords(records: readonly (readonly string[])[]): string {
  return stringify(records as string[][], OPTIONS);
}
