import { sql, type SQL } from "drizzle-orm";
import {
  classes,
  discussionBoardGroups,
  discussionBoards,
  discussionPosts,
  discussionThreads,
  enrolments,
  groupMembers,
  groupSets,
} from "../../db/schema/index.js";
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
 * The reader as SQL: their values for a one-off query (`readerSql`), or placeholders for a named
 * prepared statement (`readerPlaceholders`, filled by `readerParams`). The SQL text is the same for
 * every reader, so PostgreSQL plans a prepared read once instead of on every request (planning
 * these expressions cost more than running them).
 */
export interface ReaderSql {
  me: SQL;
  district: SQL;
  /** A district administrator: every school of the district. */
  allSchools: SQL;
  /** The schools the reader administers. */
  schools: SQL;
}

export function readerSql(actor: Actor): ReaderSql {
  const p = readerParams(actor);
  return {
    me: sql`${p.me}::uuid`,
    district: sql`${p.district}::uuid`,
    allSchools: sql`${p.allSchools}::boolean`,
    schools: sql`${sql.param(p.schools)}::uuid[]`,
  };
}

export const readerPlaceholders: ReaderSql = {
  me: sql`${sql.placeholder("me")}::uuid`,
  district: sql`${sql.placeholder("district")}::uuid`,
  allSchools: sql`${sql.placeholder("allSchools")}::boolean`,
  schools: sql`${sql.placeholder("schools")}::uuid[]`,
};

export function readerParams(actor: Actor) {
  const admin = adminSchools(actor);
  return { me: actor.userId, district: actor.districtId, allSchools: admin === null, schools: admin ?? [] };
}

/**
 * The reader's role on the board in the current row of `discussion_boards`, as SQL (null: none).
 * One expression for single reads, lists, search and room subscriptions, so they cannot disagree.
 */
export function boardRoleSql(reader: ReaderSql): SQL<BoardRole | null> {
  const { me } = reader;
  return sql<BoardRole | null>`(case
    when ${discussionBoards.districtId} <> ${reader.district} then null
    when exists (select 1 from ${enrolments} e where e.class_id = ${discussionBoards.classId} and e.user_id = ${me}
      and e.status = 'active' and e.role = 'teacher') then 'teacher'
    when ${reader.allSchools} or (select c.school_id from ${classes} c where c.id = ${discussionBoards.classId}) = any(${reader.schools}) then 'admin'
    when exists (select 1 from ${enrolments} e where e.class_id = ${discussionBoards.classId} and e.user_id = ${me}
      and e.status = 'active' and e.role = 'student')
      and (${discussionBoards.groupId} is null or exists (select 1 from ${groupMembers} m join ${groupSets} s on s.id = m.set_id
        where m.group_id = ${discussionBoards.groupId} and m.user_id = ${me} and s.published_at is not null and s.archived_at is null))
      and (${discussionBoards.visibility} = 'owner' or exists (select 1 from ${discussionBoardGroups} bg
        join ${groupMembers} m on m.group_id = bg.group_id join ${groupSets} s on s.id = m.set_id
        where bg.board_id = ${discussionBoards.id} and m.user_id = ${me} and s.published_at is not null and s.archived_at is null))
      then 'student'
    end)`;
}

/** Does the reader already have a published reply of their own in the thread (unlocks "post first")? */
export function hasOwnReplySql(reader: ReaderSql, threadId: SQL | string): SQL<boolean> {
  const thread = typeof threadId === "string" ? sql`${threadId}::uuid` : threadId;
  return sql<boolean>`exists (select 1 from ${discussionPosts} own where own.thread_id = ${thread} and own.author_id = ${reader.me}
    and own.parent_id is not null and own.status = 'published' and own.deleted_at is null)`;
}

/**
 * Which posts of `discussion_posts` (joined with its `discussion_threads` row) a reader with `role`
 * sees: moderators and admins every post; a student published posts and their own (pending ones
 * too), and in a "post first" thread only the opening post and their own until they have posted a
 * published reply. Enforced here, in SQL, for the thread read, unread counts and search alike.
 */
export function visiblePostSql(reader: ReaderSql, role: SQL | BoardRole): SQL<boolean> {
  const roleSql = typeof role === "string" ? sql`${role}::text` : role;
  const { me } = reader;
  return sql<boolean>`(${roleSql} in ('teacher', 'admin') or (
    (${discussionPosts.status} = 'published' or ${discussionPosts.authorId} = ${me})
    and (not ${discussionThreads.postFirst} or ${discussionPosts.parentId} is null or ${discussionPosts.authorId} = ${me}
      or ${hasOwnReplySql(reader, sql`${discussionThreads.id}`)})))`;
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
