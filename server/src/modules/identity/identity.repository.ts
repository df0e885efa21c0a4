import { and, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import { preparedPerDatabase, type Db, type DbOrTx } from "../../db/client.js";
import { districts, loginFailures, roleAssignments, schools, sessions, users } from "../../db/schema/index.js";
import type { TRole } from "@stoa/contracts";
import type { ActorRole } from "../../platform/actor.js";

type TStaffKind = "counselor" | "interventionist" | "aide";

/** The user who signs in with this username or email (case-insensitive), active or not. */
export async function findUserByLogin(db: DbOrTx, login: string) {
  const lower = login.toLowerCase();
  const [row] = await db
    .select()
    .from(users)
    .where(or(eq(sql`lower(${users.username})`, lower), eq(sql`lower(${users.email})`, lower)))
    .limit(1);
  return row;
}

/** A user by id. */
export async function findUserById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Stores a new session. */
export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export interface SessionRow {
  userId: string;
  districtId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  roles: ActorRole[];
}

function prepareFindSession(db: Db) {
  return db
    .select({
      userId: sessions.userId,
      districtId: users.districtId,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      roles: sql<
        ActorRole[]
      >`coalesce((select json_agg(json_build_object('role', r.role, 'schoolId', r.school_id, 'staffKind', r.staff_kind))
        from ${roleAssignments} r where r.user_id = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder("tokenHash")), eq(users.status, "active")))
    .limit(1)
    .prepare("find_session");
}

// This runs on every request: a named prepared statement skips building the SQL and re-planning it.
const preparedFindSession = preparedPerDatabase(prepareFindSession);

/** A live session with its user's district and roles, in one query. */
export async function findSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await preparedFindSession(db).execute({ tokenHash });
  return row;
}

/** Marks a session as used now. */
export async function touchSession(db: DbOrTx, tokenHash: string) {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends one session. */
export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user, except the one given. */
export async function deleteSessionsOfUser(db: DbOrTx, userId: string, keepTokenHash?: string) {
  const keep = keepTokenHash ? sql`${sessions.tokenHash} <> ${keepTokenHash}` : sql`true`;
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keep));
}

/** Failures per key since a moment, with the oldest one (to compute Retry-After). */
export async function countFailures(db: DbOrTx, keys: string[], since: Date) {
  return db
    .select({ key: loginFailures.key, count: sql<number>`count(*)::int`, oldest: sql<string>`min(${loginFailures.at})` })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, keys), gte(loginFailures.at, since)))
    .groupBy(loginFailures.key);
}

/** Records one failed sign-in under each key. */
export async function recordFailures(db: DbOrTx, keys: string[]) {
  await db.insert(loginFailures).values(keys.map((key) => ({ key })));
}

/** Forgets failures of a key (after a successful sign-in) and old failures of any key. */
export async function clearFailures(db: DbOrTx, key: string, olderThan: Date) {
  await db.delete(loginFailures).where(or(eq(loginFailures.key, key), lt(loginFailures.at, olderThan)));
}

/** Sets a user's password hash. */
export async function updatePasswordHash(db: DbOrTx, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** /api/me runs on every page load: one prepared statement. */
const profile = preparedPerDatabase((db) =>
  db
    .select({
      id: users.id,
      username: users.username,
      email: users.email,
      givenName: users.givenName,
      familyName: users.familyName,
      preferredName: users.preferredName,
      districtId: districts.id,
      districtName: districts.name,
      roles: sql<{ id: string; role: TRole; schoolId: string | null; schoolName: string | null; staffKind: TStaffKind | null }[]>`coalesce((
        select json_agg(json_build_object('id', r.id, 'role', r.role, 'schoolId', r.school_id, 'schoolName', s.name, 'staffKind', r.staff_kind) order by s.name, r.role)
        from ${roleAssignments} r left join ${schools} s on s.id = r.school_id where r.user_id = ${users.id}), '[]'::json)`,
    })
    .from(users)
    .innerJoin(districts, eq(districts.id, users.districtId))
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare("identity_profile"),
);

/** The user, their district and role assignments (with school names), in one query: /api/me. */
export async function findProfile(db: Db, userId: string) {
  const [row] = await profile(db).execute({ userId });
  return row;
}
