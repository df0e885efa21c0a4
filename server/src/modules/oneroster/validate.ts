import type { TImportProblem } from "@stoa/contracts";
import { cell, hasColumn, mapHeader, type MappedTable } from "./columns.js";
import { parseCsv } from "./csv.js";
import { readManifest } from "./manifest.js";
import {
  fileKinds,
  type DistrictSnapshot,
  type FileKind,
  type FileMode,
  type OneRosterVersion,
  type RoleRecord,
  type RoleScope,
  type ValidBundle,
} from "./model.js";
import { readDemographics, readEnrolments, readRoles, readUsers } from "./people-records.js";
import { hasErrors, note } from "./problems.js";
import { readClasses, readCourses, readOrgs, readTerms } from "./records.js";
import { checkReferences } from "./references.js";
import { readContext, type ReadContext } from "./row-reader.js";

/** A bundle whose manifest was read and whose files were parsed and matched to the spec's columns. */
export interface ParsedBundle {
  version: OneRosterVersion;
  modes: Partial<Record<FileKind, FileMode>>;
  tables: Partial<Record<FileKind, MappedTable>>;
}

/**
 * Reads the manifest and parses every imported file. Demographics are skipped unread unless the
 * district imports them: Stoa should not even process sensitive data it may not keep.
 */
export function parseBundle(
  files: Map<string, string>,
  options: { importDemographics: boolean },
): { parsed: ParsedBundle | null; problems: TImportProblem[] } {
  const { manifest, problems } = readManifest(files);
  if (!manifest) return { parsed: null, problems };
  const tables: Partial<Record<FileKind, MappedTable>> = {};
  const modes = { ...manifest.modes };
  for (const kind of fileKinds) {
    const file = manifest.files[kind];
    const mode = modes[kind];
    if (!file || !mode) continue;
    if (kind === "demographics" && !options.importDemographics) {
      problems.push(
        note(
          file.name,
          null,
          null,
          null,
          "not imported: this district has not turned on demographics import, so this sensitive file was not read",
        ),
      );
      delete modes[kind];
      continue;
    }
    const { table, problems: csvProblems } = parseCsv(file.name, file.text);
    problems.push(...csvProblems);
    if (!table) continue;
    const { mapped, problems: headerProblems } = mapHeader(table, kind, manifest.version, mode);
    problems.push(...headerProblems);
    tables[kind] = mapped;
  }
  return { parsed: { version: manifest.version, modes, tables }, problems };
}

/** The usernames and emails in users.csv, so the caller can look up who already holds them. */
export function namesInBundle(parsed: ParsedBundle): { usernames: string[]; emails: string[] } {
  const users = parsed.tables.users;
  if (!users) return { usernames: [], emails: [] };
  const usernames: string[] = [];
  const emails: string[] = [];
  for (const row of users.rows) {
    const username = cell(users, row, "username");
    const email = cell(users, row, "email");
    if (username) usernames.push(username.toLowerCase());
    if (email) emails.push(email.toLowerCase());
  }
  return { usernames, emails };
}

/**
 * Validates the whole parsed bundle against the district snapshot and reports every problem at
 * once. The bundle is returned only when there is no error. No I/O; it does consume the parsed
 * rows: each file's rows are released as soon as its records are built, so a 150,000-row file's
 * cells and its records are never both held (the peak memory of an import is set here).
 */
export function validateBundle(
  parsed: ParsedBundle,
  snapshot: DistrictSnapshot,
): { bundle: ValidBundle | null; problems: TImportProblem[] } {
  const problems: TImportProblem[] = [];
  const { version, modes, tables } = parsed;
  const context = (kind: FileKind): ReadContext | null => {
    const table = tables[kind];
    const mode = modes[kind];
    return table && mode ? readContext(table, version, mode, problems) : null;
  };
  const read = <T>(kind: FileKind, reader: (ctx: ReadContext) => T[]): T[] => {
    const ctx = context(kind);
    if (!ctx) return [];
    const records = reader(ctx);
    ctx.table.rows = [];
    return records;
  };
  const fileNames = Object.fromEntries(Object.entries(tables).map(([kind, t]) => [kind, t.file]));
  const agentsListed = tables.users !== undefined && hasColumn(tables.users, "agentSourcedIds");
  const roleSource = chooseRoleSource(parsed, problems);
  const usersCtx = context("users");
  const fromUsers = usersCtx ? readUsers(usersCtx, roleSource === "users") : { users: [], roles: [] };
  if (usersCtx) usersCtx.table.rows = [];
  const roles: RoleRecord[] = roleSource === "roles" ? read("roles", readRoles) : fromUsers.roles;
  const records = {
    orgs: read("orgs", readOrgs),
    terms: read("academicSessions", readTerms),
    courses: read("courses", readCourses),
    classes: read("classes", readClasses),
    users: fromUsers.users,
    roles,
    enrolments: read("enrollments", readEnrolments),
    demographics: read("demographics", readDemographics),
  };
  problems.push(...checkReferences(records, snapshot, fileNames, roleSource === "roles" ? "roles" : "users"));
  if (hasErrors(problems)) return { bundle: null, problems };
  return { bundle: { version, modes, ...records, roleScope: roleScope(roleSource, modes, records.users), agentsListed }, problems };
}

/**
 * Where roles come from: roles.csv in 1.2; users.role in 1.1, and in a 1.2 bundle without
 * roles.csv whose users.csv still carries a role column (some exporters do).
 */
function chooseRoleSource(parsed: ParsedBundle, problems: TImportProblem[]): "users" | "roles" | null {
  const users = parsed.tables.users;
  const usersHaveRoles = users !== undefined && hasColumn(users, "role");
  if (parsed.version === "1.1") return users ? "users" : null;
  if (parsed.tables.roles) {
    if (usersHaveRoles)
      problems.push(note(users.file, users.headerLine, "role", null, "roles come from roles.csv in OneRoster 1.2: this column is ignored"));
    return "roles";
  }
  return usersHaveRoles ? "users" : null;
}

function roleScope(
  source: "users" | "roles" | null,
  modes: Partial<Record<FileKind, FileMode>>,
  users: { sourcedId: string }[],
): RoleScope | null {
  if (source === "roles") return modes.roles === "bulk" ? { kind: "all" } : { kind: "rows" };
  if (source === "users") return { kind: "users", userSourcedIds: new Set(users.map((u) => u.sourcedId)) };
  return null;
}
