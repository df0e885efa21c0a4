import type { DbOrTx } from "../../db/client.js";
import { discussionBoards, discussionPosts, discussionReports, discussionThreads } from "../../db/schema/index.js";
import type { TestDistrict } from "../../test/factories.js";

type PostInsert = typeof discussionPosts.$inferInsert;

/**
 * A board of classA (teacherA teaches; studentA1 and studentA2 read) with one thread opened by
 * teacherA: a published reply by each student, a pending reply by studentA2, and an open report of
 * studentA2's published reply by studentA1. Rows are inserted directly (no transactions), so the
 * authorization matrix can use it too.
 */
export async function buildDiscussion(
  db: DbOrTx,
  d: TestDistrict,
  opts: { requiresApproval?: boolean; postFirst?: boolean; gradedMaxPoints?: string | null; groupId?: string | null } = {},
) {
  const districtId = d.district.id;
  const [board] = await db
    .insert(discussionBoards)
    .values({
      districtId,
      classId: d.classA.id,
      groupId: opts.groupId ?? null,
      title: "Ideas board",
      description: "<p>Share your ideas.</p>",
      requiresApproval: opts.requiresApproval ?? true,
      createdBy: d.teacherA.id,
    })
    .returning();
  const [thread] = await db
    .insert(discussionThreads)
    .values({
      districtId,
      boardId: board!.id,
      title: "What makes a river healthy?",
      authorId: d.teacherA.id,
      postFirst: opts.postFirst ?? false,
      gradedMaxPoints: opts.gradedMaxPoints === undefined ? "10" : opts.gradedMaxPoints,
    })
    .returning();
  const post = async (values: Omit<PostInsert, "districtId" | "threadId">) => {
    const [row] = await db
      .insert(discussionPosts)
      .values({ districtId, threadId: thread!.id, bodyText: "", ...values })
      .returning();
    return row!;
  };
  const opening = await post({
    authorId: d.teacherA.id,
    body: "<p>Tell me what you noticed at the river.</p>",
    createdAt: new Date(Date.now() - 60_000 * 10),
  });
  const replyA1 = await post({
    authorId: d.studentA1.id,
    parentId: opening.id,
    body: "<p>Clear water and fish.</p>",
    createdAt: new Date(Date.now() - 60_000 * 8),
  });
  const replyA2 = await post({
    authorId: d.studentA2.id,
    parentId: replyA1.id,
    body: "<p>I saw frogs too.</p>",
    createdAt: new Date(Date.now() - 60_000 * 6),
  });
  const pending = await post({
    authorId: d.studentA2.id,
    parentId: opening.id,
    body: "<p>Waiting post.</p>",
    status: "pending",
    createdAt: new Date(Date.now() - 60_000 * 4),
  });
  const [report] = await db
    .insert(discussionReports)
    .values({ districtId, postId: replyA2.id, reporterId: d.studentA1.id, reason: "Off topic" })
    .returning();
  return { board: board!, thread: thread!, opening, replyA1, replyA2, pending, report: report! };
}
export type Discussion = Awaited<ReturnType<typeof buildDiscussion>>;
