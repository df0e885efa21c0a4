import { sql } from "drizzle-orm";
import { boolean, date, index, pgTable, text, timestamp, uniqueIndex, uuid, jsonb } from "drizzle-orm/pg-core";
import { districts, schools, users } from "./organisation.js";

const status = () => text("status", { enum: ["active", "inactive"] }).notNull().default("active");
const stamps = () => ({
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An academic session: school year, semester, term or grading period. */
export const terms = pgTable(
  "terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    schoolId: uuid("school_id").references(() => schools.id),
    title: text("title").notNull(),
    type: text("type", { enum: ["schoolYear", "semester", "term", "gradingPeriod"] }).notNull().default("term"),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    parentSourcedId: text("parent_sourced_id"),
    schoolYear: text("school_year"),
    status: status(),
    sourcedId: text("sourced_id"),
    ...stamps(),
  },
  (t) => [index("terms_district_idx").on(t.districtId), uniqueIndex("terms_sourced_idx").on(t.districtId, t.sourcedId)],
);

/** A course: what classes are sections of. */
export const courses = pgTable(
  "courses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    schoolId: uuid("school_id").references(() => schools.id),
    title: text("title").notNull(),
    courseCode: text("course_code"),
    grades: text("grades").array().notNull().default(sql`'{}'::text[]`),
    subjects: text("subjects").array().notNull().default(sql`'{}'::text[]`),
    schoolYearSourcedId: text("school_year_sourced_id"),
    status: status(),
    sourcedId: text("sourced_id"),
    metadata: jsonb("metadata").$type<Record<string, string>>(),
    ...stamps(),
  },
  (t) => [index("courses_district_idx").on(t.districtId), uniqueIndex("courses_sourced_idx").on(t.districtId, t.sourcedId)],
);

/** A class: a group of students with teachers, in one school and term. */
export const classes = pgTable(
  "classes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    schoolId: uuid("school_id").notNull().references(() => schools.id),
    courseId: uuid("course_id").references(() => courses.id),
    termIds: uuid("term_ids").array().notNull().default(sql`'{}'::uuid[]`),
    title: text("title").notNull(),
    classCode: text("class_code"),
    classType: text("class_type", { enum: ["homeroom", "scheduled"] }).notNull().default("scheduled"),
    location: text("location"),
    grades: text("grades").array().notNull().default(sql`'{}'::text[]`),
    subjects: text("subjects").array().notNull().default(sql`'{}'::text[]`),
    subjectCodes: text("subject_codes").array().notNull().default(sql`'{}'::text[]`),
    periods: text("periods").array().notNull().default(sql`'{}'::text[]`),
    status: status(),
    sourcedId: text("sourced_id"),
    metadata: jsonb("metadata").$type<Record<string, string>>(),
    ...stamps(),
  },
  (t) => [
    index("classes_school_idx").on(t.schoolId),
    index("classes_district_idx").on(t.districtId),
    uniqueIndex("classes_sourced_idx").on(t.districtId, t.sourcedId),
  ],
);

export const enrolmentRoles = ["student", "teacher", "administrator", "proctor", "aide"] as const;

/** A person's membership of a class. Inactive enrolments keep the row so the student's work remains. */
export const enrolments = pgTable(
  "enrolments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    classId: uuid("class_id").notNull().references(() => classes.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    role: text("role", { enum: enrolmentRoles }).notNull(),
    primary: boolean("primary").notNull().default(false),
    beginDate: date("begin_date"),
    endDate: date("end_date"),
    status: status(),
    sourcedId: text("sourced_id"),
    ...stamps(),
  },
  (t) => [
    uniqueIndex("enrolments_member_idx").on(t.classId, t.userId, t.role),
    index("enrolments_user_idx").on(t.userId, t.status),
    uniqueIndex("enrolments_sourced_idx").on(t.districtId, t.sourcedId),
  ],
);

/**
 * Each class's member list as JSON text (`ZRosterEntry[]`), kept by triggers on enrolments and
 * users in the transaction of every change, so a roster read is a primary-key read rather than a
 * join, sort and aggregation (decision 007). `activeJson`: active members, names only; `fullJson`:
 * every member with usernames and grades (the class's teachers, staff and admins); `summaryJson`:
 * the class list's entry.
 */
export const classRosters = pgTable("class_rosters", {
  classId: uuid("class_id")
    .primaryKey()
    .references(() => classes.id),
  activeJson: text("active_json").notNull(),
  fullJson: text("full_json").notNull(),
  /**
   * The class summary (`ZClassSummary` without the reader's `myRole`) as JSON text: the class, its
   * school, course and terms, active student count and teachers. Kept by the same triggers and by
   * triggers on classes, schools, courses and terms (decision 020).
   */
  summaryJson: text("summary_json").notNull().default("{}"),
});
