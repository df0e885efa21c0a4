import { stringify } from "csv-stringify/sync";
import { columnDefs } from "./columns.js";
import type { FileKind } from "./model.js";

/** A roster as plain rows per file, easy for a test to change before writing it out. */
export interface Roster {
  version: "1.1" | "1.2";
  modes: Record<string, "bulk" | "delta">;
  files: Record<string, Record<string, string>[]>;
}

const base = { status: "", dateLastModified: "" };

/**
 * A small, valid OneRoster 1.2 bulk roster: a district, two schools, a year and a term, one course,
 * two classes, a teacher, three students, a guardian of the first student and a district admin.
 * `prefix` makes usernames and emails unique across the installation (tests share a database).
 */
export function sampleRoster(prefix: string): Roster {
  const user = (id: string, username: string, given: string, extra: Record<string, string> = {}) => ({
    sourcedId: id,
    ...base,
    enabledUser: "true",
    username: `${prefix}.${username}`,
    givenName: given,
    familyName: "Simpson",
    email: `${prefix}.${username}@example.org`,
    agentSourcedIds: "",
    grades: "",
    ...extra,
  });
  const role = (id: string, userId: string, r: string, org: string) => ({
    sourcedId: id,
    ...base,
    userSourcedId: userId,
    roleType: "primary",
    role: r,
    orgSourcedId: org,
  });
  const enrol = (id: string, cls: string, userId: string, r: string) => ({
    sourcedId: id,
    ...base,
    classSourcedId: cls,
    schoolSourcedId: "S1",
    userSourcedId: userId,
    role: r,
    primary: "false",
  });
  return {
    version: "1.2",
    modes: { orgs: "bulk", academicSessions: "bulk", courses: "bulk", classes: "bulk", users: "bulk", roles: "bulk", enrollments: "bulk" },
    files: {
      orgs: [
        { sourcedId: "D1", ...base, name: "Springfield District", type: "district", identifier: "", parentSourcedId: "" },
        {
          sourcedId: "S1",
          ...base,
          name: "Springfield Elementary",
          type: "school",
          identifier: "SE",
          parentSourcedId: "D1",
          "metadata.boarding": "no",
        },
        {
          sourcedId: "S2",
          ...base,
          name: "Springfield High",
          type: "school",
          identifier: "",
          parentSourcedId: "D1",
          "metadata.boarding": "",
        },
      ],
      academicSessions: [
        {
          sourcedId: "Y1",
          ...base,
          title: "2024-25",
          type: "schoolYear",
          startDate: "2024-09-01",
          endDate: "2025-06-30",
          parentSourcedId: "",
          schoolYear: "2025",
        },
        {
          sourcedId: "T1",
          ...base,
          title: "Fall",
          type: "term",
          startDate: "2024-09-01",
          endDate: "2025-01-31",
          parentSourcedId: "Y1",
          schoolYear: "2025",
        },
      ],
      courses: [
        {
          sourcedId: "C1",
          ...base,
          schoolYearSourcedId: "Y1",
          title: "Mathematics 4",
          courseCode: "MA4",
          grades: "04",
          orgSourcedId: "S1",
          subjects: "Math",
        },
      ],
      classes: [
        {
          sourcedId: "K1",
          ...base,
          title: "=Maths 4A",
          grades: "04",
          courseSourcedId: "C1",
          classCode: "4A",
          classType: "scheduled",
          location: "Room 1",
          schoolSourcedId: "S1",
          termSourcedIds: "T1",
          subjects: "Math",
          periods: "1,2",
        },
        {
          sourcedId: "K2",
          ...base,
          title: "Homeroom 4",
          grades: "04",
          courseSourcedId: "",
          classCode: "",
          classType: "homeroom",
          location: "",
          schoolSourcedId: "S1",
          termSourcedIds: "T1",
          subjects: "",
          periods: "",
        },
      ],
      users: [
        user("U1", "edna", "Edna"),
        user("U2", "bart", "Bart", { grades: "04", agentSourcedIds: "U5" }),
        user("U3", "lisa", "Lisa", { grades: "04" }),
        user("U4", "milhouse", "Milhouse", { grades: "04" }),
        user("U5", "marge", "Marge", { agentSourcedIds: "U2" }),
        user("U6", "skinner", "Seymour"),
      ],
      roles: [
        role("R1", "U1", "teacher", "S1"),
        role("R2", "U2", "student", "S1"),
        role("R3", "U3", "student", "S1"),
        role("R4", "U4", "student", "S1"),
        role("R5", "U5", "guardian", "S1"),
        role("R6", "U6", "districtAdministrator", "D1"),
      ],
      enrollments: [
        enrol("E1", "K1", "U1", "teacher"),
        enrol("E2", "K1", "U2", "student"),
        enrol("E3", "K1", "U3", "student"),
        enrol("E4", "K2", "U4", "student"),
        enrol("E5", "K2", "U1", "teacher"),
      ],
    },
  };
}

/** The roster as bundle files (file name -> CSV text), with its manifest. */
export function rosterFiles(roster: Roster): Record<string, string> {
  const files: Record<string, string> = {};
  const manifest = [
    ["propertyName", "value"],
    ["manifest.version", "1.0"],
    ["oneroster.version", roster.version],
    ...Object.entries(roster.modes).map(([name, mode]) => [`file.${name}`, mode]),
  ];
  files["manifest.csv"] = stringify(manifest, { record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
  for (const name of Object.keys(roster.modes)) {
    const rows = roster.files[name] ?? [];
    // A file without rows still needs its header (an empty bulk file means "none of these").
    const header =
      rows.length > 0 ? [...new Set(rows.flatMap((r) => Object.keys(r)))] : (columnDefs[name as FileKind]?.map((c) => c.name) ?? []);
    files[`${name}.csv`] = stringify([header, ...rows.map((r) => header.map((h) => r[h] ?? ""))], {
      record_delimiter: "\r\n",
      quoted_match: /[\r\n]/,
    });
  }
  return files;
}

/** A deep copy, so a test can change a roster without touching the original. */
export const copyRoster = (roster: Roster): Roster => JSON.parse(JSON.stringify(roster)) as Roster;
