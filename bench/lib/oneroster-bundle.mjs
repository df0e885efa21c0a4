// Writes a synthetic OneRoster 1.2 bulk bundle of district size into a folder, and a 1% delta.
// Deterministic apart from `prefix`, which keeps usernames unique across runs on one database.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const line = (fields) => fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(",");
const file = (dir, name, header, rows) => writeFileSync(join(dir, name), [line(header), ...rows.map(line)].join("\r\n") + "\r\n");

function manifest(dir, modes) {
  const rows = [["manifest.version", "1.0"], ["oneroster.version", "1.2"], ...Object.entries(modes).map(([f, m]) => [`file.${f}`, m])];
  file(dir, "manifest.csv", ["propertyName", "value"], rows);
}

const userHeader = [
  "sourcedId",
  "status",
  "dateLastModified",
  "enabledUser",
  "username",
  "userIds",
  "givenName",
  "familyName",
  "middleName",
  "identifier",
  "email",
  "sms",
  "phone",
  "agentSourcedIds",
  "grades",
  "password",
];
const enrolHeader = [
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
];

/** The shape of the bundle: 45k students, 2k teachers, 3k guardians = 50k users; 2k classes; 150k enrolments. */
export const shape = {
  schools: 10,
  courses: 200,
  classes: 2000,
  students: 45_000,
  teachers: 2_000,
  guardians: 3_000,
  studentEnrolments: 148_000,
};

const studentId = (i) => `stu-${i}`;
const classOf = (i) => `cls-${i}`;
const schoolOfClass = (c) => `sch-${c % shape.schools}`;
// Student s's k-th enrolment: classes (k*677 + s + k*45000) mod 2000, distinct for k = 0..3.
const enrolmentClass = (i) => (Math.floor(i / shape.students) * 677 + i) % shape.classes;

function user(id, prefix, name, given, family, grades, agents) {
  return [
    id,
    "",
    "",
    "true",
    `${prefix}.${name}`,
    "",
    given,
    family,
    "",
    id,
    `${prefix}.${name}@bench.example.org`,
    "",
    "",
    agents,
    grades,
    "",
  ];
}

/** Writes the full bulk bundle into `dir`; returns how many rows each file has. */
export function writeBulkBundle(dir, prefix) {
  mkdirSync(dir, { recursive: true });
  manifest(dir, {
    orgs: "bulk",
    academicSessions: "bulk",
    courses: "bulk",
    classes: "bulk",
    users: "bulk",
    roles: "bulk",
    enrollments: "bulk",
  });
  const schools = Array.from({ length: shape.schools }, (_, i) => [`sch-${i}`, "", "", `School ${i}`, "school", `S${i}`, "dist"]);
  file(
    dir,
    "orgs.csv",
    ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
    [["dist", "", "", "Bench District", "district", "", ""], ...schools],
  );
  file(
    dir,
    "academicSessions.csv",
    ["sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"],
    [
      ["y2025", "", "", "2024-25", "schoolYear", "2024-09-01", "2025-06-30", "", "2025"],
      ["s1", "", "", "Fall", "semester", "2024-09-01", "2025-01-31", "y2025", "2025"],
      ["s2", "", "", "Spring", "semester", "2025-02-01", "2025-06-30", "y2025", "2025"],
    ],
  );
  const courses = Array.from({ length: shape.courses }, (_, i) => [
    `crs-${i}`,
    "",
    "",
    "y2025",
    `Course ${i}`,
    `C${i}`,
    "09",
    `sch-${i % shape.schools}`,
    "Math",
    "",
  ]);
  file(
    dir,
    "courses.csv",
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
    courses,
  );
  const classes = Array.from({ length: shape.classes }, (_, c) => [
    classOf(c),
    "",
    "",
    `Class ${c}`,
    "09",
    `crs-${c % shape.courses}`,
    `K${c}`,
    "scheduled",
    `Room ${c}`,
    schoolOfClass(c),
    c % 2 ? "s1" : "s1,s2",
    "Math",
    "",
    "1",
  ]);
  file(
    dir,
    "classes.csv",
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
    classes,
  );

  const users = [];
  const roles = [];
  for (let i = 0; i < shape.students; i += 1) {
    const guardian = i < shape.guardians ? `gdn-${i}` : "";
    users.push(user(studentId(i), prefix, `s${i}`, `Student${i}`, `Family${i % 997}`, "09", guardian));
    roles.push([`rol-${studentId(i)}`, "", "", studentId(i), "primary", "student", "", "", `sch-${i % shape.schools}`, ""]);
  }
  for (let i = 0; i < shape.teachers; i += 1) {
    users.push(user(`tch-${i}`, prefix, `t${i}`, `Teacher${i}`, `Staff${i % 101}`, "", ""));
    roles.push([`rol-tch-${i}`, "", "", `tch-${i}`, "primary", "teacher", "", "", schoolOfClass(i), ""]);
  }
  for (let i = 0; i < shape.guardians; i += 1) {
    users.push(user(`gdn-${i}`, prefix, `g${i}`, `Parent${i}`, `Family${i % 997}`, "", studentId(i)));
    roles.push([`rol-gdn-${i}`, "", "", `gdn-${i}`, "primary", "guardian", "", "", `sch-${i % shape.schools}`, ""]);
  }
  file(dir, "users.csv", userHeader, users);
  file(
    dir,
    "roles.csv",
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
    ],
    roles,
  );

  const enrolments = [];
  for (let c = 0; c < shape.teachers; c += 1)
    enrolments.push([`enr-t-${c}`, "", "", classOf(c), schoolOfClass(c), `tch-${c}`, "teacher", "true", "", ""]);
  for (let i = 0; i < shape.studentEnrolments; i += 1) {
    const c = enrolmentClass(i);
    enrolments.push([`enr-${i}`, "", "", classOf(c), schoolOfClass(c), studentId(i % shape.students), "student", "false", "", ""]);
  }
  file(dir, "enrollments.csv", enrolHeader, enrolments);
  return { users: users.length, classes: classes.length, enrolments: enrolments.length };
}

/** Writes a 1% delta into `dir`: 500 users (400 renamed, 100 tobedeleted) and 1,500 enrolments (750 dropped, 750 new). */
export function writeDeltaBundle(dir, prefix) {
  mkdirSync(dir, { recursive: true });
  const stamp = "2025-03-01T12:00:00Z";
  manifest(dir, { users: "delta", enrollments: "delta" });
  const users = [];
  for (let n = 0; n < 500; n += 1) {
    const i = 10_000 + n * 61;
    const row = user(
      studentId(i),
      prefix,
      `s${i}`,
      n < 400 ? `Renamed${i}` : `Student${i}`,
      `Family${i % 997}`,
      "09",
      i < shape.guardians ? `gdn-${i}` : "",
    );
    row[1] = n < 400 ? "active" : "tobedeleted";
    row[2] = stamp;
    users.push(row);
  }
  file(dir, "users.csv", userHeader, users);
  const enrolments = [];
  for (let n = 0; n < 750; n += 1) {
    const i = 20_000 + n * 97;
    const c = enrolmentClass(i);
    enrolments.push([
      `enr-${i}`,
      "tobedeleted",
      stamp,
      classOf(c),
      schoolOfClass(c),
      studentId(i % shape.students),
      "student",
      "false",
      "",
      "",
    ]);
    const s = 30_000 + n;
    const extra = (s + 1000) % shape.classes;
    enrolments.push([`enr-new-${n}`, "active", stamp, classOf(extra), schoolOfClass(extra), studentId(s), "student", "false", "", ""]);
  }
  file(dir, "enrollments.csv", enrolHeader, enrolments);
  return { users: users.length, enrolments: enrolments.length };
}

// `node bench/lib/oneroster-bundle.mjs <dir> <prefix>`: writes <dir>/bulk and <dir>/delta (run as a
// child process by the bench, so generating does not inflate the measured process's memory).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, prefix] = process.argv.slice(2);
  writeBulkBundle(join(dir, "bulk"), prefix);
  writeDeltaBundle(join(dir, "delta"), prefix);
}
