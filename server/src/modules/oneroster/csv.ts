import type { TImportProblem } from "@stoa/contracts";
import { CsvError, parse } from "csv-parse/sync";
import { error, note } from "./problems.js";

/** One data row: the line it starts on (quoted fields may span lines) and its trimmed fields. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** A parsed CSV file: its header (trimmed) and its data rows. */
export interface CsvTable {
  file: string;
  header: string[];
  headerLine: number;
  rows: CsvRow[];
}

/**
 * Parses RFC 4180 CSV (UTF-8, byte-order mark tolerated, CRLF or LF) and keeps each row's
 * starting line so reports point at the right place. Blank lines are skipped.
 */
export function parseCsv(file: string, text: string): { table: CsvTable | null; problems: TImportProblem[] } {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // Explicit, longest first: auto-detection guesses from the first line and then misreads mixed endings.
      record_delimiter: ["\r\n", "\n", "\r"],
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = e.code === "CSV_QUOTE_NOT_CLOSED" ? unclosedQuoteLine(text) : typeof e.lines === "number" ? e.lines : null;
    return { table: null, problems: [error(file, line, null, null, `well-formed CSV (${describeCsvError(e)})`)] };
  }
  // Line numbers are counted from the values rather than asked of csv-parse: its `info` and `raw`
  // options build several objects per record (measured: 200 MB for a 150,000-row file), and its
  // own line count is off after a quoted CRLF. A record spans one line plus the breaks inside its
  // quoted values; a blank line is a record of one empty field.
  let line = 1;
  let header: { line: number; fields: string[] } | null = null;
  const rows: CsvRow[] = [];
  for (const record of records) {
    const start = line;
    line += 1;
    for (let i = 0; i < record.length; i += 1) {
      const value = record[i] as string;
      if (value.includes("\n") || value.includes("\r")) line += lineBreaks(value);
      // Trimmed in place: a per-row map() would allocate (and, under tsx, name) a closure per row.
      record[i] = value.trim();
    }
    if (record.length === 1 && record[0] === "") continue;
    if (header === null) header = { line: start, fields: record };
    else rows.push({ line: start, fields: record });
  }
  if (header === null) return { table: null, problems: [error(file, 1, null, null, "a header row (the file is empty)")] };
  return {
    table: { file, header: header.fields, headerLine: header.line, rows },
    problems: lengthProblems(file, header.fields.length, rows),
  };
}

/** Line breaks (CRLF, LF or a lone CR) in a value. */
function lineBreaks(value: string): number {
  return value.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** Rows longer than the header hold data nobody can name (an error); shorter rows read as blank (a note). */
function lengthProblems(file: string, width: number, rows: CsvRow[]): TImportProblem[] {
  const problems: TImportProblem[] = [];
  let short = 0;
  for (const row of rows) {
    const extra = row.fields.slice(width);
    if (extra.some((f) => f !== ""))
      problems.push(
        error(
          file,
          row.line,
          null,
          extra.join(","),
          `at most ${width} fields, as many as the header has (this row has ${row.fields.length})`,
        ),
      );
    else if (row.fields.length < width) short += 1;
  }
  if (short > 0)
    problems.push(
      note(file, null, null, null, `${width} fields on every row; ${short} row(s) have fewer and their missing fields are read as blank`),
    );
  return problems;
}

/** csv-parse reports where the file ended; a person needs the line where the stray quote opened. */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let opened = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === "\n") line += 1;
    else if (c === '"') {
      if (quoted && text[i + 1] === '"') i += 1;
      else {
        quoted = !quoted;
        if (quoted) opened = line;
      }
    }
  }
  return opened;
}

function describeCsvError(e: CsvError): string {
  switch (e.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted field is never closed";
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'a quote inside a field must be doubled ("")';
    default:
      return e.message;
  }
}
