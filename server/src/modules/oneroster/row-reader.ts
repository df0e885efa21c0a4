import type { TImportProblem } from "@stoa/contracts";
import { cell, isRequired, metadataOf, type MappedTable } from "./columns.js";
import type { CsvRow } from "./csv.js";
import { parseBoolean, parseDate, parseDateTime, parseEnum, parseList } from "./fields.js";
import type { FileMode, Metadata, OneRosterVersion, RecordStatus } from "./model.js";
import { error } from "./problems.js";

/** What every row reader needs: the file, its version and mode, and where to report problems. */
export interface ReadContext {
  table: MappedTable;
  version: OneRosterVersion;
  mode: FileMode;
  problems: TImportProblem[];
  /** Columns present in the file whose values are required (worked out once per file). */
  required: Set<string>;
}

/** The reading context of one file. */
export function readContext(table: MappedTable, version: OneRosterVersion, mode: FileMode, problems: TImportProblem[]): ReadContext {
  const required = new Set([...table.index.keys()].filter((column) => isRequired(table.kind, column, version, mode)));
  return { table, version, mode, problems, required };
}

const statuses = ["active", "tobedeleted"] as const;

/** Typed access to one row's cells; each getter reports a bad or missing value and returns a fallback. */
export class RowReader {
  constructor(
    private readonly ctx: ReadContext,
    readonly row: CsvRow,
  ) {}

  get line(): number {
    return this.row.line;
  }

  /** The raw (trimmed) cell; "" when blank or when the file has no such column. */
  text(column: string): string {
    return cell(this.ctx.table, this.row, column);
  }

  /** The cell, or null when blank. A blank required cell is reported. */
  optional(column: string): string | null {
    const value = this.text(column);
    if (value !== "") return value;
    if (this.ctx.required.has(column)) this.report(column, "", "a value (this field is required)");
    return null;
  }

  /** A required cell ("" after reporting it when blank). */
  required(column: string): string {
    return this.optional(column) ?? "";
  }

  /** One of `allowed`, in any case. Blank gives null (reported if required). */
  enumOf<T extends string>(column: string, allowed: readonly T[]): T | null {
    const value = this.optional(column);
    if (value === null) return null;
    const parsed = parseEnum(value, allowed);
    if (parsed === null) this.report(column, value, `one of ${allowed.join(", ")}`);
    return parsed;
  }

  /** A YYYY-MM-DD date, or null. */
  date(column: string): string | null {
    const value = this.optional(column);
    if (value === null) return null;
    const parsed = parseDate(value);
    if (parsed === null) this.report(column, value, "a date as YYYY-MM-DD (ISO 8601)");
    return parsed;
  }

  /** true/false, or null when blank. */
  boolean(column: string): boolean | null {
    const value = this.optional(column);
    if (value === null) return null;
    const parsed = parseBoolean(value);
    if (parsed === null) this.report(column, value, "true or false");
    return parsed;
  }

  /** A comma-separated multi-value cell; an empty list is reported when the field is required. */
  list(column: string): string[] {
    const value = this.optional(column);
    return value === null ? [] : parseList(value);
  }

  /** Extension columns kept with the record. */
  metadata(): Metadata | null {
    return metadataOf(this.ctx.table, this.row);
  }

  /** Reports a problem on this row. */
  report(column: string | null, value: string | null, expected: string): void {
    this.ctx.problems.push(error(this.ctx.table.file, this.row.line, column, value, expected));
  }

  /**
   * sourcedId, status and dateLastModified. tobedeleted becomes inactive. In bulk files status
   * and dateLastModified may be blank; when given they must still be valid.
   */
  base(): { sourcedId: string; line: number; status: RecordStatus } {
    const sourcedId = this.required("sourcedId");
    const status = this.enumOf("status", statuses);
    const modified = this.optional("dateLastModified");
    if (modified !== null && parseDateTime(modified) === null)
      this.report("dateLastModified", modified, "an ISO 8601 date-time such as 2023-05-01T18:25:43Z");
    return { sourcedId, line: this.row.line, status: status === "tobedeleted" ? "inactive" : "active" };
  }
}

/**
 * Reads every row of a file with `read`, and reports a sourcedId used twice in the file (the
 * later row names the earlier line). Rows without a sourcedId are reported and skipped.
 */
export function readRows<T extends { sourcedId: string; line: number }>(ctx: ReadContext, read: (r: RowReader) => T): T[] {
  const seen = new Map<string, number>();
  const records: T[] = [];
  for (const row of ctx.table.rows) {
    const record = read(new RowReader(ctx, row));
    if (record.sourcedId === "") continue;
    const first = seen.get(record.sourcedId);
    if (first !== undefined) {
      ctx.problems.push(
        error(ctx.table.file, row.line, "sourcedId", record.sourcedId, `a sourcedId used once in the file (line ${first} has it too)`),
      );
      continue;
    }
    seen.set(record.sourcedId, row.line);
    records.push(record);
  }
  return records;
}
