/**
 * Parsing single OneRoster cell values: dates, enumerations, booleans, multi-value lists, and the
 * spreadsheet-formula guard our exports add. Pure functions; each returns null for a bad value so
 * the caller can report it with file, line and column.
 */

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A calendar date as YYYY-MM-DD, or null when it is not one (e.g. 2023-02-30 or 1/05/2023). */
export function parseDate(value: string): string | null {
  const m = isoDate.exec(value);
  if (!m) return null;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? value : null;
}

/**
 * An ISO 8601 date-time (or a bare date: several exporters write one in dateLastModified).
 * A space instead of the T is refused: it is not ISO 8601 and hints at a hand-made file.
 */
export function parseDateTime(value: string): string | null {
  if (parseDate(value)) return value;
  const m = isoDateTime.exec(value);
  if (!m) return null;
  const [hours, minutes, seconds] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 60) return null;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) ? value : null;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The canonical spelling of an enumeration value, matched case-insensitively because real
 * exporters write `Scheduled` or `TEACHER`; null when it is not one of the allowed values.
 */
export function parseEnum<T extends string>(value: string, allowed: readonly T[]): T | null {
  let byLower = enumIndex.get(allowed) as Map<string, T> | undefined;
  if (!byLower) {
    byLower = new Map(allowed.map((a) => [a.toLowerCase(), a]));
    enumIndex.set(allowed, byLower);
  }
  return byLower.get(value.toLowerCase()) ?? null;
}

// Enumerations are module constants, so each is indexed once (this runs for every cell of 150,000 rows).
const enumIndex = new WeakMap<readonly string[], Map<string, string>>();

/** true/false in any case; null otherwise. */
export function parseBoolean(value: string): boolean | null {
  const lower = value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  return null;
}

/** A multi-value field ("09,10,11" in one quoted cell) as trimmed, non-empty items. */
export function parseList(value: string): string[] {
  if (value === "") return [];
  return value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** The formula guard moved to platform/csv.ts so every export shares it; re-exported for the importer. */
export { guardCell, unguardCell } from "../../platform/csv.js";

/** A plausible email address: something@something, no spaces. Real validation is the mail server's job. */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 320;
}
