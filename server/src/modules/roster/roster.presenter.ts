import type { TChild, TClassSummary, TCourse, TRosterEntry, TTerm } from "@stoa/contracts";
import type { ClassSummaryRow } from "./roster.repository.js";
import type { courses, terms } from "../../db/schema/index.js";

/** A class row as the API shows it. */
export function presentClass(row: ClassSummaryRow): TClassSummary {
  return {
    id: row.id,
    title: row.title,
    classCode: row.classCode,
    classType: row.classType,
    location: row.location,
    school: { id: row.schoolId, name: row.schoolName },
    course: row.courseId && row.courseTitle ? { id: row.courseId, title: row.courseTitle } : null,
    terms: row.terms,
    grades: row.grades,
    subjects: row.subjects,
    status: row.status,
    studentCount: row.studentCount,
    teachers: row.teachers,
    myRole: row.myRole,
    sourcedId: row.sourcedId,
  };
}

interface RosterRow {
  userId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  username: string;
  grades: string[];
  role: TRosterEntry["role"];
  status: "active" | "inactive";
}

/** A roster entry; with `namesOnly` (students, guardians) the username and grades stay on the server. */
export function presentRosterEntry(row: RosterRow, namesOnly: boolean): TRosterEntry {
  return {
    userId: row.userId,
    givenName: row.givenName,
    familyName: row.familyName,
    preferredName: row.preferredName,
    role: row.role,
    username: namesOnly ? null : row.username,
    grades: namesOnly ? null : row.grades,
    status: row.status,
  };
}

/** A term as the API shows it. */
export const presentTerm = (t: typeof terms.$inferSelect): TTerm => ({
  id: t.id,
  schoolId: t.schoolId,
  title: t.title,
  type: t.type,
  startDate: t.startDate,
  endDate: t.endDate,
  status: t.status,
  sourcedId: t.sourcedId,
});

/** A course as the API shows it. */
export const presentCourse = (c: typeof courses.$inferSelect): TCourse => ({
  id: c.id,
  schoolId: c.schoolId,
  title: c.title,
  courseCode: c.courseCode,
  grades: c.grades,
  subjects: c.subjects,
  status: c.status,
  sourcedId: c.sourcedId,
});

/** A guardian's child with their classes. */
export const presentChild = (
  child: { id: string; givenName: string; familyName: string; preferredName: string | null; grades: string[] },
  classRows: ClassSummaryRow[],
): TChild => ({ ...child, classes: classRows.map(presentClass) });
