/**
 * One CSV record as text (RFC 4180): cells joined by commas, a cell quoted when it holds a comma, a quote, a
 * carriage return or a line feed (quotes doubled inside), the record ended by CRLF. The export writes every cell
 * through here: csv-stringify did the same per cell at several times the cost (an options object, a cast and
 * four separator searches per cell, about a second of a 100,000-procedure file), and, told to end records with
 * CRLF, it quoted only cells holding the whole CRLF pair, so a note with a bare line break split its row.
 * tests/unit/csv-line.test.ts holds it to csv-stringify's output for every other cell.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvLine(cells: readonly string[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (i > 0) line += ",";
    line += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return line + "\r\n";
}
