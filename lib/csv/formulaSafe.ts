/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (or a fullwidth ＝ ＋ － ＠) may be run as a formula when the file is opened in Excel, LibreOffice or Sheets. Text cells
 * get a leading apostrophe, which spreadsheets show as text and do not evaluate. Numeric columns are written
 * from numbers only and are never touched, so a negative day count stays a number.
 */
// The fullwidth forms too: some spreadsheets (Apple Numbers) normalise them to the ASCII ones.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The import's inverse: an apostrophe the export added in front of a formula character is removed again. */
export function restoreNeutralised(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** One cell of a text column: null/undefined become empty, everything else text, neutralised. */
export function textCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  return neutraliseFormula(String(value));
}

/**
 * One cell of a numeric column. Only finite numbers are written as they are; anything else that reaches a
 * numeric column is a programming error, and is written as neutralised text rather than trusted.
 */
export function numberCell(value: number | boolean | null | undefined | string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return neutraliseFormula(String(value));
}
