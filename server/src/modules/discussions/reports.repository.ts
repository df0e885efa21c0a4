import { and, count, desc, eq, isNull, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import { classes, discussionBoards, discussionPosts, discussionReports, discussionThreads, users } from "../../db/schema/index.js";
import { moderatedPostColumns, nameOf } from "./moderation.repository.js";

const reporter = alias(users, "reporter");

/** Stores a report; null when this person already reported this post (unique index). */
export async function insertReport(db: DbOrTx, values: { districtId: string; postId: string; reporterId: string; reason: string }) {
  const [row] = await db
    .insert(discussionReports)
    .values(values)
    .onConflictDoNothing({ target: [discussionReports.postId, discussionReports.reporterId] })
    .returning({ id: discussionReports.id, createdAt: discussionReports.createdAt });
  return row ?? null;
}

/** One report of the district. */
export async function findReport(db: DbOrTx, districtId: string, reportId: string) {
  const [row] = await db
    .select()
    .from(discussionReports)
    .where(and(eq(discussionReports.id, reportId), eq(discussionReports.districtId, districtId)))
    .limit(1);
  return row;
}

/** Reports in the classes of `scope` (open: oldest first; resolved: newest first), with post, thread and reporter; a page and the total. */
export async function listReports(
  db: DbOrTx,
  districtId: string,
  scope: SQL,
  opts: { boardId?: string; status: "open" | "resolved"; page: number; pageSize: number },
) {
  const where = and(
    eq(discussionReports.districtId, districtId),
    opts.status === "open" ? isNull(discussionReports.resolvedAt) : isNotNull(discussionReports.resolvedAt),
    isNull(discussionThreads.deletedAt),
    opts.boardId ? eq(discussionBoards.id, opts.boardId) : undefined,
    scope,
  );
  const rows = await db
    .select({
      report: discussionReports,
      reporterName: nameOf(reporter),
      post: moderatedPostColumns,
    })
    .from(discussionReports)
    .innerJoin(reporter, eq(reporter.id, discussionReports.reporterId))
    .innerJoin(discussionPosts, eq(discussionPosts.id, discussionReports.postId))
    .innerJoin(users, eq(users.id, discussionPosts.authorId))
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .innerJoin(discussionBoards, eq(discussionBoards.id, discussionThreads.boardId))
    .innerJoin(classes, eq(classes.id, discussionBoards.classId))
    .where(where)
    .orderBy(opts.status === "open" ? discussionReports.createdAt : desc(discussionReports.resolvedAt), discussionReports.id)
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(discussionReports)
    .innerJoin(discussionPosts, eq(discussionPosts.id, discussionReports.postId))
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .innerJoin(discussionBoards, eq(discussionBoards.id, discussionThreads.boardId))
    .innerJoin(classes, eq(classes.id, discussionBoards.classId))
    .where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Hides a post with a reason (keeps the first hiding when it was already hidden). */
export async function hidePost(db: DbOrTx, postId: string, by: string, reason: string) {
  await db
    .update(discussionPosts)
    .set({ hiddenAt: sql`now()`, hiddenBy: by, hiddenReason: reason })
    .where(and(eq(discussionPosts.id, postId), isNull(discussionPosts.hiddenAt)));
}

/** Resolves open reports (all of a post, or one); returns the ids and reporters resolved. */
export async function resolveReports(
  db: DbOrTx,
  where: { postId: string } | { reportId: string },
  by: string,
  resolution: "hidden" | "dismissed",
) {
  const target = "postId" in where ? eq(discussionReports.postId, where.postId) : eq(discussionReports.id, where.reportId);
  return db
    .update(discussionReports)
    .set({ resolvedAt: sql`now()`, resolvedBy: by, resolution })
    .where(and(target, isNull(discussionReports.resolvedAt)))
    .returning({ id: discussionReports.id, reporterId: discussionReports.reporterId });
}
