/** What the import reports: a problem in one of the two files, at a row and column where it has one. */
export const PROCEDURES_FILE = "procedures.csv";
export const COMPLICATIONS_FILE = "complications.csv";
export type ImportFileKind = typeof PROCEDURES_FILE | typeof COMPLICATIONS_FILE;

/** `row` is the spreadsheet row (the header is row 1); null for a problem with the whole file or its header. */
export type ImportProblem = { file: ImportFileKind; row: number | null; column: string | null; message: string };
