import type { TImportProblem } from "@stoa/contracts";
import type { CsvRow, CsvTable } from "./csv.js";
import { unguardCell } from "./fields.js";
import type { FileKind, FileMode, Metadata, OneRosterVersion } from "./model.js";
import { error, note } from "./problems.js";

/** A standard column: `required` means every row needs a value (so the column must be present). */
interface ColumnDef {
  name: string;
  required?: boolean | OneRosterVersion;
}

const head: ColumnDef[] = [{ name: "sourcedId", required: true }, { name: "status" }, { name: "dateLastModified" }];
const cols = (...names: (string | [string, true | OneRosterVersion])[]): ColumnDef[] => [
  ...head,
  ...names.map((n) => (typeof n === "string" ? { name: n } : { name: n[0], required: n[1] })),
];

/**
 * The columns of each file, in the spec's order (1.1 plus the 1.2 additions). Stoa deliberately
 * relaxes three "required" fields of the standard — classes.courseSourcedId, classes.termSourcedIds
 * and academicSessions.schoolYear — because a class made in Stoa may have no course or term, and
 * Stoa's own exports must re-import. In 1.2, users.role and users.orgSourcedIds move to roles.csv.
 */
export const columnDefs: Record<FileKind, ColumnDef[]> = {
  orgs: cols(["name", true], ["type", true], "identifier", "parentSourcedId"),
  academicSessions: cols(["title", true], ["type", true], ["startDate", true], ["endDate", true], "parentSourcedId", "schoolYear"),
  courses: cols("schoolYearSourcedId", ["title", true], "courseCode", "grades", ["orgSourcedId", true], "subjects", "subjectCodes"),
  classes: cols(
    ["title", true],
    "grades",
    "courseSourcedId",
    "classCode",
    ["classType", true],
    "location",
    ["schoolSourcedId", true],
    "termSourcedIds",
    "subjects",
    "subjectCodes",
    "periods",
  ),
  users: cols(
    ["enabledUser", true],
    ["orgSourcedIds", "1.1"],
    ["role", "1.1"],
    ["username", true],
    "userIds",
    ["givenName", true],
    ["familyName", true],
    "middleName",
    "identifier",
    "email",
    "sms",
    "phone",
    "agentSourcedIds",
    "grades",
    "password",
    "userMasterIdentifier",
    "resourceSourcedIds",
    "preferredGivenName",
    "preferredMiddleName",
    "preferredFamilyName",
    "primaryOrgSourcedId",
    "pronouns",
  ),
  roles: cols(
    ["userSourcedId", true],
    ["roleType", true],
    ["role", true],
    "beginDate",
    "endDate",
    ["orgSourcedId", true],
    "userProfileSourcedId",
  ),
  enrollments: cols(
    ["classSourcedId", true],
    ["schoolSourcedId", true],
    ["userSourcedId", true],
    ["role", true],
    "primary",
    "beginDate",
    "endDate",
  ),
  demographics: cols(
    "birthDate",
    "sex",
    "americanIndianOrAlaskaNative",
    "asian",
    "blackOrAfricanAmerican",
    "nativeHawaiianOrOtherPacificIslander",
    "white",
    "demographicRaceTwoOrMoreRaces",
    "hispanicOrLatinoEthnicity",
    "countryOfBirthCode",
    "stateOfBirthAbbreviation",
    "cityOfBirth",
    "publicSchoolResidenceStatus",
  ),
};

/** Stoa's own extension columns, read like standard ones (written by Stoa's export). */
const stoaColumns: Partial<Record<FileKind, string[]>> = { roles: ["ext_stoa_staffKind"] };

/** Files whose Stoa table has a metadata column, so extension columns can be kept. */
const keepsMetadata = new Set<FileKind>(["orgs", "courses", "classes", "users"]);

/** A CSV file whose header has been matched to the spec by column name. */
export interface MappedTable {
  file: string;
  kind: FileKind;
  headerLine: number;
  rows: CsvRow[];
  /** Standard (and Stoa) column name -> field position. */
  index: Map<string, number>;
  /** Extension columns (metadata.*, ext_*) whose values are kept in the record's metadata. */
  extensions: { name: string; index: number }[];
}

/** True when the column is required for this file in this version and mode. */
export function isRequired(kind: FileKind, column: string, version: OneRosterVersion, mode: FileMode): boolean {
  if (mode === "delta" && (column === "status" || column === "dateLastModified")) return true;
  const def = columnDefs[kind].find((c) => c.name === column);
  return def?.required === true || def?.required === version;
}

/**
 * Matches a header to the spec by name, in any order (some exporters reorder columns) and any
 * case. Missing required columns are errors on the header line; anything else is a note.
 */
export function mapHeader(
  table: CsvTable,
  kind: FileKind,
  version: OneRosterVersion,
  mode: FileMode,
): { mapped: MappedTable; problems: TImportProblem[] } {
  const { file, headerLine } = table;
  const problems: TImportProblem[] = [];
  const known = [...columnDefs[kind].map((c) => c.name), ...(stoaColumns[kind] ?? [])];
  const byLower = new Map(known.map((name) => [name.toLowerCase(), name]));
  const index = new Map<string, number>();
  const extensions: { name: string; index: number }[] = [];
  table.header.forEach((raw, i) => {
    const name = byLower.get(raw.toLowerCase());
    if (name !== undefined) {
      if (index.has(name)) problems.push(error(file, headerLine, raw, null, `each column once (${name} appears twice)`));
      else index.set(name, i);
      if (name !== raw) problems.push(note(file, headerLine, raw, null, `read as ${name} (OneRoster column names are case-sensitive)`));
    } else if (raw === "") {
      problems.push(note(file, headerLine, `(column ${i + 1})`, null, "a column without a name is ignored"));
    } else if (/password|passwd|secret/i.test(raw)) {
      // Rosters must never become a store of credentials, whatever the column is called.
      problems.push(
        note(file, headerLine, raw, null, "looks like a password or secret: ignored, Stoa never stores passwords from rosters"),
      );
    } else if (/^(metadata\.|ext_)/i.test(raw)) {
      if (keepsMetadata.has(kind)) extensions.push({ name: raw, index: i });
      problems.push(
        note(
          file,
          headerLine,
          raw,
          null,
          keepsMetadata.has(kind)
            ? "extension column: kept with each record as extra data"
            : "extension column: ignored (Stoa keeps no extra data for this file)",
        ),
      );
    } else {
      const guess = closest(raw, known);
      problems.push(
        note(file, headerLine, raw, null, `not a OneRoster ${kind} column: ignored${guess ? ` (did you mean ${guess}?)` : ""}`),
      );
    }
  });
  for (const def of columnDefs[kind]) {
    if (!index.has(def.name) && isRequired(kind, def.name, version, mode))
      problems.push(
        error(
          file,
          headerLine,
          def.name,
          null,
          `a column named ${def.name} (it is required${mode === "delta" && !def.required ? " in delta files" : ""})`,
        ),
      );
  }
  if (
    !inSpecOrder(
      index,
      columnDefs[kind].map((c) => c.name),
    )
  )
    problems.push(
      note(file, headerLine, null, null, "columns in the OneRoster order; these are in another order, so they were matched by name"),
    );
  return { mapped: { file, kind, headerLine, rows: table.rows, index, extensions }, problems };
}

function inSpecOrder(index: Map<string, number>, order: string[]): boolean {
  const positions = order.filter((name) => index.has(name)).map((name) => index.get(name) as number);
  return positions.every((p, i) => i === 0 || p > (positions[i - 1] as number));
}

/** A known column name within two edits of a misspelt one (grade -> grades, dataLastModified -> dateLastModified). */
function closest(name: string, known: string[]): string | null {
  const lower = name.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const k of known) {
    const distance = editDistance(lower, k.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: k, distance };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The value of a column on a row: trimmed, the export's formula guard removed, "" when absent. */
export function cell(table: MappedTable, row: CsvRow, column: string): string {
  const i = table.index.get(column);
  if (i === undefined) return "";
  return unguardCell(row.fields[i] ?? "").trim();
}

/** True when the file has this column at all. */
export const hasColumn = (table: MappedTable, column: string) => table.index.has(column);

/** The row's extension values (blank ones dropped), or null when there are none. */
export function metadataOf(table: MappedTable, row: CsvRow): Metadata | null {
  let metadata: Metadata | null = null;
  for (const { name, index } of table.extensions) {
    const value = unguardCell(row.fields[index] ?? "").trim();
    if (value === "") continue;
    metadata ??= {};
    metadata[name] = value;
  }
  return metadata;
}
