import { sql } from "drizzle-orm";
import { replyNotice } from "./posts.service.js";
import type { TApprovalPage, TApprovalQuery, TTeacherTools } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { conflict, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { richTextToPlain } from "../../platform/rich-text.js";
import { notify, type NotifyInput } from "../notifications/notify.js";
import { administersSchool, canModerate, canReadTeacherPages, teacherPagesClassScope, type BoardRelation } from "./moderation.policy.js";
import { postLink, presentModeratedPost } from "./moderation.presenter.js";
import * as repo from "./moderation.repository.js";

/** The actor's relation to a board: its class's teacher, an admin over its school, a reader, or nobody. */
export async function boardRelation(db: DbOrTx, actor: Actor, ctx: repo.BoardContext): Promise<BoardRelation> {
  if (ctx.board.districtId !== actor.districtId) return null;
  const standing = await repo.findStanding(db, actor.userId, ctx.board);
  if (standing.teacher) return "moderator";
  if (administersSchool(actor, ctx.schoolId)) return "admin";
  if (standing.student && standing.inGroup) return "member";
  return null;
}

/** May a reader (not a moderator) see this post? Mirrors the thread page's rules. */
export async function memberSeesPost(db: DbOrTx, actor: Actor, ctx: repo.PostContext): Promise<boolean> {
  const { post, thread } = ctx;
  if (post.authorId === actor.userId) return post.deletedAt === null;
  if (post.status !== "published" || post.deletedAt !== null) return false;
  if (thread.postFirst && post.parentId !== null) return repo.hasPublishedReply(db, thread.id, actor.userId);
  return true;
}

/** A thread the actor may read the teacher pages of (moderators and admins), else 404. */
export async function requireThreadForTeacher(db: DbOrTx, actor: Actor, threadId: string) {
  const ctx = await repo.findThreadContext(db, actor.districtId, threadId);
  if (!ctx) throw notFound("Thread");
  const relation = await boardRelation(db, actor, ctx);
  if (!canReadTeacherPages(relation)) throw notFound("Thread");
  return { ctx, relation };
}

/** A short plain-text excerpt of a post for notifications. */
export const excerpt = (html: string, max = 140) => {
  const text = richTextToPlain(html);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** What the class's teachers read when a post waits for their approval. */
export const approvalTexts = (board: { id: string }, thread: { title: string }, post: { body: string }) => ({
  title: `A post waits for your approval in "${thread.title}"`,
  body: excerpt(post.body),
  link: `/discussions/approvals?boardId=${board.id}`,
});

/** The notice to the class's teachers that a post waits for their approval (kind "approval"). */
export function approvalNotice(
  board: { id: string; classId: string },
  thread: { title: string },
  post: { districtId: string; authorId: string; body: string },
): NotifyInput {
  return {
    districtId: post.districtId,
    userIds: repo.moderatorIdsSql(sql`${board.classId}::uuid`),
    actorId: post.authorId,
    kind: "approval",
    ...approvalTexts(board, thread, post),
  };
}

/**
 * Tells the teachers of the class that a post waits for approval. For the discussions service to
 * call inside the transaction that stores a pending post.
 */
export async function notifyModeratorsOfPendingPost(
  tx: DbOrTx,
  post: { id: string; districtId: string; threadId: string; authorId: string; body: string },
): Promise<void> {
  const ctx = await repo.findThreadContext(tx, post.districtId, post.threadId);
  if (ctx) await notify(tx, approvalNotice(ctx.board, ctx.thread, post));
}

/** The approval queue: pending posts in every class the actor teaches (admins: read their schools'), oldest first. */
export async function listApprovals(db: Db, actor: Actor, query: TApprovalQuery): Promise<TApprovalPage> {
  const { rows, total } = await repo.listPending(
    db,
    actor.districtId,
    teacherPagesClassScope(actor),
    query.boardId,
    query.page,
    query.pageSize,
  );
  return { items: rows.map(presentModeratedPost), total, page: query.page, pageSize: query.pageSize };
}

/** Loads a post and checks that the actor moderates its board (admins: 403; others: 404). */
async function requirePostToModerate(tx: DbOrTx, actor: Actor, postId: string) {
  const ctx = await repo.findPostContext(tx, actor.districtId, postId);
  if (!ctx) throw notFound("Post");
  const relation = await boardRelation(tx, actor, ctx);
  if (relation === null) throw notFound("Post");
  if (relation === "member" && !(await memberSeesPost(tx, actor, ctx))) throw notFound("Post");
  if (!canModerate(relation)) throw forbidden("Only the class's teachers can moderate its discussions.");
  return ctx;
}

/** Approves a pending post: it is published, counted on its thread, announced, and its author told. */
export async function approvePost(db: Db, actor: Actor, postId: string): Promise<{ id: string; status: "published" }> {
  return db.transaction(async (tx) => {
    const ctx = await requirePostToModerate(tx, actor, postId);
    if (ctx.post.status !== "pending" || ctx.post.deletedAt !== null)
      throw conflict("This post is no longer waiting for approval: someone may have approved or rejected it already. Reload the queue.");
    if (!(await repo.settlePending(tx, postId, "published")))
      throw conflict("This post is no longer waiting for approval. Reload the queue.");
    const ids = { boardId: ctx.board.id, threadId: ctx.thread.id, postId };
    await recordEvent(tx, actor.districtId, "discussion.post_created", [`thread:${ctx.thread.id}`, `board:${ctx.board.id}`], ids);
    await audit(tx, actor, {
      action: "discussion.post_approved",
      targetType: "discussion_post",
      targetId: postId,
      details: { threadId: ctx.thread.id },
    });
    await notify(tx, {
      districtId: actor.districtId,
      userIds: [ctx.post.authorId],
      actorId: actor.userId,
      kind: "approval",
      title: `Your post in "${ctx.thread.title}" was approved`,
      body: "Everyone on the board can read it now.",
      link: postLink(ctx.thread.id, postId),
    });
    // The followers and the parent's author hear of the reply now, as if it had just been posted.
    if (ctx.post.parentId !== null)
      await notify(tx, replyNotice({ ...actor, userId: ctx.post.authorId }, ctx.thread, ctx.post.id, ctx.post.parentId));
    return { id: postId, status: "published" as const };
  });
}

/** Rejects a pending post with a reason: it stays hidden from everyone but its author, who is told why. */
export async function rejectPost(db: Db, actor: Actor, postId: string, reason: string): Promise<{ id: string; status: "rejected" }> {
  return db.transaction(async (tx) => {
    const ctx = await requirePostToModerate(tx, actor, postId);
    if (ctx.post.status !== "pending" || ctx.post.deletedAt !== null)
      throw conflict("This post is no longer waiting for approval: someone may have approved or rejected it already. Reload the queue.");
    if (!(await repo.settlePending(tx, postId, "rejected")))
      throw conflict("This post is no longer waiting for approval. Reload the queue.");
    await recordEvent(tx, actor.districtId, "discussion.post_rejected", [`user:${ctx.post.authorId}`], { threadId: ctx.thread.id, postId });
    await audit(tx, actor, { action: "discussion.post_rejected", targetType: "discussion_post", targetId: postId, details: { reason } });
    await notify(tx, {
      districtId: actor.districtId,
      userIds: [ctx.post.authorId],
      actorId: actor.userId,
      kind: "approval",
      title: `Your post in "${ctx.thread.title}" was not approved`,
      body: `Your teacher said: ${reason}`,
      link: postLink(ctx.thread.id, postId),
    });
    return { id: postId, status: "rejected" as const };
  });
}

/** What the teacher links of a board show (404 when the actor cannot see the board). */
export async function getBoardTeacherTools(db: Db, actor: Actor, boardId: string): Promise<TTeacherTools> {
  const ctx = await repo.findBoardContext(db, actor.districtId, boardId);
  if (!ctx) throw notFound("Board");
  const relation = await boardRelation(db, actor, ctx);
  if (relation === null) throw notFound("Board");
  return teacherTools(db, ctx.board.id, null, relation, null);
}

/** What the teacher links of a thread show (404 when the actor cannot see the thread). */
export async function getThreadTeacherTools(db: Db, actor: Actor, threadId: string): Promise<TTeacherTools> {
  const ctx = await repo.findThreadContext(db, actor.districtId, threadId);
  if (!ctx) throw notFound("Thread");
  const relation = await boardRelation(db, actor, ctx);
  if (relation === null) throw notFound("Thread");
  return teacherTools(db, ctx.board.id, ctx.thread.id, relation, ctx.thread.gradedMaxPoints);
}

async function teacherTools(
  db: Db,
  boardId: string,
  threadId: string | null,
  relation: BoardRelation,
  max: string | null,
): Promise<TTeacherTools> {
  const read = canReadTeacherPages(relation);
  const counts = read ? await repo.countWaiting(db, boardId, threadId) : { pendingCount: 0, openReportCount: 0 };
  return { boardId, threadId, moderate: canModerate(relation), read, ...counts, gradedMaxPoints: max };
}
