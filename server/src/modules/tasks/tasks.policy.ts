import type { GroupRelation } from "../groups/groups.policy.js";

/**
 * Who may do what with group tasks. Teachers of the class create and edit tasks and read every
 * group's space; a student sees a task only through their own group of a published set, and
 * changes only that group's space, until the deadline. Nobody else sees anything (404).
 */
export type TaskRelation = "teacher" | "student";

/** The task relation from the actor's relation to the class (admins, staff, guardians: none). */
export function taskRelation(relation: GroupRelation): TaskRelation | null {
  if (relation === "teacher" || relation === "student") return relation;
  return null;
}

/** May the actor create, edit and archive tasks of the class? */
export const canManageTasks = (relation: TaskRelation | null) => relation === "teacher";

/** May the actor see this group's space: the class's teachers, or a member of the group. */
export const canSeeSpace = (relation: TaskRelation | null, isMember: boolean) =>
  relation === "teacher" || (relation === "student" && isMember);

/** May the actor change the group space: members only (teachers read). */
export const canChangeSpace = (relation: TaskRelation | null, isMember: boolean) => relation === "student" && isMember;

/** The deadline has passed: the group space is read-only for students. */
export const deadlinePassed = (task: { dueAt: Date }, now: Date) => now.getTime() > task.dueAt.getTime();

/** The rating window is open (peer assessment, G4). */
export function ratingOpen(task: { ratingOpensAt: Date | null; ratingClosesAt: Date | null }, now: Date): boolean {
  if (!task.ratingOpensAt) return false;
  if (now < task.ratingOpensAt) return false;
  return !task.ratingClosesAt || now <= task.ratingClosesAt;
}
