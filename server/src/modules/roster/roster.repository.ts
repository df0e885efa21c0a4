import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import { classes, courses, enrolments, guardianLinks, roleAssignments, schools, terms, users } from "../../db/schema/index.js";

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Columns of a class summary, with counts and teachers computed in SQL (no N+1). */
function summaryColumns(userId: string) {
  return {
    id: classes.id,
    title: classes.title,
    classCode: classes.classCode,
    classType: classes.classType,
    location: classes.location,
    grades: classes.grades,
    subjects: classes.subjects,
    status: classes.status,
    sourcedId: classes.sourcedId,
    schoolId: schools.id,
    schoolName: schools.name,
    courseId: courses.id,
    courseTitle: courses.title,
    terms: sql<{ id: string; title: string }[]>`coalesce((select json_agg(json_build_object('id', t.id, 'title', t.title) order by t.start_date)
      from ${terms} t where t.id = any(${classes.termIds})), '[]'::json)`,
    studentCount: sql<number>`(select count(*)::int from ${enrolments} e where e.class_id = ${classes.id} and e.role = 'student' and e.status = 'active')`,
    teachers: sql<{ id: string; name: string }[]>`coalesce((select json_agg(json_build_object('id', u.id, 'name', u.given_name || ' ' || u.family_name) order by u.family_name)
      from ${enrolments} e join ${users} u on u.id = e.user_id where e.class_id = ${classes.id} and e.role = 'teacher' and e.status = 'active'), '[]'::json)`,
    myRole: sql<string | null>`(select e.role from ${enrolments} e where e.class_id = ${classes.id} and e.user_id = ${userId} and e.status = 'active' limit 1)`,
  };
}

export type ClassSummaryRow = Awaited<ReturnType<typeof listClasses>>["rows"][number];

/** A page of classes within a scope, with a total. */
export async function listClasses(
  db: DbOrTx,
  userId: string,
  scope: SQL,
  filter: { q?: string; schoolId?: string; status?: "active" | "inactive"; page: number; pageSize: number },
) {
  const conditions: (SQL | undefined)[] = [scope];
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(classes.title, like), ilike(classes.classCode, like)));
  }
  if (filter.schoolId) conditions.push(eq(classes.schoolId, filter.schoolId));
  if (filter.status) conditions.push(eq(classes.status, filter.status));
  const where = and(...conditions);
  const found = await db
    .select({ ...summaryColumns(userId), total: sql<number>`(count(*) over ())::int` })
    .from(classes)
    .innerJoin(schools, eq(schools.id, classes.schoolId))
    .leftJoin(courses, eq(courses.id, classes.courseId))
    .where(where)
    .orderBy(asc(classes.title), asc(classes.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const rows = found.map(({ total: _total, ...row }) => row);
  if (found.length > 0 || filter.page === 1) return { rows, total: found[0]?.total ?? 0 };
  // A page past the end carries no window count: count separately (rare).
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(classes).where(where);
  return { rows, total: count?.n ?? 0 };
}

/** One class within a scope. */
export async function findClass(db: DbOrTx, userId: string, scope: SQL, id: string) {
  const [row] = await db
    .select(summaryColumns(userId))
    .from(classes)
    .innerJoin(schools, eq(schools.id, classes.schoolId))
    .leftJoin(courses, eq(courses.id, classes.courseId))
    .where(and(scope, eq(classes.id, id)));
  return row;
}

/** Just what an access check needs: the class's school and the caller's role in it (null when not visible). */
export async function findClassAccess(db: DbOrTx, userId: string, scope: SQL, id: string) {
  const [row] = await db
    .select({ schoolId: classes.schoolId, myRole: enrolments.role })
    .from(classes)
    .leftJoin(enrolments, and(eq(enrolments.classId, classes.id), eq(enrolments.userId, userId), eq(enrolments.status, "active")))
    .where(and(scope, eq(classes.id, id)))
    .limit(1);
  return row;
}

/** The members of a class with their names. */
export async function listRoster(db: DbOrTx, classId: string, activeOnly: boolean) {
  return db
    .select({
      userId: users.id,
      givenName: users.givenName,
      familyName: users.familyName,
      preferredName: users.preferredName,
      username: users.username,
      grades: users.grades,
      role: enrolments.role,
      status: enrolments.status,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.classId, classId), activeOnly ? eq(enrolments.status, "active") : undefined))
    .orderBy(sql`case when ${enrolments.role} = 'teacher' then 0 else 1 end`, asc(users.familyName), asc(users.givenName));
}

/** Inserts a class. */
export async function insertClass(db: DbOrTx, values: typeof classes.$inferInsert) {
  const [row] = await db.insert(classes).values(values).returning({ id: classes.id });
  return row!;
}

/** Updates a class. */
export async function updateClass(db: DbOrTx, id: string, values: Partial<typeof classes.$inferInsert>) {
  await db.update(classes).set({ ...values, updatedAt: new Date() }).where(eq(classes.id, id));
}

/** Adds or reactivates an enrolment. */
export async function upsertEnrolment(db: DbOrTx, values: { districtId: string; classId: string; userId: string; role: (typeof enrolments.$inferInsert)["role"] }) {
  await db
    .insert(enrolments)
    .values({ ...values, status: "active" })
    .onConflictDoUpdate({ target: [enrolments.classId, enrolments.userId, enrolments.role], set: { status: "active", updatedAt: new Date() } });
}

/** Marks a person's enrolments in a class inactive; the row (and their work) stays. */
export async function deactivateEnrolments(db: DbOrTx, classId: string, userId: string) {
  return db
    .update(enrolments)
    .set({ status: "inactive", updatedAt: new Date() })
    .where(and(eq(enrolments.classId, classId), eq(enrolments.userId, userId), eq(enrolments.status, "active")))
    .returning({ role: enrolments.role });
}

/** The roles a user holds at a school (for enrolment checks). */
export async function rolesAtSchool(db: DbOrTx, districtId: string, userId: string, schoolId: string) {
  const rows = await db
    .select({ role: roleAssignments.role, status: users.status })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.userId, userId), eq(users.districtId, districtId), or(eq(roleAssignments.schoolId, schoolId), sql`${roleAssignments.schoolId} is null`)));
  return rows;
}

/** Does a school belong to the district? */
export async function schoolInDistrict(db: DbOrTx, districtId: string, schoolId: string) {
  const [row] = await db.select({ id: schools.id }).from(schools).where(and(eq(schools.id, schoolId), eq(schools.districtId, districtId)));
  return Boolean(row);
}

/** Terms of the district. */
export const listTerms = (db: DbOrTx, districtId: string) =>
  db.select().from(terms).where(eq(terms.districtId, districtId)).orderBy(sql`${terms.startDate} desc`, asc(terms.title));

/** Courses of the district. */
export const listCourses = (db: DbOrTx, districtId: string) =>
  db.select().from(courses).where(eq(courses.districtId, districtId)).orderBy(asc(courses.title));

/** Inserts a term. */
export async function insertTerm(db: DbOrTx, values: typeof terms.$inferInsert) {
  const [row] = await db.insert(terms).values(values).returning();
  return row!;
}

/** Inserts a course. */
export async function insertCourse(db: DbOrTx, values: typeof courses.$inferInsert) {
  const [row] = await db.insert(courses).values(values).returning();
  return row!;
}

/** Which of these ids are terms / a course of the district (set-based check). */
export async function countTermsInDistrict(db: DbOrTx, districtId: string, ids: string[]) {
  if (ids.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(terms)
    .where(and(eq(terms.districtId, districtId), sql`${terms.id} = any(${sql.param(ids)}::uuid[])`));
  return row?.n ?? 0;
}

/** Does the course belong to the district? */
export async function courseInDistrict(db: DbOrTx, districtId: string, courseId: string) {
  const [row] = await db.select({ id: courses.id }).from(courses).where(and(eq(courses.id, courseId), eq(courses.districtId, districtId)));
  return Boolean(row);
}

/** The children linked to a guardian. */
export async function listChildren(db: DbOrTx, guardianId: string) {
  return db
    .select({ id: users.id, givenName: users.givenName, familyName: users.familyName, preferredName: users.preferredName, grades: users.grades })
    .from(guardianLinks)
    .innerJoin(users, eq(users.id, guardianLinks.studentId))
    .where(and(eq(guardianLinks.guardianId, guardianId), eq(users.status, "active")))
    .orderBy(asc(users.givenName));
}

/** The active classes of several students at once, with the student id. */
export async function classesOfStudents(db: DbOrTx, userId: string, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .select({ ...summaryColumns(userId), studentId: enrolments.userId })
    .from(enrolments)
    .innerJoin(classes, eq(classes.id, enrolments.classId))
    .innerJoin(schools, eq(schools.id, classes.schoolId))
    .leftJoin(courses, eq(courses.id, classes.courseId))
    .where(and(sql`${enrolments.userId} = any(${sql.param(studentIds)}::uuid[])`, eq(enrolments.status, "active"), eq(enrolments.role, "student"), eq(classes.status, "active")))
    .orderBy(asc(classes.title));
}

/** Is the teacher actively teaching a class in which the student is actively enrolled? */
export async function teachesStudent(db: DbOrTx, teacherId: string, studentId: string) {
  const t = alias(enrolments, "t");
  const [row] = await db
    .select({ classId: t.classId })
    .from(t)
    .innerJoin(enrolments, eq(enrolments.classId, t.classId))
    .innerJoin(classes, eq(classes.id, t.classId))
    .where(
      and(
        eq(t.userId, teacherId), eq(t.role, "teacher"), eq(t.status, "active"),
        eq(enrolments.userId, studentId), eq(enrolments.role, "student"), eq(enrolments.status, "active"),
        eq(classes.status, "active"),
      ),
    )
    .limit(1);
  return Boolean(row);
}
