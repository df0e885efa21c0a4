import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import {
  discussionBoardGroups,
  discussionGrades,
  discussionPosts,
  discussionThreads,
  enrolments,
  groupMembers,
  users,
} from "../../db/schema/index.js";
import { nameOf } from "./moderation.repository.js";

/** Sets or clears a thread's most points. */
export async function setGradedMax(db: DbOrTx, threadId: string, maxPoints: string | null) {
  await db.update(discussionThreads).set({ gradedMaxPoints: maxPoints }).where(eq(discussionThreads.id, threadId));
}

/** How many marks a thread has and the highest of them (exact, as text). */
export async function gradeSummary(db: DbOrTx, threadId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, highest: sql<string | null>`max(${discussionGrades.points})::text` })
    .from(discussionGrades)
    .where(eq(discussionGrades.threadId, threadId));
  return { count: row?.n ?? 0, highest: row?.highest ?? null };
}

/**
 * The students a graded thread is about, by name: the board's audience (the class's active
 * students; a group board's members; for a board open to selected groups, their members) and
 * anyone else who wrote in the thread without teaching the class (a student who has since left).
 */
export async function listParticipants(
  db: DbOrTx,
  board: { id: string; classId: string; groupId: string | null; visibility: string },
  threadId: string,
) {
  const audience =
    board.groupId !== null
      ? sql`select m.user_id from ${groupMembers} m where m.group_id = ${board.groupId}::uuid`
      : board.visibility === "groups"
        ? sql`select m.user_id from ${groupMembers} m join ${discussionBoardGroups} bg on bg.group_id = m.group_id where bg.board_id = ${board.id}::uuid`
        : sql`select e.user_id from ${enrolments} e where e.class_id = ${board.classId}::uuid and e.role = 'student' and e.status = 'active'`;
  const writers = sql`select p.author_id from ${discussionPosts} p where p.thread_id = ${threadId}::uuid
    and not exists (select 1 from ${enrolments} t where t.class_id = ${board.classId}::uuid and t.user_id = p.author_id and t.role = 'teacher')`;
  return db
    .select({ id: users.id, name: nameOf(users), username: users.username })
    .from(users)
    .where(sql`${users.id} in (${audience} union ${writers})`)
    .orderBy(asc(users.familyName), asc(users.givenName), asc(users.id));
}

const parent = alias(discussionPosts, "parent");
const parentAuthor = alias(users, "parent_author");

/** Every post of a thread (any status) in time order, with whom each answers. */
export async function listThreadPosts(db: DbOrTx, threadId: string) {
  return db
    .select({
      id: discussionPosts.id,
      parentId: discussionPosts.parentId,
      authorId: discussionPosts.authorId,
      authorName: nameOf(users),
      replyTo: sql<string | null>`case when ${parentAuthor.id} is null then null else ${nameOf(parentAuthor)} end`,
      body: discussionPosts.body,
      status: discussionPosts.status,
      createdAt: discussionPosts.createdAt,
      editedAt: discussionPosts.editedAt,
      hiddenAt: discussionPosts.hiddenAt,
      hiddenReason: discussionPosts.hiddenReason,
      deletedAt: discussionPosts.deletedAt,
    })
    .from(discussionPosts)
    .innerJoin(users, eq(users.id, discussionPosts.authorId))
    .leftJoin(parent, eq(parent.id, discussionPosts.parentId))
    .leftJoin(parentAuthor, eq(parentAuthor.id, parent.authorId))
    .where(eq(discussionPosts.threadId, threadId))
    .orderBy(asc(discussionPosts.createdAt), asc(discussionPosts.id));
}
export type ThreadPostRow = Awaited<ReturnType<typeof listThreadPosts>>[number];

const grader = alias(users, "grader");

/** The marks of a thread with who gave them. */
export async function listGrades(db: DbOrTx, threadId: string) {
  return db
    .select({ grade: discussionGrades, graderName: nameOf(grader) })
    .from(discussionGrades)
    .innerJoin(grader, eq(grader.id, discussionGrades.gradedBy))
    .where(eq(discussionGrades.threadId, threadId));
}

/** One student's mark in a thread. */
export async function findGrade(db: DbOrTx, threadId: string, studentId: string) {
  const [row] = await db
    .select()
    .from(discussionGrades)
    .where(and(eq(discussionGrades.threadId, threadId), eq(discussionGrades.studentId, studentId)))
    .limit(1);
  return row;
}

/** Stores a student's mark (replacing an earlier one). */
export async function upsertGrade(
  db: DbOrTx,
  values: { threadId: string; studentId: string; points: string; comment: string; gradedBy: string },
) {
  const [row] = await db
    .insert(discussionGrades)
    .values(values)
    .onConflictDoUpdate({
      target: [discussionGrades.threadId, discussionGrades.studentId],
      set: { points: values.points, comment: values.comment, gradedBy: values.gradedBy, gradedAt: sql`now()` },
    })
    .returning();
  return row!;
}
