import { and, asc, count, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { TPeopleQuery, TRole } from "@stoa/contracts";
import type { DbOrTx } from "../../db/client.js";
import { classes, enrolments, guardianLinks, roleAssignments, schools, sessions, users } from "../../db/schema/index.js";
import type { PeopleScope } from "./people.policy.js";

/** A stored person. */
export type UserRow = typeof users.$inferSelect;
/** A stored role with its school's name. */
export type RoleRow = Awaited<ReturnType<typeof findRolesOf>>[number];

/** Escapes LIKE wildcards so a search for "50%" or "a_b" means what it says. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The people a scope lets the actor see, as SQL (always within the actor's district). */
export function visiblePeople(scope: PeopleScope): SQL {
  const inDistrict = eq(users.districtId, scope.districtId);
  if (scope.everyone) return inDistrict;
  const reach: SQL[] = [];
  if (scope.roleAtSchools.length > 0) {
    reach.push(sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id}
      and ${inArray(roleAssignments.schoolId, scope.roleAtSchools)})`);
  }
  if (scope.guardiansOfStudentsAt.length > 0) {
    reach.push(sql`exists (select 1 from ${guardianLinks} where ${guardianLinks.guardianId} = ${users.id}
      and exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${guardianLinks.studentId}
        and ${roleAssignments.role} = 'student' and ${inArray(roleAssignments.schoolId, scope.guardiansOfStudentsAt)}))`);
  }
  if (scope.studentsAt.length > 0) {
    reach.push(sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id}
      and ${roleAssignments.role} = 'student' and ${inArray(roleAssignments.schoolId, scope.studentsAt)})`);
  }
  if (scope.selfId) reach.push(eq(users.id, scope.selfId));
  if (scope.childrenOfGuardian) {
    reach.push(sql`exists (select 1 from ${guardianLinks} where ${guardianLinks.studentId} = ${users.id}
      and ${guardianLinks.guardianId} = ${scope.childrenOfGuardian})`);
  }
  if (reach.length === 0) return sql`false`;
  return and(inDistrict, or(...reach)) as SQL;
}

function queryFilters(query: Omit<TPeopleQuery, "page" | "pageSize">): SQL[] {
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(users.status, query.status));
  if (query.role || query.schoolId) {
    const role = query.role ? sql`and ${roleAssignments.role} = ${query.role}` : sql``;
    const school = query.schoolId ? sql`and ${roleAssignments.schoolId} = ${query.schoolId}` : sql``;
    filters.push(sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id} ${role} ${school})`);
  }
  if (query.q) {
    const p = likePattern(query.q);
    const matches = or(
      ilike(users.givenName, p),
      ilike(users.familyName, p),
      ilike(users.preferredName, p),
      ilike(users.username, p),
      ilike(users.email, p),
      sql`(${users.givenName} || ' ' || ${users.familyName}) ilike ${p}`,
    );
    if (matches) filters.push(matches);
  }
  return filters;
}

/** One page of the people a scope allows, matching the query, with the total count. */
export async function listPeople(db: DbOrTx, scope: PeopleScope, query: TPeopleQuery): Promise<{ rows: UserRow[]; total: number }> {
  const where = and(visiblePeople(scope), ...queryFilters(query));
  const [counted] = await db.select({ total: count() }).from(users).where(where);
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(sql`lower(${users.familyName})`), asc(sql`lower(${users.givenName})`), asc(users.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { rows, total: counted?.total ?? 0 };
}

/** A person the scope allows, or undefined (missing and hidden look alike). */
export async function findVisiblePerson(db: DbOrTx, scope: PeopleScope, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), visiblePeople(scope))).limit(1);
  return row;
}

/** A person of the district, whoever asks: callers must have authorized the read another way. */
export async function unsafeFindPersonInDistrict(db: DbOrTx, districtId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), eq(users.districtId, districtId))).limit(1);
  return row;
}

/** The roles of these people, with school names, in a stable order. */
export async function findRolesOf(db: DbOrTx, districtId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: roleAssignments.id,
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      schoolId: roleAssignments.schoolId,
      schoolName: schools.name,
      staffKind: roleAssignments.staffKind,
    })
    .from(roleAssignments)
    .leftJoin(schools, eq(schools.id, roleAssignments.schoolId))
    .where(and(eq(roleAssignments.districtId, districtId), inArray(roleAssignments.userId, userIds)))
    .orderBy(asc(schools.name), asc(roleAssignments.role), asc(roleAssignments.id));
}

const guardianUser = alias(users, "linked_user");

/** The guardians linked to a student. */
export async function findGuardiansOf(db: DbOrTx, districtId: string, studentId: string) {
  return db
    .select({ id: guardianUser.id, givenName: guardianUser.givenName, familyName: guardianUser.familyName })
    .from(guardianLinks)
    .innerJoin(guardianUser, eq(guardianUser.id, guardianLinks.guardianId))
    .where(and(eq(guardianLinks.districtId, districtId), eq(guardianLinks.studentId, studentId)))
    .orderBy(asc(guardianUser.familyName), asc(guardianUser.givenName));
}

/** The children linked to a guardian. */
export async function findChildrenOf(db: DbOrTx, districtId: string, guardianId: string) {
  return db
    .select({ id: guardianUser.id, givenName: guardianUser.givenName, familyName: guardianUser.familyName })
    .from(guardianLinks)
    .innerJoin(guardianUser, eq(guardianUser.id, guardianLinks.studentId))
    .where(and(eq(guardianLinks.districtId, districtId), eq(guardianLinks.guardianId, guardianId)))
    .orderBy(asc(guardianUser.familyName), asc(guardianUser.givenName));
}

/** The classes a person is enrolled in, with their role and enrolment status. */
export async function findClassesOf(db: DbOrTx, districtId: string, userId: string) {
  return db
    .select({ id: classes.id, title: classes.title, role: enrolments.role, status: enrolments.status })
    .from(enrolments)
    .innerJoin(classes, eq(classes.id, enrolments.classId))
    .where(and(eq(enrolments.districtId, districtId), eq(enrolments.userId, userId)))
    .orderBy(asc(classes.title), asc(classes.id));
}

/** Whether a username is taken by anyone in the installation (case-insensitive). */
export async function isUsernameTaken(db: DbOrTx, username: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase())).limit(1);
  return row !== undefined;
}

/** Whether an email is taken by anyone else in the installation (case-insensitive). */
export async function isEmailTaken(db: DbOrTx, email: string, exceptUserId?: string): Promise<boolean> {
  const others = exceptUserId ? ne(users.id, exceptUserId) : undefined;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email.toLowerCase()), others))
    .limit(1);
  return row !== undefined;
}

/** Stores a new person. */
export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error("the new person was not returned");
  return row;
}

/** Changes a person of the district and returns them. */
export async function updateUser(
  db: DbOrTx,
  districtId: string,
  id: string,
  changes: Partial<Pick<UserRow, "email" | "givenName" | "familyName" | "preferredName" | "grades" | "status">>,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(users.districtId, districtId), eq(users.id, id)))
    .returning();
  return row;
}

/** Gives a person a role. */
export async function insertRole(
  db: DbOrTx,
  values: { districtId: string; userId: string; role: TRole; schoolId: string | null; staffKind: "counselor" | "interventionist" | "aide" | null },
) {
  const [row] = await db.insert(roleAssignments).values(values).returning({ id: roleAssignments.id });
  if (!row) throw new Error("the new role was not returned");
  return row;
}

/** Takes a role away. */
export async function deleteRole(db: DbOrTx, districtId: string, roleId: string) {
  await db.delete(roleAssignments).where(and(eq(roleAssignments.districtId, districtId), eq(roleAssignments.id, roleId)));
}

/** Whether this guardian is linked to this child. */
export async function hasGuardianLink(db: DbOrTx, districtId: string, guardianId: string, studentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: guardianLinks.guardianId })
    .from(guardianLinks)
    .where(and(eq(guardianLinks.districtId, districtId), eq(guardianLinks.guardianId, guardianId), eq(guardianLinks.studentId, studentId)))
    .limit(1);
  return row !== undefined;
}

/** Links a guardian to a child. */
export async function insertGuardianLink(db: DbOrTx, districtId: string, guardianId: string, studentId: string) {
  await db.insert(guardianLinks).values({ districtId, guardianId, studentId });
}

/** Removes a guardian's link to a child. */
export async function deleteGuardianLink(db: DbOrTx, districtId: string, guardianId: string, studentId: string) {
  await db
    .delete(guardianLinks)
    .where(and(eq(guardianLinks.districtId, districtId), eq(guardianLinks.guardianId, guardianId), eq(guardianLinks.studentId, studentId)));
}

/** Ends every session of a person (after deactivation). */
export async function deleteSessionsOf(db: DbOrTx, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** The name of the unique index a failed insert or update ran into, when that was the failure. */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === "23505") return typeof constraint === "string" ? constraint : "";
  }
  return null;
}
