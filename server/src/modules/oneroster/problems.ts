import type { TImportProblem } from "@stoa/contracts";

/** Longest cell value quoted back in a report: enough to recognise it, not a data dump. */
const maxValueLength = 120;
/** A run stores at most this many problems; the rest are summed up in one closing note. */
export const maxReportedProblems = 1000;

/** An error: the bundle is refused. `expected` completes the sentence "expected …". */
export function error(file: string, line: number | null, column: string | null, value: string | null, expected: string): TImportProblem {
  return { severity: "error", file, line, column, value: clip(value), expected };
}

/** A note: worth knowing, never a reason to refuse the bundle. */
export function note(file: string, line: number | null, column: string | null, value: string | null, expected: string): TImportProblem {
  return { severity: "note", file, line, column, value: clip(value), expected };
}

function clip(value: string | null): string | null {
  if (value === null || value.length <= maxValueLength) return value;
  return `${value.slice(0, maxValueLength)}…`;
}

/** True when any problem is an error. */
export const hasErrors = (problems: readonly TImportProblem[]) => problems.some((p) => p.severity === "error");

/** Errors first, then by file and line, so a person fixes the bundle top to bottom. */
export function sortProblems(problems: readonly TImportProblem[]): TImportProblem[] {
  return [...problems].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}

/** Sorts and caps a report so one broken 150,000-row file cannot produce a 50 MB run record. */
export function capProblems(problems: readonly TImportProblem[]): TImportProblem[] {
  const sorted = sortProblems(problems);
  if (sorted.length <= maxReportedProblems) return sorted;
  const shown = sorted.slice(0, maxReportedProblems);
  const hiddenErrors = sorted.slice(maxReportedProblems).filter((p) => p.severity === "error").length;
  const more = sorted.length - maxReportedProblems;
  shown.push(
    note(
      "bundle",
      null,
      null,
      null,
      `no more than ${maxReportedProblems} problems are listed; ${more} more (${hiddenErrors} of them errors) are not shown — fix these and import again`,
    ),
  );
  return shown;
}

/**
 * One problem as a sentence. Errors: "enrollments.csv line 7, column role: found 'teacher2',
 * expected one of student, teacher, administrator, proctor". Notes carry an explanation instead.
 */
export function formatProblem(p: TImportProblem): string {
  const where = [p.file, p.line === null ? null : `line ${p.line}`].filter(Boolean).join(" ");
  const column = p.column === null ? "" : `, column ${p.column}`;
  const value = p.value === null ? "" : p.value === "" ? "found nothing" : `found '${p.value}'`;
  if (p.severity === "note") return `${where}${column}: ${value ? `${value}: ` : ""}${p.expected}`;
  return `${where}${column}: ${value ? `${value}, ` : ""}expected ${p.expected}`;
}
