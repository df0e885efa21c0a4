import { and, asc, eq, ilike, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { preparedPerDatabase, type Db, type DbOrTx } from "../../db/client.js";
import { classScope, type ClassScopeParams, type ClassScopeSql } from "./roster.policy.js";
import type { TClassSummary } from "@stoa/contracts";
import {
  classes,
  classRosters,
  courses,
  enrolments,
  guardianLinks,
  roleAssignments,
  schools,
  terms,
  users,
} from "../../db/schema/index.js";

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A class summary (`ZClassSummary`) as JSON text: the summary kept ready in `class_rosters` (by
 * triggers, decision 020) with the caller's role in the class added before its closing brace.
 * Joined to `classRosters` by the caller; PostgreSQL evaluates it only for the rows of the page.
 */
function summaryText(userId: string | SQLWrapper) {
  // max(role): a person enrolled twice (say aide and teacher) counts as the teacher.
  const myRole = sql`(select max(e.role) from ${enrolments} e where e.class_id = ${classes.id} and e.user_id = ${userId}::uuid and e.status = 'active')`;
  return sql<string>`left(${classRosters.summaryJson}, -1) || ',"myRole":' || coalesce(to_json(${myRole})::text, 'null') || '}'`;
}

/** A class summary, parsed by `pg` (for reads that are not hot). */
const summaryColumn = (userId: string) => sql<TClassSummary>`(${summaryText(userId)})::json`;

/** The class list of any actor and filter, as one prepared statement (it runs on every visit to the class list). */
const classPage = preparedPerDatabase((db) =>
  db
    .select({ json: summaryText(sql.placeholder("userId")), total: sql<number>`(count(*) over ())::int` })
    .from(classes)
    .innerJoin(classRosters, eq(classRosters.classId, classes.id))
    .where(
      sql`${classScope(scopePlaceholders)}
        and (${sql.placeholder("like")}::text is null or ${classes.title} ilike ${sql.placeholder("like")} or ${classes.classCode} ilike ${sql.placeholder("like")})
        and (${sql.placeholder("schoolId")}::uuid is null or ${classes.schoolId} = ${sql.placeholder("schoolId")})
        and (${sql.placeholder("status")}::text is null or ${classes.status} = ${sql.placeholder("status")})`,
    )
    .orderBy(asc(classes.title), asc(classes.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare("roster_class_page"),
);

const scopePlaceholders: ClassScopeSql = {
  districtId: sql.placeholder("districtId"),
  userId: sql.placeholder("userId"),
  wholeDistrict: sql.placeholder("wholeDistrict"),
  schoolIds: sql.placeholder("schoolIds"),
};

/** A page of classes the actor may see, as JSON text, with a total. */
export async function listClasses(
  db: Db,
  scope: ClassScopeParams,
  filter: { q?: string; schoolId?: string; status?: "active" | "inactive"; page: number; pageSize: number },
) {
  const found = await classPage(db).execute({
    ...scope,
    like: filter.q ? `%${escapeLike(filter.q)}%` : null,
    schoolId: filter.schoolId ?? null,
    status: filter.status ?? null,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  // The summaries stay JSON text: joined, not parsed and re-serialised.
  const itemsJson = `[${found.map((row) => row.json).join(",")}]`;
  if (found.length > 0 || filter.page === 1) return { itemsJson, total: found[0]?.total ?? 0 };
  // A page past the end carries no window count: count separately (rare).
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(classes)
    .where(
      and(
        classScope(bindScope(scope)),
        filter.q ? or(ilike(classes.title, `%${escapeLike(filter.q)}%`), ilike(classes.classCode, `%${escapeLike(filter.q)}%`)) : undefined,
        filter.schoolId ? eq(classes.schoolId, filter.schoolId) : undefined,
        filter.status ? eq(classes.status, filter.status) : undefined,
      ),
    );
  return { itemsJson, total: count?.n ?? 0 };
}

const bindScope = (p: ClassScopeParams): ClassScopeSql => ({
  districtId: sql.param(p.districtId),
  userId: sql.param(p.userId),
  wholeDistrict: sql.param(p.wholeDistrict),
  schoolIds: sql.param(p.schoolIds),
});

/** One class within a scope. */
export async function findClass(db: DbOrTx, userId: string, scope: SQL, id: string) {
  const [row] = await db
    .select({ summary: summaryColumn(userId) })
    .from(classes)
    .innerJoin(classRosters, eq(classRosters.classId, classes.id))
    .where(and(scope, eq(classes.id, id)));
  return row?.summary;
}

/**
 * A class's roster with what the access check needs, in one prepared statement: the class's school,
 * the caller's role in it and the members they may see as JSON text, kept ready in `class_rosters`
 * by triggers and sent as-is (Node neither parses nor re-serialises the rows); no row when the
 * class is not visible.
 * "Full" (inactive members, usernames and grades) is `classPolicies(...).viewFullRoster` decided in
 * SQL: `fullRosterSchools` or being the class's teacher, so nothing is filtered after loading.
 * The members' keys and order are those of `ZRosterEntry` (the tests check every response against it).
 */
const rosterWithAccess = preparedPerDatabase((db) => {
  // max(role): a person enrolled twice (say aide and teacher) counts as the teacher.
  const me = db
    .select({ role: sql<string | null>`max(${enrolments.role})`.as("my_role") })
    .from(enrolments)
    .where(
      sql`${enrolments.classId} = ${classes.id} and ${enrolments.userId} = ${sql.placeholder("userId")}::uuid and ${enrolments.status} = 'active'`,
    )
    .as("me");
  const full = sql`(${sql.placeholder("fullEverywhere")}::boolean or ${classes.schoolId} = any(${sql.placeholder("fullSchoolIds")}::uuid[])
    or ${me.role} = 'teacher')`;
  return db
    .select({
      schoolId: classes.schoolId,
      myRole: me.role,
      membersJson: sql<string>`coalesce(case when ${full} then ${classRosters.fullJson} else ${classRosters.activeJson} end, '[]')`,
    })
    .from(classes)
    .leftJoinLateral(me, sql`true`)
    .leftJoin(classRosters, eq(classRosters.classId, classes.id))
    .where(and(classScope(scopePlaceholders), eq(classes.id, sql.placeholder("classId"))))
    .prepare("roster_with_access");
});

/** A visible class's school, the caller's role in it and the members they may see as JSON text; undefined when not visible. */
export async function findRosterWithAccess(
  db: Db,
  scope: ClassScopeParams,
  full: { wholeDistrict: boolean; schoolIds: string[] },
  classId: string,
) {
  const [row] = await rosterWithAccess(db).execute({
    ...scope,
    classId,
    fullEverywhere: full.wholeDistrict,
    fullSchoolIds: full.schoolIds,
  });
  return row;
}

/** Inserts a class. */
export async function insertClass(db: DbOrTx, values: typeof classes.$inferInsert) {
  const [row] = await db.insert(classes).values(values).returning({ id: classes.id });
  return row!;
}

/** Updates a class. */
export async function updateClass(db: DbOrTx, id: string, values: Partial<typeof classes.$inferInsert>) {
  await db
    .update(classes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(classes.id, id));
}

/** Adds or reactivates an enrolment. */
export async function upsertEnrolment(
  db: DbOrTx,
  values: { districtId: string; classId: string; userId: string; role: (typeof enrolments.$inferInsert)["role"] },
) {
  await db
    .insert(enrolments)
    .values({ ...values, status: "active" })
    .onConflictDoUpdate({
      target: [enrolments.classId, enrolments.userId, enrolments.role],
      set: { status: "active", updatedAt: new Date() },
    });
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
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(users.districtId, districtId),
        or(eq(roleAssignments.schoolId, schoolId), sql`${roleAssignments.schoolId} is null`),
      ),
    );
  return rows;
}

/** Does a school belong to the district? */
export async function schoolInDistrict(db: DbOrTx, districtId: string, schoolId: string) {
  const [row] = await db
    .select({ id: schools.id })
    .from(schools)
    .where(and(eq(schools.id, schoolId), eq(schools.districtId, districtId)));
  return Boolean(row);
}

/** Terms of the district. */
export const listTerms = (db: DbOrTx, districtId: string) =>
  db
    .select()
    .from(terms)
    .where(eq(terms.districtId, districtId))
    .orderBy(sql`${terms.startDate} desc`, asc(terms.title));

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
  const [row] = await db
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.id, courseId), eq(courses.districtId, districtId)));
  return Boolean(row);
}

/** The children linked to a guardian. */
export async function listChildren(db: DbOrTx, guardianId: string) {
  return db
    .select({
      id: users.id,
      givenName: users.givenName,
      familyName: users.familyName,
      preferredName: users.preferredName,
      grades: users.grades,
    })
    .from(guardianLinks)
    .innerJoin(users, eq(users.id, guardianLinks.studentId))
    .where(and(eq(guardianLinks.guardianId, guardianId), eq(users.status, "active")))
    .orderBy(asc(users.givenName));
}

/** The active classes of several students at once, with the student id. */
export async function classesOfStudents(db: DbOrTx, userId: string, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .select({ summary: summaryColumn(userId), studentId: enrolments.userId })
    .from(enrolments)
    .innerJoin(classes, eq(classes.id, enrolments.classId))
    .innerJoin(classRosters, eq(classRosters.classId, classes.id))
    .where(
      and(
        sql`${enrolments.userId} = any(${sql.param(studentIds)}::uuid[])`,
        eq(enrolments.status, "active"),
        eq(enrolments.role, "student"),
        eq(classes.status, "active"),
      ),
    )
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
        eq(t.userId, teacherId),
        eq(t.role, "teacher"),
        eq(t.status, "active"),
        eq(enrolments.userId, studentId),
        eq(enrolments.role, "student"),
        eq(enrolments.status, "active"),
        eq(classes.status, "active"),
      ),
    )
    .limit(1);
  return Boolean(row);
}
