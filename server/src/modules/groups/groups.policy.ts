import type { Actor } from "../../platform/actor.js";
import { canAdministerSchool } from "../roster/roster.policy.js";

/**
 * How an actor relates to a class's group sets:
 * - "teacher": an active teacher of the class: sees and manages every set;
 * - "admin": an administrator of the class's school (or the district): reads every set, changes nothing;
 * - "student": an active student of the class: sees published sets and only their own group;
 * - null: nothing (guardians, staff, other teachers): answers are 404.
 */
export type GroupRelation = "teacher" | "admin" | "student" | null;

/** The actor's relation to a class, given the class's school and the actor's active enrolment role in it. */
export function groupRelation(actor: Actor, cls: { schoolId: string; myRole: string | null }): GroupRelation {
  if (cls.myRole === "teacher") return "teacher";
  if (canAdministerSchool(actor, cls.schoolId) && actor.roles.some((r) => r.role === "district_admin" || r.role === "school_admin"))
    return "admin";
  if (cls.myRole === "student") return "student";
  return null;
}

/** May the actor create, form, edit, publish and delete group sets of the class? */
export const canManageSet = (relation: GroupRelation) => relation === "teacher";

/** May the actor see the whole set (all groups, scores, unpublished)? */
export const canReadWholeSet = (relation: GroupRelation) => relation === "teacher" || relation === "admin";

/** May the actor see this group: staff of the class always; a student only their own group of a published set. */
export function canSeeGroup(relation: GroupRelation, group: { published: boolean; isMember: boolean }): boolean {
  if (canReadWholeSet(relation)) return true;
  return relation === "student" && group.published && group.isMember;
}

/** May a student see that the set exists (published and not archived)? */
export const studentMaySeeSet = (set: { publishedAt: Date | null; archivedAt: Date | null }) =>
  set.publishedAt !== null && set.archivedAt === null;

/** What the actor may do with a set; the UI hides what is false. */
export function setPolicies(relation: GroupRelation) {
  const manage = canManageSet(relation);
  return { manage, readAll: canReadWholeSet(relation), viewScores: canReadWholeSet(relation) };
}
