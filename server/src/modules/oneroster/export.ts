import { stringify } from "csv-stringify/sync";
import { rowKey } from "./diff.js";
import { guardCell } from "./fields.js";
import type { loadExport } from "./import-runs.repository.js";
import { toOneRosterRole } from "./roles.js";

/** What the repository loads for an export. */
export type ExportData = Awaited<ReturnType<typeof loadExport>>;

/**
 * A row by column name; only the file's columns are written, so extra fields are harmless. Rows
 * are built with Object.assign, not {...row, more}: see records.ts on V8 and per-row spreads.
 */
type Row = Record<string, unknown>;

const status = (s: "active" | "inactive") => (s === "active" ? "active" : "tobedeleted");
const stamp = (d: Date) => d.toISOString();
const list = (values: readonly string[]) => values.join(",");
const extension = /^(metadata\.|ext_)/i;

/**
 * A district's roster as OneRoster 1.2 bulk CSV files (file name -> text). Rows made in Stoa
 * carry their id as sourcedId; inactive rows are written as tobedeleted so a re-import recreates
 * them inactive. Every cell is guarded against spreadsheet formulas (see fields.ts `guardCell`);
 * the importer removes the guard, so the export re-imports to exactly the same state.
 * Demographics are not exported: they are sensitive and the export is a general roster file.
 */
export function buildExportFiles(districtId: string, data: ExportData): Map<string, string> {
  const districtKey = data.district?.sourcedId ?? districtId;
  const keys = new Map<string, string>();
  for (const rows of [data.schools, data.terms, data.courses, data.classes, data.users])
    for (const row of rows) keys.set(row.id, rowKey(row));
  const key = (id: string | null) => (id === null ? "" : (keys.get(id) ?? id));
  const orgKey = (schoolId: string | null) => (schoolId === null ? districtKey : key(schoolId));
  const classSchool = new Map(data.classes.map((c) => [c.id, c.schoolId]));
  const agents = new Map<string, string[]>();
  for (const link of data.guardianLinks) {
    agents.set(link.studentId, [...(agents.get(link.studentId) ?? []), key(link.guardianId)]);
    agents.set(link.guardianId, [...(agents.get(link.guardianId) ?? []), key(link.studentId)]);
  }
  const primaryGiven = new Set<string>();

  const files = new Map<string, string>();
  files.set("manifest.csv", csv(["propertyName", "value"], manifest()));
  const district: Row = {
    sourcedId: districtKey,
    status: "active",
    dateLastModified: data.district ? stamp(data.district.createdAt) : "",
    name: data.district?.name,
    type: "district",
  };
  files.set(
    "orgs.csv",
    table(
      ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
      [
        { row: district, metadata: null },
        ...data.schools.map((s) => ({
          row: {
            sourcedId: rowKey(s),
            status: status(s.status),
            dateLastModified: stamp(s.updatedAt),
            name: s.name,
            type: s.orgType,
            identifier: s.identifier,
            parentSourcedId: s.parentSourcedId,
          },
          metadata: s.metadata,
        })),
      ],
    ),
  );
  files.set(
    "academicSessions.csv",
    table(
      ["sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"],
      data.terms.map((t) => ({
        row: Object.assign({}, t, { sourcedId: rowKey(t), status: status(t.status), dateLastModified: stamp(t.updatedAt) }),
        metadata: null,
      })),
    ),
  );
  files.set(
    "courses.csv",
    table(
      [
        "sourcedId",
        "status",
        "dateLastModified",
        "schoolYearSourcedId",
        "title",
        "courseCode",
        "grades",
        "orgSourcedId",
        "subjects",
        "subjectCodes",
      ],
      data.courses.map((c) => ({
        row: Object.assign({}, c, {
          sourcedId: rowKey(c),
          status: status(c.status),
          dateLastModified: stamp(c.updatedAt),
          grades: list(c.grades),
          orgSourcedId: orgKey(c.schoolId),
          subjects: list(c.subjects),
        }),
        metadata: c.metadata,
      })),
    ),
  );
  files.set(
    "classes.csv",
    table(
      [
        "sourcedId",
        "status",
        "dateLastModified",
        "title",
        "grades",
        "courseSourcedId",
        "classCode",
        "classType",
        "location",
        "schoolSourcedId",
        "termSourcedIds",
        "subjects",
        "subjectCodes",
        "periods",
      ],
      data.classes.map((c) => ({
        row: Object.assign({}, c, {
          sourcedId: rowKey(c),
          status: status(c.status),
          dateLastModified: stamp(c.updatedAt),
          grades: list(c.grades),
          courseSourcedId: key(c.courseId),
          schoolSourcedId: key(c.schoolId),
          termSourcedIds: list(c.termIds.map(key)),
          subjects: list(c.subjects),
          subjectCodes: list(c.subjectCodes),
          periods: list(c.periods),
        }),
        metadata: c.metadata,
      })),
    ),
  );
  files.set(
    "users.csv",
    table(
      // prettier-ignore
      ["sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier", "resourceSourcedIds", "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns"],
      data.users.map((u) => ({
        row: Object.assign({}, u, {
          sourcedId: rowKey(u),
          status: status(u.status),
          dateLastModified: stamp(u.updatedAt),
          enabledUser: u.status === "active" ? "true" : "false",
          agentSourcedIds: list([...new Set(agents.get(u.id) ?? [])].sort()),
          grades: list(u.grades),
          preferredGivenName: u.preferredName,
        }),
        metadata: u.metadata,
      })),
    ),
  );
  files.set(
    "roles.csv",
    table(
      [
        "sourcedId",
        "status",
        "dateLastModified",
        "userSourcedId",
        "roleType",
        "role",
        "beginDate",
        "endDate",
        "orgSourcedId",
        "userProfileSourcedId",
        "ext_stoa_staffKind",
      ],
      [...data.roles]
        .sort((a, b) => rowKey(a).localeCompare(rowKey(b)))
        .map((r) => {
          const mapped = toOneRosterRole(r.role, r.staffKind);
          const roleType = primaryGiven.has(r.userId) ? "secondary" : "primary";
          primaryGiven.add(r.userId);
          return {
            row: {
              sourcedId: rowKey(r),
              status: "active",
              dateLastModified: stamp(r.createdAt),
              userSourcedId: key(r.userId),
              roleType,
              role: mapped.role,
              orgSourcedId: orgKey(r.schoolId),
              ext_stoa_staffKind: mapped.staffKind,
            },
            metadata: null,
          };
        }),
    ),
  );
  files.set(
    "enrollments.csv",
    table(
      [
        "sourcedId",
        "status",
        "dateLastModified",
        "classSourcedId",
        "schoolSourcedId",
        "userSourcedId",
        "role",
        "primary",
        "beginDate",
        "endDate",
      ],
      data.enrolments.map((e) => ({
        row: Object.assign({}, e, {
          sourcedId: rowKey(e),
          status: status(e.status),
          dateLastModified: stamp(e.updatedAt),
          classSourcedId: key(e.classId),
          schoolSourcedId: key(classSchool.get(e.classId) ?? null),
          userSourcedId: key(e.userId),
          primary: e.primary ? "true" : "false",
        }),
        metadata: null,
      })),
    ),
  );
  return files;
}

function manifest(): string[][] {
  const files: [string, string][] = [
    ["academicSessions", "bulk"],
    ["categories", "absent"],
    ["classes", "bulk"],
    ["classResources", "absent"],
    ["courses", "bulk"],
    ["courseResources", "absent"],
    ["demographics", "absent"],
    ["enrollments", "bulk"],
    ["lineItems", "absent"],
    ["orgs", "bulk"],
    ["resources", "absent"],
    ["results", "absent"],
    ["roles", "bulk"],
    ["userProfiles", "absent"],
    ["users", "bulk"],
  ];
  return [
    ["manifest.version", "1.0"],
    ["oneroster.version", "1.2"],
    ...files.map(([name, mode]) => [`file.${name}`, mode]),
    ["source.systemName", "Stoa"],
    ["source.systemCode", "stoa"],
  ];
}

/**
 * A file: the spec's columns, then one column per extension key found on any row (sorted, so two
 * exports of the same data are byte-identical apart from timestamps). Only metadata.* and ext_*
 * keys are written: those are the ones an import keeps.
 */
function table(columns: string[], rows: { row: Row; metadata: Record<string, string> | null }[]): string {
  const extra = [...new Set(rows.flatMap((r) => Object.keys(r.metadata ?? {}).filter((k) => extension.test(k))))].sort();
  const ordered = [...rows].sort((a, b) => String(a.row.sourcedId).localeCompare(String(b.row.sourcedId)));
  const body = ordered.map(({ row, metadata }) => [...columns.map((c) => text(row[c])), ...extra.map((k) => text(metadata?.[k]))]);
  return csv([...columns, ...extra], body);
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

function csv(header: string[], rows: string[][]): string {
  // csv-stringify only quotes the configured record delimiter (CRLF); a bare LF or CR inside a value must be quoted too.
  return stringify([header, ...rows.map((r) => r.map(guardCell))], { record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
}
