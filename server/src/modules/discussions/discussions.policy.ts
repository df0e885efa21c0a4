import { sql, type SQL } from "drizzle-orm";
import { classes, discussionBoardGroups, discussionBoards, discussionPosts, discussionThreads, enrolments, groupMembers, groupSets } from "../../db/schema/index.js";
import { type Actor, adminSchools } from "../../platform/actor.js";

/**
 * Who may do what in discussions (decision 014).
 * - "teacher": an active teacher of the board's class moderates its boards (and its groups' boards);
 * - "admin": an administrator of the class's school, or of the district, reads everything, posts nothing;
 * - "student": an active student of the class reads and posts on its class boards, on a group's
 *   board only as a member of the group, on a "groups" board only as a member of a selected group;
 * - null: nothing (guardians, staff without a class, other schools and districts): 404.
 */
export type BoardRole = "teacher" | "admin" | "student";

/**
 * The actor's role on the board in the current row of `discussion_boards`, as SQL (null: none).
 * One expression for single reads, lists, search and room subscriptions, so they cannot disagree.
 */
export function boardRoleSql(actor: Actor): SQL<BoardRole | null> {
  const admin = adminSchools(actor);
  const me = actor.userId;
  const adminSql = admin === null ? sql`true` : sql`(select c.school_id from ${classes} c where c.id = ${discussionBoards.classId}) = any(${sql.param(admin)}::uuid[])`;
  return sql<BoardRole | null>`(case
    when ${discussionBoards.districtId} <> ${actor.districtId}::uuid then null
    when exists (select 1 from ${enrolments} e where e.class_id = ${discussionBoards.classId} and e.user_id = ${me}::uuid
      and e.status = 'active' and e.role = 'teacher') then 'teacher'
    when ${admin === null || admin.length > 0 ? adminSql : sql`false`} then 'admin'
    when exists (select 1 from ${enrolments} e where e.class_id = ${discussionBoards.classId} and e.user_id = ${me}::uuid
      and e.status = 'active' and e.role = 'student')
      and (${discussionBoards.groupId} is null or exists (select 1 from ${groupMembers} m join ${groupSets} s on s.id = m.set_id
        where m.group_id = ${discussionBoards.groupId} and m.user_id = ${me}::uuid and s.published_at is not null and s.archived_at is null))
      and (${discussionBoards.visibility} = 'owner' or exists (select 1 from ${discussionBoardGroups} bg
        join ${groupMembers} m on m.group_id = bg.group_id join ${groupSets} s on s.id = m.set_id
        where bg.board_id = ${discussionBoards.id} and m.user_id = ${me}::uuid and s.published_at is not null and s.archived_at is null))
      then 'student'
    end)`;
}

/** Does the reader already have a published reply of their own in the thread (unlocks "post first")? */
export function hasOwnReplySql(actor: Actor, threadId: SQL | string): SQL<boolean> {
  const thread = typeof threadId === "string" ? sql`${threadId}::uuid` : threadId;
  return sql<boolean>`exists (select 1 from ${discussionPosts} own where own.thread_id = ${thread} and own.author_id = ${actor.userId}::uuid
    and own.parent_id is not null and own.status = 'published' and own.deleted_at is null)`;
}

/**
 * Which posts of `discussion_posts` (joined with its `discussion_threads` row) a reader with `role`
 * sees: moderators and admins every post; a student published posts and their own (pending ones
 * too), and in a "post first" thread only the opening post and their own until they have posted a
 * published reply. Enforced here, in SQL, for the thread read, unread counts and search alike.
 */
export function visiblePostSql(actor: Actor, role: SQL | BoardRole): SQL<boolean> {
  const roleSql = typeof role === "string" ? sql`${role}::text` : role;
  const me = actor.userId;
  return sql<boolean>`(${roleSql} in ('teacher', 'admin') or (
    (${discussionPosts.status} = 'published' or ${discussionPosts.authorId} = ${me}::uuid)
    and (not ${discussionThreads.postFirst} or ${discussionPosts.parentId} is null or ${discussionPosts.authorId} = ${me}::uuid
      or ${hasOwnReplySql(actor, sql`${discussionThreads.id}`)})))`;
}

/** May read the board at all. */
export const canRead = (role: BoardRole | null): role is BoardRole => role !== null;
/** Moderate: pin, lock, hide, delete others' posts, create and edit boards. */
export const canModerate = (role: BoardRole | null) => role === "teacher";
/** Start threads and reply (admins read only); archived boards and locked threads take no student posts. */
export function canPost(role: BoardRole | null, board: { archivedAt: Date | null }, thread?: { locked: boolean }): boolean {
  if (role === "teacher") return board.archivedAt === null;
  if (role !== "student") return false;
  return board.archivedAt === null && !thread?.locked;
}
/** Students' posts wait for approval on such boards; teachers' never do. */
export const postNeedsApproval = (role: BoardRole, board: { requiresApproval: boolean }) => role === "student" && board.requiresApproval;
/** Does this reader see everything (moderation view: pending, hidden with reasons)? */
export const seesEverything = (role: BoardRole | null) => role === "teacher" || role === "admin";
