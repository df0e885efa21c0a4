import type { GroupRelation } from "../groups/groups.policy.js";
import { studentMaySeeSet } from "../groups/groups.policy.js";

/**
 * Who may do what with brainstorm boards (decision 016).
 * - Read: the class's teachers and school/district administrators (every board of the class);
 *   students of the class (class boards; a group's board only as members of the group, once its
 *   set is published). Nobody else (404).
 * - Contribute (add, move, group, vote): teachers always; students unless the board is frozen.
 *   Administrators read only.
 * - Edit or delete a card: its author (student: not while frozen); teachers any card.
 * - Arrange (title, columns, clusters' names): teachers; on a group board, its members too (not frozen).
 * - Teach (freeze, anonymity, reveal names, votes, convert into a thread, archive): teachers.
 * - Authors: staff always see them; students see them unless the board is anonymous and not revealed.
 */
export type BoardRelation = Exclude<GroupRelation, null>;

/** What the access check needs about a board and the actor. */
export interface BoardFacts {
  relation: GroupRelation;
  groupId: string | null;
  /** The actor is a member of the board's group (group boards). */
  isMember: boolean;
  /** The group's set is published and not archived (group boards). */
  set: { publishedAt: Date | null; archivedAt: Date | null } | null;
}

/** May the actor see the board (and join its room)? The one rule for REST reads and real time. */
export function canReadBoard(f: BoardFacts): f is BoardFacts & { relation: BoardRelation } {
  if (!f.relation) return false;
  if (f.relation !== "student") return true;
  if (!f.groupId) return true;
  return f.isMember && f.set !== null && studentMaySeeSet(f.set);
}

/** Teachers of the class and administrators: see every author. */
export const isStaff = (relation: BoardRelation) => relation !== "student";

/** The class's teachers: settings, conversion to a thread, archiving. */
export const canTeach = (relation: BoardRelation) => relation === "teacher";

/** Add, move, group and vote. */
export const canContribute = (relation: BoardRelation, board: { frozen: boolean }) =>
  relation === "teacher" || (relation === "student" && !board.frozen);

/** Rename the board, change its columns and clusters. */
export const canArrange = (relation: BoardRelation, board: { frozen: boolean; groupId: string | null }, isMember: boolean) =>
  relation === "teacher" || (relation === "student" && !board.frozen && board.groupId !== null && isMember);

/** Edit or delete this card: its author while they may contribute, or a teacher. */
export const canChangeCard = (relation: BoardRelation, board: { frozen: boolean }, card: { authorId: string }, userId: string) =>
  relation === "teacher" || (canContribute(relation, board) && card.authorId === userId);

/** Are authors shown to everyone in the room (and so in event payloads)? */
export const namesPublic = (board: { anonymous: boolean; revealNames: boolean }) => !board.anonymous || board.revealNames;

/** Does this viewer see the authors of others' cards? */
export const seesAuthors = (relation: BoardRelation, board: { anonymous: boolean; revealNames: boolean }) =>
  isStaff(relation) || namesPublic(board);

/** May the actor create a board: of the class (teachers), of a group (teachers, the group's members). */
export const canCreateBoard = (relation: GroupRelation, groupId: string | null, isMember: boolean) =>
  relation === "teacher" || (relation === "student" && groupId !== null && isMember);

/** May the actor turn the cards into their group's task board (the task service lets members only add cards). */
export const canConvertToTask = (relation: BoardRelation, board: { groupId: string | null }, isMember: boolean) =>
  relation === "student" && board.groupId !== null && isMember;
