import type { TChild, TClassSummary, TCourse, TTerm } from "@stoa/contracts";
import type { courses, terms } from "../../db/schema/index.js";

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
  classes: TClassSummary[],
): TChild => ({ ...child, classes });
