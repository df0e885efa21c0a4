import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import {
  classes,
  demographics,
  districts,
  enrolments,
  groupMembers,
  groupSets,
  groupSurveyAnswers,
  groupSurveys,
  groups,
  studentAttributes,
  users,
} from "../../db/schema/index.js";

const displayName = sql<string>`coalesce(nullif(${users.preferredName}, ''), ${users.givenName}) || ' ' || ${users.familyName}`;
// The outer column is spelled out with its table: drizzle leaves columns unqualified in single-table
// selects, and a bare "id" inside the subquery would mean the enrolment's id.
const myRoleIn = (table: "classes" | "group_sets", column: "id" | "class_id", userId: string) =>
  sql<
    string | null
  >`(select e.role from ${enrolments} e where e.class_id = ${sql.identifier(table)}.${sql.identifier(column)} and e.user_id = ${userId} and e.status = 'active'
    order by case e.role when 'teacher' then 0 when 'student' then 1 else 2 end limit 1)`;

/** A class of the district with the caller's role in it (null when it does not exist in the district). */
export async function findClass(db: DbOrTx, districtId: string, userId: string, classId: string) {
  const [row] = await db
    .select({
      id: classes.id,
      title: classes.title,
      schoolId: classes.schoolId,
      districtId: classes.districtId,
      myRole: myRoleIn("classes", "id", userId),
    })
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.districtId, districtId)));
  return row ?? null;
}

/** A set of the district with its class's school and the caller's role in the class. */
export async function findSet(db: DbOrTx, districtId: string, userId: string, setId: string) {
  const [row] = await db
    .select({ set: groupSets, schoolId: classes.schoolId, classTitle: classes.title, myRole: myRoleIn("group_sets", "class_id", userId) })
    .from(groupSets)
    .innerJoin(classes, eq(classes.id, groupSets.classId))
    .where(and(eq(groupSets.id, setId), eq(groupSets.districtId, districtId)));
  return row ?? null;
}

/** Locks the set's row for the rest of the transaction and returns it. */
export async function lockSet(tx: DbOrTx, setId: string) {
  const [row] = await tx.select().from(groupSets).where(eq(groupSets.id, setId)).for("update");
  return row ?? null;
}

const counts = {
  groupCount: sql<number>`(select count(*)::int from ${groups} g where g.set_id = "group_sets"."id")`,
  memberCount: sql<number>`(select count(*)::int from ${groupMembers} m where m.set_id = "group_sets"."id")`,
};

/** The sets of a class, newest first; `publishedOnly` for students. */
export async function listSets(db: DbOrTx, classId: string, publishedOnly: boolean) {
  return db
    .select({ set: groupSets, ...counts })
    .from(groupSets)
    .where(
      and(
        eq(groupSets.classId, classId),
        publishedOnly ? sql`${groupSets.publishedAt} is not null and ${groupSets.archivedAt} is null` : undefined,
      ),
    )
    .orderBy(desc(groupSets.createdAt), asc(groupSets.id));
}

/** One set with its counts. */
export async function getSetWithCounts(db: DbOrTx, setId: string) {
  const [row] = await db
    .select({ set: groupSets, ...counts })
    .from(groupSets)
    .where(eq(groupSets.id, setId));
  return row ?? null;
}

/** Active students of a class with their names and usernames. */
export async function listClassStudents(db: DbOrTx, classId: string) {
  return db
    .select({ userId: users.id, name: displayName, username: users.username })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.classId, classId), eq(enrolments.role, "student"), eq(enrolments.status, "active")))
    .orderBy(asc(users.familyName), asc(users.givenName), asc(users.id));
}

/** Inserts a set. */
export async function insertSet(tx: DbOrTx, values: typeof groupSets.$inferInsert) {
  const [row] = await tx.insert(groupSets).values(values).returning();
  return row!;
}

/** Updates a set if its version still matches, bumping the version; null when it moved on (stale). */
export async function updateSetIfVersion(tx: DbOrTx, setId: string, version: number, values: Partial<typeof groupSets.$inferInsert>) {
  const [row] = await tx
    .update(groupSets)
    .set({ ...values, version: sql`${groupSets.version} + 1`, updatedAt: new Date() })
    .where(and(eq(groupSets.id, setId), eq(groupSets.version, version)))
    .returning();
  return row ?? null;
}

/** Deletes a set (its groups and members go with it). */
export async function deleteSet(tx: DbOrTx, setId: string) {
  await tx.delete(groupSets).where(eq(groupSets.id, setId));
}

/** Inserts the groups of a set (named Group 1..n unless names are given) and returns them in order. */
export async function insertGroups(
  tx: DbOrTx,
  set: { id: string; districtId: string; classId: string },
  specs: { name: string; capacity: number | null }[],
) {
  if (specs.length === 0) return [];
  return tx
    .insert(groups)
    .values(
      specs.map((s, position) => ({
        setId: set.id,
        districtId: set.districtId,
        classId: set.classId,
        name: s.name,
        capacity: s.capacity,
        position,
      })),
    )
    .returning({ id: groups.id, name: groups.name, position: groups.position });
}

/** Replaces every membership of a set with the given one. */
export async function replaceMembers(
  tx: DbOrTx,
  set: { id: string; districtId: string },
  members: { groupId: string; userId: string; locked: boolean }[],
) {
  await tx.delete(groupMembers).where(eq(groupMembers.setId, set.id));
  if (members.length === 0) return;
  await tx.insert(groupMembers).values(members.map((m) => ({ ...m, setId: set.id, districtId: set.districtId })));
}

/** The groups of a set (ids and positions), in order. */
export async function listGroupIds(db: DbOrTx, setId: string) {
  return db
    .select({ id: groups.id, name: groups.name, position: groups.position, capacity: groups.capacity })
    .from(groups)
    .where(eq(groups.setId, setId))
    .orderBy(asc(groups.position));
}

/** Places a student in a group of the set (or nowhere when groupId is null), keeping their lock. */
export async function placeMember(
  tx: DbOrTx,
  set: { id: string; districtId: string },
  userId: string,
  groupId: string | null,
  locked: boolean,
) {
  await tx.delete(groupMembers).where(and(eq(groupMembers.setId, set.id), eq(groupMembers.userId, userId)));
  if (groupId) await tx.insert(groupMembers).values({ groupId, setId: set.id, userId, districtId: set.districtId, locked });
}

/** A student's membership in a set, or null. */
export async function findMembership(db: DbOrTx, setId: string, userId: string) {
  const [row] = await db
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.setId, setId), eq(groupMembers.userId, userId)));
  return row ?? null;
}

/** Sets a member's lock; the number of rows changed. */
export async function setLocked(tx: DbOrTx, setId: string, userId: string, locked: boolean) {
  const rows = await tx
    .update(groupMembers)
    .set({ locked })
    .where(and(eq(groupMembers.setId, setId), eq(groupMembers.userId, userId)))
    .returning({ userId: groupMembers.userId });
  return rows.length;
}

/**
 * Self-signup: joins a group if a seat is left. The group's row is locked first so concurrent joins
 * to the same group queue and each sees the seats the previous one took.
 */
export async function joinIfSeat(
  tx: DbOrTx,
  set: { id: string; districtId: string },
  groupId: string,
  userId: string,
  defaultCapacity: number,
) {
  const [group] = await tx
    .select({ id: groups.id, capacity: groups.capacity })
    .from(groups)
    .where(and(eq(groups.id, groupId), eq(groups.setId, set.id)))
    .for("update");
  if (!group) return "no-group" as const;
  // Checked before leaving the old group, so a full group leaves the student where they were.
  const [taken] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), ne(groupMembers.userId, userId)));
  if ((taken?.n ?? 0) >= (group.capacity ?? defaultCapacity)) return "full" as const;
  await tx.delete(groupMembers).where(and(eq(groupMembers.setId, set.id), eq(groupMembers.userId, userId)));
  await tx.insert(groupMembers).values({ groupId, setId: set.id, userId, districtId: set.districtId });
  return "joined" as const;
}

/** Seats taken per group of a set. */
export async function seatsTaken(db: DbOrTx, setId: string) {
  return db
    .select({ groupId: groupMembers.groupId, n: sql<number>`count(*)::int` })
    .from(groupMembers)
    .where(eq(groupMembers.setId, setId))
    .groupBy(groupMembers.groupId);
}

/** Removes a student from every group of a set; rows removed. */
export async function leaveSet(tx: DbOrTx, setId: string, userId: string) {
  const rows = await tx
    .delete(groupMembers)
    .where(and(eq(groupMembers.setId, setId), eq(groupMembers.userId, userId)))
    .returning({ userId: groupMembers.userId });
  return rows.length;
}

/** How often each pair of students shared a group in the other sets of the class (the history for "new partners"). */
export async function pairHistory(db: DbOrTx, classId: string, exceptSetId: string | null) {
  const a = alias(groupMembers, "a");
  const b = alias(groupMembers, "b");
  return db
    .select({ a: a.userId, b: b.userId, count: sql<number>`count(*)::int` })
    .from(a)
    .innerJoin(b, and(eq(b.groupId, a.groupId), sql`${a.userId} < ${b.userId}`))
    .innerJoin(groupSets, eq(groupSets.id, a.setId))
    .where(and(eq(groupSets.classId, classId), exceptSetId ? ne(groupSets.id, exceptSetId) : undefined))
    .groupBy(a.userId, b.userId);
}

/** Student attributes of a class (name, user, value). */
export async function listAttributes(db: DbOrTx, classId: string) {
  return db
    .select({ name: studentAttributes.name, userId: studentAttributes.userId, value: studentAttributes.value })
    .from(studentAttributes)
    .where(eq(studentAttributes.classId, classId))
    .orderBy(asc(studentAttributes.name));
}

/** Upserts attribute values (and deletes those given as null). */
export async function writeAttributes(
  tx: DbOrTx,
  cls: { id: string; districtId: string },
  updatedBy: string,
  values: { name: string; userId: string; value: string | null }[],
) {
  const toDelete = values.filter((v) => v.value === null);
  const toWrite = values.filter((v): v is { name: string; userId: string; value: string } => v.value !== null);
  for (const v of toDelete) {
    await tx
      .delete(studentAttributes)
      .where(and(eq(studentAttributes.classId, cls.id), eq(studentAttributes.name, v.name), eq(studentAttributes.userId, v.userId)));
  }
  if (toWrite.length === 0) return;
  await tx
    .insert(studentAttributes)
    .values(
      toWrite.map((v) => ({ classId: cls.id, districtId: cls.districtId, userId: v.userId, name: v.name, value: v.value, updatedBy })),
    )
    .onConflictDoUpdate({
      target: [studentAttributes.classId, studentAttributes.name, studentAttributes.userId],
      set: { value: sql`excluded.value`, updatedBy, updatedAt: new Date() },
    });
}

/** Deletes one attribute of a class; rows removed. */
export async function deleteAttribute(tx: DbOrTx, classId: string, name: string) {
  const rows = await tx
    .delete(studentAttributes)
    .where(and(eq(studentAttributes.classId, classId), eq(studentAttributes.name, name)))
    .returning({ userId: studentAttributes.userId });
  return rows.length;
}

/** The class survey, or null when the teacher has not set one up. */
export async function findSurvey(db: DbOrTx, classId: string) {
  const [row] = await db.select().from(groupSurveys).where(eq(groupSurveys.classId, classId));
  return row ?? null;
}

/** Creates or replaces the class survey's settings. */
export async function upsertSurvey(tx: DbOrTx, values: typeof groupSurveys.$inferInsert) {
  await tx
    .insert(groupSurveys)
    .values(values)
    .onConflictDoUpdate({
      target: groupSurveys.classId,
      set: { open: values.open, interests: values.interests, slots: values.slots, maxPartners: values.maxPartners, updatedAt: new Date() },
    });
}

/** Survey answers of a class's active students. */
export async function listSurveyAnswers(db: DbOrTx, classId: string) {
  return db
    .select({
      userId: groupSurveyAnswers.userId,
      interests: groupSurveyAnswers.interests,
      freeTimes: groupSurveyAnswers.freeTimes,
      partners: groupSurveyAnswers.partners,
    })
    .from(groupSurveyAnswers)
    .innerJoin(
      enrolments,
      and(
        eq(enrolments.classId, groupSurveyAnswers.classId),
        eq(enrolments.userId, groupSurveyAnswers.userId),
        eq(enrolments.status, "active"),
      ),
    )
    .where(and(eq(groupSurveyAnswers.classId, classId), eq(enrolments.role, "student")));
}

/** One student's survey answer. */
export async function findSurveyAnswer(db: DbOrTx, classId: string, userId: string) {
  const [row] = await db
    .select()
    .from(groupSurveyAnswers)
    .where(and(eq(groupSurveyAnswers.classId, classId), eq(groupSurveyAnswers.userId, userId)));
  return row ?? null;
}

/** Creates or replaces a student's survey answer. */
export async function upsertSurveyAnswer(tx: DbOrTx, values: typeof groupSurveyAnswers.$inferInsert) {
  await tx
    .insert(groupSurveyAnswers)
    .values(values)
    .onConflictDoUpdate({
      target: [groupSurveyAnswers.classId, groupSurveyAnswers.userId],
      set: { interests: values.interests, freeTimes: values.freeTimes, partners: values.partners, updatedAt: new Date() },
    });
}

/** Demographic records of a class's active students, when the district imports demographics. */
export async function listClassDemographics(db: DbOrTx, classId: string, districtId: string) {
  return db
    .select({ userId: demographics.userId, sex: demographics.sex, data: demographics.data })
    .from(demographics)
    .innerJoin(
      enrolments,
      and(
        eq(enrolments.userId, demographics.userId),
        eq(enrolments.classId, classId),
        eq(enrolments.status, "active"),
        eq(enrolments.role, "student"),
      ),
    )
    .innerJoin(districts, and(eq(districts.id, demographics.districtId), eq(districts.importDemographics, true)))
    .where(eq(demographics.districtId, districtId));
}

/** The published, unarchived sets of the classes a student is active in, with the student's group (if any). */
export async function listMyGroups(db: DbOrTx, userId: string, districtId: string) {
  return db
    .select({
      setId: groupSets.id,
      setName: groupSets.name,
      strategy: groupSets.strategy,
      classId: classes.id,
      classTitle: classes.title,
      groupId: groups.id,
      groupName: groups.name,
    })
    .from(groupSets)
    .innerJoin(classes, eq(classes.id, groupSets.classId))
    .innerJoin(
      enrolments,
      and(
        eq(enrolments.classId, groupSets.classId),
        eq(enrolments.userId, userId),
        eq(enrolments.status, "active"),
        eq(enrolments.role, "student"),
      ),
    )
    .leftJoin(groupMembers, and(eq(groupMembers.setId, groupSets.id), eq(groupMembers.userId, userId)))
    .leftJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groupSets.districtId, districtId), sql`${groupSets.publishedAt} is not null`, isNull(groupSets.archivedAt)))
    .orderBy(asc(classes.title), desc(groupSets.createdAt));
}

/** Members' names of these groups. */
export async function listMembersOfGroups(db: DbOrTx, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db
    .select({ groupId: groupMembers.groupId, userId: users.id, name: displayName })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(inArray(groupMembers.groupId, groupIds))
    .orderBy(asc(users.familyName), asc(users.givenName));
}

/** Another set of the same class (for copying). */
export async function findSetInClass(db: DbOrTx, classId: string, setId: string, notId?: string) {
  const [row] = await db
    .select()
    .from(groupSets)
    .where(and(eq(groupSets.id, setId), eq(groupSets.classId, classId), notId ? ne(groupSets.id, notId) : undefined));
  return row ?? null;
}
