/** Reading one CSV row: the header check, each cell by its column, strict 1/0 flags, and zod's errors under their columns. */
import type { z } from "zod";
import { fieldColumnPairs } from "../columns";
import { restoreNeutralised } from "../formulaSafe";
import type { ImportFileKind, ImportProblem } from "./importProblem";

/** The spreadsheet row of a data row (the header is row 1). */
export const rowNumber = (index: number) => index + 2;

export type Report = (column: string, message: string) => void;

export function checkHeader(file: ImportFileKind, header: string[], known: Set<string>, required: readonly string[], problems: ImportProblem[]): boolean {
  const names = new Set(header);
  const missing = required.filter((c) => !names.has(c));
  if (missing.length === required.length) {
    problems.push({
      file,
      row: 1,
      column: null,
      message: `The first row is not the header row: it must name the columns (${required.slice(0, 4).join(", ")}, …). Download the template.`,
    });
    return false;
  }
  const before = problems.length;
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "") problems.push({ file, row: 1, column: null, message: "A column has no name in the header row." });
    else if (seen.has(name)) problems.push({ file, row: 1, column: name, message: "This column appears twice in the header row." });
    else if (!known.has(name)) problems.push({ file, row: 1, column: name, message: "Unknown column: check its spelling against the template." });
    seen.add(name);
  }
  for (const c of missing) problems.push({ file, row: 1, column: c, message: "Required column missing from the header row." });
  return problems.length === before;
}

/** A row whose cell count differs from the header's cannot be read column by column. */
export function hasHeaderWidth(values: string[], header: string[], report: Report): boolean {
  if (values.length === header.length) return true;
  report("", `This row has ${values.length} cells; the header has ${header.length}. Check for a missing or extra comma.`);
  return false;
}

export type Cells = { get: (column: string) => string; has: (column: string) => boolean };

export function cellsOf(header: string[], values: string[]): Cells {
  const index = new Map(header.map((h, i) => [h, i]));
  return {
    // Text as typed, minus surrounding blanks and the apostrophe our export puts before a formula character.
    get: (column) => {
      const i = index.get(column);
      return i === undefined ? "" : restoreNeutralised((values[i] ?? "").trim());
    },
    has: (column) => index.has(column),
  };
}

/** Each field of a field-to-column map, read from its column. */
export function readFields<F extends string>(cells: Cells, map: Record<F, string>): Record<F, string> {
  return Object.fromEntries(fieldColumnPairs(map).map(([field, column]) => [field, cells.get(column)])) as Record<F, string>;
}

const FLAG_TRUE = new Set(["1", "true", "yes", "y"]);
const FLAG_FALSE = new Set(["0", "false", "no", "n", ""]);

/** A 1/0 column, strictly: a typo must not quietly become "no". */
export function flag(cells: Cells, column: string, report: Report): boolean {
  const v = cells.get(column).toLowerCase();
  if (FLAG_TRUE.has(v)) return true;
  if (!FLAG_FALSE.has(v)) report(column, "Write 1 (yes) or 0 (no)");
  return false;
}

/** zod's field errors, each under the CSV column it came from. */
export function reportIssues(error: z.ZodError, columnOf: (field: string) => string | null | undefined, report: Report) {
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "";
    const column = columnOf(field);
    if (column !== null && column !== undefined) report(column, issue.message);
  }
}

/** Looks a field up in a field-to-column map. */
export const columnIn =
  (map: Record<string, string>) =>
  (field: string): string | null =>
    map[field] ?? null;
