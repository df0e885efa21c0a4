import { and, count, eq, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  classes,
  discussionBoardGroups,
  discussionBoards,
  discussionPosts,
  discussionReports,
  discussionThreads,
  enrolments,
  groupMembers,
  users,
} from "../../db/schema/index.js";

/** "Given Family" (the preferred name when set). */
export const nameOf = (u: { preferredName: SQLWrapper; givenName: SQLWrapper; familyName: SQLWrapper }) =>
  sql<string>`coalesce(nullif(${u.preferredName}, ''), ${u.givenName}) || ' ' || ${u.familyName}`;

/** A board with its class, as the teacher tools need it. */
export interface BoardContext {
  board: typeof discussionBoards.$inferSelect;
  classTitle: string;
  schoolId: string;
}

const boardContextColumns = { board: discussionBoards, classTitle: classes.title, schoolId: classes.schoolId };

/** One board of the district with its class. */
export async function findBoardContext(db: DbOrTx, districtId: string, boardId: string): Promise<BoardContext | undefined> {
  const [row] = await db
    .select(boardContextColumns)
    .from(discussionBoards)
    .innerJoin(classes, eq(classes.id, discussionBoards.classId))
    .where(and(eq(discussionBoards.id, boardId), eq(discussionBoards.districtId, districtId)))
    .limit(1);
  return row;
}

/** One undeleted thread of the district with its board and class. */
export async function findThreadContext(db: DbOrTx, districtId: string, threadId: string) {
  const [row] = await db
    .select({ thread: discussionThreads, ...boardContextColumns })
    .from(discussionThreads)
    .innerJoin(discussionBoards, eq(discussionBoards.id, discussionThreads.boardId))
    .innerJoin(classes, eq(classes.id, discussionBoards.classId))
    .where(and(eq(discussionThreads.id, threadId), eq(discussionThreads.districtId, districtId), isNull(discussionThreads.deletedAt)))
    .limit(1);
  return row;
}
export type ThreadContext = NonNullable<Awaited<ReturnType<typeof findThreadContext>>>;

/** One post of the district (in an undeleted thread) with its thread, board and class. */
export async function findPostContext(db: DbOrTx, districtId: string, postId: string) {
  const [row] = await db
    .select({ post: discussionPosts, thread: discussionThreads, ...boardContextColumns })
    .from(discussionPosts)
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .innerJoin(discussionBoards, eq(discussionBoards.id, discussionThreads.boardId))
    .innerJoin(classes, eq(classes.id, discussionBoards.classId))
    .where(and(eq(discussionPosts.id, postId), eq(discussionPosts.districtId, districtId), isNull(discussionThreads.deletedAt)))
    .limit(1);
  return row;
}
export type PostContext = NonNullable<Awaited<ReturnType<typeof findPostContext>>>;

/**
 * The actor's standing in a board's class, in one statement: an active teacher enrolment, an
 * active student enrolment, and (for group boards and boards open to selected groups) membership.
 */
export async function findStanding(
  db: DbOrTx,
  userId: string,
  board: { id: string; classId: string; groupId: string | null; visibility: string },
) {
  const groupCheck: SQL =
    board.groupId !== null
      ? sql`exists (select 1 from ${groupMembers} m where m.group_id = ${board.groupId}::uuid and m.user_id = ${userId}::uuid)`
      : board.visibility === "groups"
        ? sql`exists (select 1 from ${groupMembers} m join ${discussionBoardGroups} bg on bg.group_id = m.group_id
            where bg.board_id = ${board.id}::uuid and m.user_id = ${userId}::uuid)`
        : sql`true`;
  const [row] = await db
    .select({
      teacher: sql<boolean>`bool_or(${enrolments.role} = 'teacher')`,
      student: sql<boolean>`bool_or(${enrolments.role} = 'student')`,
      inGroup: sql<boolean>`${groupCheck}`,
    })
    .from(enrolments)
    .where(and(eq(enrolments.classId, board.classId), eq(enrolments.userId, userId), eq(enrolments.status, "active")));
  return { teacher: row?.teacher === true, student: row?.student === true, inGroup: row?.inGroup === true };
}

/** The active teachers of a class (who moderate its boards). */
export async function moderatorIds(db: DbOrTx, classId: string): Promise<string[]> {
  const rows = await db
    .select({ id: enrolments.userId })
    .from(enrolments)
    .where(and(eq(enrolments.classId, classId), eq(enrolments.role, "teacher"), eq(enrolments.status, "active")));
  return rows.map((r) => r.id);
}

/** The same people as `moderatorIds`, as a query for a statement that notifies them as it writes. */
export const moderatorIdsSql = (classId: SQL) =>
  sql`select e.user_id from ${enrolments} e where e.class_id = ${classId} and e.role = 'teacher' and e.status = 'active'`;

/** Has the person a published, undeleted reply in the thread (the "post first" rule)? */
export async function hasPublishedReply(db: DbOrTx, threadId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(discussionPosts)
    .where(
      and(
        eq(discussionPosts.threadId, threadId),
        eq(discussionPosts.authorId, userId),
        eq(discussionPosts.status, "published"),
        isNull(discussionPosts.deletedAt),
        sql`${discussionPosts.parentId} is not null`,
      ),
    );
  return (row?.n ?? 0) > 0;
}

const author = users;
/** The columns of a post as moderators see it. */
export const moderatedPostColumns = {
  id: discussionPosts.id,
  threadId: discussionPosts.threadId,
  threadTitle: discussionThreads.title,
  boardId: discussionBoards.id,
  boardTitle: discussionBoards.title,
  className: classes.title,
  parentId: discussionPosts.parentId,
  authorId: discussionPosts.authorId,
  authorName: nameOf(author),
  body: discussionPosts.body,
  status: discussionPosts.status,
  createdAt: discussionPosts.createdAt,
  deletedAt: discussionPosts.deletedAt,
  hiddenAt: discussionPosts.hiddenAt,
  hiddenReason: discussionPosts.hiddenReason,
};

/** Pending posts (oldest first) in the classes of `scope`, optionally of one board; a page and the total. */
export async function listPending(db: DbOrTx, districtId: string, scope: SQL, boardId: string | undefined, page: number, pageSize: number) {
  const where = and(
    eq(discussionPosts.districtId, districtId),
    eq(discussionPosts.status, "pending"),
    isNull(discussionPosts.deletedAt),
    isNull(discussionThreads.deletedAt),
    boardId ? eq(discussionBoards.id, boardId) : undefined,
    scope,
  );
  const base = () =>
    db
      .select(moderatedPostColumns)
      .from(discussionPosts)
      .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
      .innerJoin(discussionBoards, eq(discussionBoards.id, discussionThreads.boardId))
      .innerJoin(classes, eq(classes.id, discussionBoards.classId))
      .innerJoin(author, eq(author.id, discussionPosts.authorId));
  const rows = await base()
    .where(where)
    .orderBy(discussionPosts.createdAt, discussionPosts.id)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(discussionPosts)
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .innerJoin(discussionBoards, eq(discussionBoards.id, discussionThreads.boardId))
    .innerJoin(classes, eq(classes.id, discussionBoards.classId))
    .where(where);
  return { rows, total: total?.n ?? 0 };
}
export type ModeratedPostRow = Awaited<ReturnType<typeof listPending>>["rows"][number];

/** Marks a pending post published or rejected; null when it was no longer pending (someone else acted). */
export async function settlePending(db: DbOrTx, postId: string, status: "published" | "rejected") {
  const [row] = await db
    .update(discussionPosts)
    .set({ status })
    .where(and(eq(discussionPosts.id, postId), eq(discussionPosts.status, "pending")))
    .returning({ id: discussionPosts.id });
  return row ?? null;
}

/** Pending posts and open reports of a board, or of one thread of it. */
export async function countWaiting(db: DbOrTx, boardId: string, threadId: string | null) {
  const threadFilter = threadId ? eq(discussionThreads.id, threadId) : undefined;
  const [pending] = await db
    .select({ n: count() })
    .from(discussionPosts)
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .where(
      and(
        eq(discussionThreads.boardId, boardId),
        threadFilter,
        isNull(discussionThreads.deletedAt),
        eq(discussionPosts.status, "pending"),
        isNull(discussionPosts.deletedAt),
      ),
    );
  const [reports] = await db
    .select({ n: count() })
    .from(discussionReports)
    .innerJoin(discussionPosts, eq(discussionPosts.id, discussionReports.postId))
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .where(
      and(eq(discussionThreads.boardId, boardId), threadFilter, isNull(discussionThreads.deletedAt), isNull(discussionReports.resolvedAt)),
    );
  return { pendingCount: pending?.n ?? 0, openReportCount: reports?.n ?? 0 };
}
