import { z } from "zod";
import { ZId, ZIsoDate, ZName, ZPageQuery, ZPaged } from "./common.js";
import { ZStatus } from "./organisation.js";

export const termTypes = ["schoolYear", "semester", "term", "gradingPeriod"] as const;

export const ZTerm = z.object({
  id: ZId,
  schoolId: ZId.nullable(),
  title: z.string(),
  type: z.enum(termTypes),
  startDate: z.string(),
  endDate: z.string(),
  status: ZStatus,
  sourcedId: z.string().nullable(),
});
export type TTerm = z.infer<typeof ZTerm>;

export const ZTermCreate = z
  .object({
    schoolId: ZId.nullable().default(null),
    title: ZName("Term title"),
    type: z.enum(termTypes).default("term"),
    startDate: ZIsoDate,
    endDate: ZIsoDate,
  })
  .refine((t) => t.startDate <= t.endDate, { message: "End date must be on or after the start date", path: ["endDate"] });
export type TTermCreate = z.infer<typeof ZTermCreate>;

export const ZCourse = z.object({
  id: ZId,
  schoolId: ZId.nullable(),
  title: z.string(),
  courseCode: z.string().nullable(),
  grades: z.array(z.string()),
  subjects: z.array(z.string()),
  status: ZStatus,
  sourcedId: z.string().nullable(),
});
export type TCourse = z.infer<typeof ZCourse>;

export const ZCourseCreate = z.object({
  schoolId: ZId.nullable().default(null),
  title: ZName("Course title"),
  courseCode: z.string().trim().max(50).optional(),
  grades: z.array(z.string().trim().min(1).max(10)).max(20).default([]),
  subjects: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
});
export type TCourseCreate = z.infer<typeof ZCourseCreate>;

export const ZClassSummary = z.object({
  id: ZId,
  title: z.string(),
  classCode: z.string().nullable(),
  classType: z.enum(["homeroom", "scheduled"]),
  location: z.string().nullable(),
  school: z.object({ id: ZId, name: z.string() }),
  course: z.object({ id: ZId, title: z.string() }).nullable(),
  terms: z.array(z.object({ id: ZId, title: z.string() })),
  grades: z.array(z.string()),
  subjects: z.array(z.string()),
  status: ZStatus,
  studentCount: z.number().int(),
  teachers: z.array(z.object({ id: ZId, name: z.string() })),
  /** The caller's own role in the class, when they are enrolled. */
  myRole: z.string().nullable(),
  sourcedId: z.string().nullable(),
});
export type TClassSummary = z.infer<typeof ZClassSummary>;

export const ZClassQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  schoolId: ZId.optional(),
  status: ZStatus.optional(),
});
export type TClassQuery = z.infer<typeof ZClassQuery>;
export const ZClassPage = ZPaged(ZClassSummary);

export const ZClassCreate = z.object({
  schoolId: ZId,
  title: ZName("Class title"),
  classCode: z.string().trim().max(50).optional(),
  classType: z.enum(["homeroom", "scheduled"]).default("scheduled"),
  location: z.string().trim().max(100).optional(),
  courseId: ZId.optional(),
  termIds: z.array(ZId).max(10).default([]),
  grades: z.array(z.string().trim().min(1).max(10)).max(20).default([]),
  subjects: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
});
export type TClassCreate = z.infer<typeof ZClassCreate>;
// No defaults in an update: a PATCH of the title must not clear terms, grades or subjects.
export const ZClassUpdate = z
  .object({
    title: ZClassCreate.shape.title,
    classCode: ZClassCreate.shape.classCode,
    classType: z.enum(["homeroom", "scheduled"]),
    location: ZClassCreate.shape.location,
    courseId: ZClassCreate.shape.courseId,
    termIds: z.array(ZId).max(10),
    grades: z.array(z.string().trim().min(1).max(10)).max(20),
    subjects: z.array(z.string().trim().min(1).max(100)).max(20),
    status: ZStatus,
  })
  .partial();
export type TClassUpdate = z.infer<typeof ZClassUpdate>;

export const enrolmentRoles = ["student", "teacher", "administrator", "proctor", "aide"] as const;

/** One member of a class. Students see names only: username and grades are null for them. */
export const ZRosterEntry = z.object({
  userId: ZId,
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  role: z.enum(enrolmentRoles),
  username: z.string().nullable(),
  grades: z.array(z.string()).nullable(),
  status: ZStatus,
});
export type TRosterEntry = z.infer<typeof ZRosterEntry>;

export const ZEnrolmentCreate = z.object({ userId: ZId, role: z.enum(enrolmentRoles).default("student") });
export type TEnrolmentCreate = z.infer<typeof ZEnrolmentCreate>;

export const ZChild = z.object({
  id: ZId,
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  grades: z.array(z.string()),
  classes: z.array(ZClassSummary),
});
export type TChild = z.infer<typeof ZChild>;
