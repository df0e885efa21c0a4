/**
 * Group membership as other modules need it (tasks, peer assessment): which group a student is in,
 * a set's groups with members, and one group with the caller's relation to it. Call these rather
 * than reading the groups tables directly.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { classes, enrolments, groupMembers, groupSets, groups, users } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { canManageSet, canSeeGroup, groupRelation, studentMaySeeSet, type GroupRelation } from "./groups.policy.js";

/** A member of a group, with the name to show. */
export interface GroupMember {
  userId: string;
  name: string;
  givenName: string;
  familyName: string;
  locked: boolean;
}

/** A group with its members, in the set's order. */
export interface GroupWithMembers {
  id: string;
  setId: string;
  name: string;
  position: number;
  capacity: number | null;
  members: GroupMember[];
}

const displayName = sql<string>`coalesce(nullif(${users.preferredName}, ''), ${users.givenName}) || ' ' || ${users.familyName}`;

/** The group of a set a student belongs to, or null. No authorization: the caller decides who may know. */
export async function findGroupOfStudent(db: DbOrTx, setId: string, userId: string): Promise<{ groupId: string; name: string } | null> {
  const [row] = await db
    .select({ groupId: groups.id, name: groups.name })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groupMembers.setId, setId), eq(groupMembers.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** Every group of a set with its members (two queries, no N+1). No authorization: the caller decides. */
export async function listGroupsOfSet(db: DbOrTx, setId: string): Promise<GroupWithMembers[]> {
  const groupRows = await db
    .select({ id: groups.id, setId: groups.setId, name: groups.name, position: groups.position, capacity: groups.capacity })
    .from(groups)
    .where(eq(groups.setId, setId))
    .orderBy(asc(groups.position), asc(groups.name));
  const memberRows = await db
    .select({
      groupId: groupMembers.groupId,
      userId: users.id,
      name: displayName,
      givenName: users.givenName,
      familyName: users.familyName,
      locked: groupMembers.locked,
    })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.setId, setId))
    .orderBy(asc(users.familyName), asc(users.givenName));
  const byGroup = new Map<string, GroupMember[]>();
  for (const { groupId, ...member } of memberRows) {
    const list = byGroup.get(groupId) ?? [];
    list.push(member);
    byGroup.set(groupId, list);
  }
  return groupRows.map((g) => ({ ...g, members: byGroup.get(g.id) ?? [] }));
}

/** One group as seen by an actor. */
export interface GroupForActor {
  group: { id: string; name: string; setId: string; classId: string; districtId: string; schoolId: string };
  set: { id: string; name: string; published: boolean; archived: boolean };
  relation: Exclude<GroupRelation, null>;
  /** The actor is a member of this group. */
  isMember: boolean;
  /** The actor teaches the class (may manage the set and see everything). */
  isTeacher: boolean;
  /** The actor may read everything about the group (teachers of the class, school and district admins). */
  isStaff: boolean;
}

/**
 * One group and the actor's relation to it, or null when the actor may not see it (answer 404):
 * teachers of the class and school admins see every group; a student only their own group of a
 * published, unarchived set; nobody of another district sees anything.
 */
export async function getGroupForActor(db: DbOrTx, actor: Actor, groupId: string): Promise<GroupForActor | null> {
  const [row] = await db
    .select({
      id: groups.id,
      name: groups.name,
      setId: groups.setId,
      classId: groups.classId,
      districtId: groups.districtId,
      schoolId: classes.schoolId,
      setName: groupSets.name,
      publishedAt: groupSets.publishedAt,
      archivedAt: groupSets.archivedAt,
      myRole: sql<
        string | null
      >`(select e.role from ${enrolments} e where e.class_id = "groups"."class_id" and e.user_id = ${actor.userId} and e.status = 'active'
        order by case e.role when 'teacher' then 0 when 'student' then 1 else 2 end limit 1)`,
      isMember: sql<boolean>`exists (select 1 from ${groupMembers} m where m.group_id = "groups"."id" and m.user_id = ${actor.userId})`,
    })
    .from(groups)
    .innerJoin(groupSets, eq(groupSets.id, groups.setId))
    .innerJoin(classes, eq(classes.id, groups.classId))
    .where(and(eq(groups.id, groupId), eq(groups.districtId, actor.districtId)))
    .limit(1);
  if (!row) return null;
  const relation = groupRelation(actor, row);
  const published = studentMaySeeSet(row);
  if (!relation || !canSeeGroup(relation, { published, isMember: row.isMember })) return null;
  return {
    group: { id: row.id, name: row.name, setId: row.setId, classId: row.classId, districtId: row.districtId, schoolId: row.schoolId },
    set: { id: row.setId, name: row.setName, published: row.publishedAt !== null, archived: row.archivedAt !== null },
    relation,
    isMember: row.isMember,
    isTeacher: canManageSet(relation),
    isStaff: relation !== "student",
  };
}

/** One group set with the actor's relation to its class, or null when the actor may not see it (students: published only). */
export async function getSetForActor(db: DbOrTx, actor: Actor, setId: string) {
  const [row] = await db
    .select({
      set: groupSets,
      schoolId: classes.schoolId,
      myRole: sql<
        string | null
      >`(select e.role from ${enrolments} e where e.class_id = "group_sets"."class_id" and e.user_id = ${actor.userId} and e.status = 'active'
        order by case e.role when 'teacher' then 0 when 'student' then 1 else 2 end limit 1)`,
    })
    .from(groupSets)
    .innerJoin(classes, eq(classes.id, groupSets.classId))
    .where(and(eq(groupSets.id, setId), eq(groupSets.districtId, actor.districtId)))
    .limit(1);
  if (!row) return null;
  const relation = groupRelation(actor, row);
  if (!relation) return null;
  if (relation === "student" && !studentMaySeeSet(row.set)) return null;
  return { set: row.set, schoolId: row.schoolId, relation };
}
