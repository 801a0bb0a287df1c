/**
 * The import page's "Download the list (CSV)", built in the browser from the dry run's report. A column name or
 * a message can echo what the uploaded file held (an unknown header cell, a stored value), so every text cell
 * goes through the server exports' own neutralisation (../formulaSafe.ts), and csv-stringify does the quoting.
 * Its browser build: the Node build reaches for `Buffer`, which a browser does not have.
 */
import { stringify } from "csv-stringify/browser/esm/sync";
import { numberCell, textCell } from "../formulaSafe";
import type { ImportProblem } from "./validateRows";

export const PROBLEMS_HEADER = ["file", "row", "column", "message"];

export function problemsCsv(problems: ImportProblem[]): string {
  const records = problems.map((p) => [textCell(p.file), numberCell(p.row), textCell(p.column), textCell(p.message)]);
  return stringify([PROBLEMS_HEADER, ...records], { record_delimiter: "windows" });
}
