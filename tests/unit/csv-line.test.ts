/**
 * The export's records (csv-stringify with CRLF record ends): byte for byte what it wrote before for any cells
 * without a bare line break, and cells with one quoted, so a CSV reader gets every cell back and every row in one piece.
 */
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvRecords } from "@/lib/csv/export/csvLine";

const csvLine = (cells: string[]) => csvRecords([cells]);

/** Characters that matter to CSV, often enough that most records hold several. */
const cellChars = fc.constantFrom(",", '"', "\r", "\n", "'", "=", " ", "a", "Z", "0", "ë", "中", "😀", ";", "\t");
const cell = fc.oneof(fc.string(), fc.string({ unit: cellChars }), fc.constant(""));
const record = fc.array(cell, { minLength: 1, maxLength: 12 });
/** Every CR followed by LF and every LF preceded by CR: csv-stringify quoted those cells (it looks for CRLF). */
const withoutBareLineBreaks = (s: string) => !/\r(?!\n)|(?<!\r)\n/.test(s);

describe("the export's CSV records", () => {
  it("writes what csv-stringify wrote for every record whose cells hold no bare CR or LF", () => {
    fc.assert(
      fc.property(
        record.filter((cells) => cells.every(withoutBareLineBreaks)),
        (cells) => {
          expect(csvLine(cells)).toBe(stringify([cells], { record_delimiter: "windows" }));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("gives every cell back to a CSV reader, bare line breaks, quotes and commas included", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 5 }), (records) => {
        const width = records[0]!.length;
        const rows = records.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
        const text = rows.map(csvLine).join("");
        expect(parse(text, { relax_column_count: false, record_delimiter: "\r\n" })).toEqual(rows);
      }),
      { numRuns: 2000 },
    );
  });

  it("quotes a note with a bare line break (csv-stringify left it bare and split the row)", () => {
    expect(csvLine(["1", "first line\nsecond line", "x"])).toBe('1,"first line\nsecond line",x\r\n');
    expect(csvLine(["carriage\rreturn"])).toBe('"carriage\rreturn"\r\n');
  });
});
