/**
 * Reads an uploaded CSV file into a header and rows, refusing — with one clear message and before anything is
 * validated — what cannot be read reliably: too large, not UTF-8, no header, unbalanced quotes, too many rows.
 * RFC 4180 via csv-parse; a UTF-8 byte-order mark is accepted and dropped.
 */
import { CsvError, parse } from "csv-parse/sync";

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

export type CsvTable = { header: string[]; rows: string[][] };
export type ReadCsvResult = { ok: true; table: CsvTable } | { ok: false; message: string };

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function readCsv(bytes: Uint8Array, opts: { maxBytes?: number; maxRows?: number } = {}): ReadCsvResult {
  const maxBytes = opts.maxBytes ?? MAX_IMPORT_BYTES;
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  if (bytes.byteLength > maxBytes)
    return { ok: false, message: `The file is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(maxBytes)}. Split it into smaller files.` };
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty." };
  // UTF-16 files start with a byte-order mark that is not valid UTF-8; name the usual cause.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: 'The file is UTF-16 ("Unicode text"). Save it as "CSV UTF-8" and upload it again.' };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, message: 'The file is not UTF-8 text (it may be Latin-1/Windows-1252 or a spreadsheet). Save it as "CSV UTF-8" and upload it again.' };
  }
  if (text.includes("\u0000")) return { ok: false, message: "The file contains binary data; upload a CSV text file, not a spreadsheet." };

  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      // One more than the limit: enough to say the file is too long without parsing all of it.
      to: maxRows + 2,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, message: describeCsvError(error) };
    throw error;
  }
  if (records.length === 0) return { ok: false, message: "The file has no rows." };
  const header = records[0]!.map((h) => h.trim());
  const rows = records.slice(1);
  if (rows.length > maxRows) return { ok: false, message: `The file has more than ${maxRows.toLocaleString("en-GB")} rows. Split it into smaller files.` };
  return { ok: true, table: { header, rows } };
}

function describeCsvError(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines;
  const where = line ? ` (near line ${line})` : "";
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `A quoted cell is never closed: the quotes are unbalanced${where}. Check for a stray " character.`;
    case "CSV_INVALID_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
      return `A quote character appears inside a cell that is not quoted, or after a closing quote${where}. Quote the whole cell and double any quote inside it ("").`;
    default:
      return `The file is not valid CSV${where}: ${error.message}`;
  }
}
