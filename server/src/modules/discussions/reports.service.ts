import type { TReport, TReportReceipt, TReportsPage, TReportsQuery } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { notify } from "../notifications/notify.js";
import { canModerate, teacherPagesClassScope } from "./moderation.policy.js";
import { postLink, presentModeratedPost } from "./moderation.presenter.js";
import * as moderationRepo from "./moderation.repository.js";
import { boardRelation, excerpt, memberSeesPost } from "./moderation.service.js";
import * as repo from "./reports.repository.js";

/** Any reader reports a post they can see (once); the class's teachers are told. */
export async function reportPost(db: Db, actor: Actor, postId: string, reason: string): Promise<TReportReceipt> {
  return db.transaction(async (tx) => {
    const ctx = await moderationRepo.findPostContext(tx, actor.districtId, postId);
    if (!ctx) throw notFound("Post");
    const relation = await boardRelation(tx, actor, ctx);
    if (relation === null) throw notFound("Post");
    if (relation === "member" && !(await memberSeesPost(tx, actor, ctx))) throw notFound("Post");
    if (ctx.post.authorId === actor.userId) throw badRequest("This is your own post: edit or delete it instead of reporting it.");
    if (ctx.post.deletedAt !== null) throw badRequest("This post was deleted; there is nothing left to report.");
    if (ctx.post.status !== "published") throw badRequest("Only published posts can be reported.");
    if (ctx.post.hiddenAt !== null) throw badRequest("Your teacher has already hidden this post.");
    const stored = await repo.insertReport(tx, { districtId: actor.districtId, postId, reporterId: actor.userId, reason });
    if (!stored) throw conflict("You have already reported this post. Your teacher will look at it.");
    const moderators = await moderationRepo.moderatorIds(tx, ctx.board.classId);
    const rooms = moderators.map((id) => `user:${id}`);
    if (rooms.length > 0)
      await recordEvent(tx, actor.districtId, "discussion.report_created", rooms, { boardId: ctx.board.id, reportId: stored.id });
    await notify(tx, {
      districtId: actor.districtId,
      userIds: moderators,
      actorId: actor.userId,
      kind: "report",
      title: `A post was reported in "${ctx.thread.title}"`,
      body: `Reason: ${reason}\nPost: ${excerpt(ctx.post.body)}`,
      link: `/discussions/reports?boardId=${ctx.board.id}`,
    });
    return { id: stored.id, createdAt: stored.createdAt.toISOString() };
  });
}

/** Reports in every class the actor teaches (admins: read their schools'), open or resolved. */
export async function listReports(db: Db, actor: Actor, query: TReportsQuery): Promise<TReportsPage> {
  const { rows, total } = await repo.listReports(db, actor.districtId, teacherPagesClassScope(actor), query);
  const items: TReport[] = rows.map((r) => ({
    id: r.report.id,
    reason: r.report.reason,
    createdAt: r.report.createdAt.toISOString(),
    reporter: { id: r.report.reporterId, name: r.reporterName },
    post: presentModeratedPost(r.post),
    resolvedAt: r.report.resolvedAt?.toISOString() ?? null,
    resolution: r.report.resolution === "hidden" || r.report.resolution === "dismissed" ? r.report.resolution : null,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** Loads an open report and checks that the actor moderates its board (admins 403, others 404). */
async function requireOpenReport(tx: DbOrTx, actor: Actor, reportId: string) {
  const report = await repo.findReport(tx, actor.districtId, reportId);
  if (!report) throw notFound("Report");
  const ctx = await moderationRepo.findPostContext(tx, actor.districtId, report.postId);
  if (!ctx) throw notFound("Report");
  const relation = await boardRelation(tx, actor, ctx);
  if (relation !== "moderator" && relation !== "admin") throw notFound("Report");
  if (!canModerate(relation)) throw forbidden("Only the class's teachers can act on reports.");
  if (report.resolvedAt !== null) throw conflict("This report was already dealt with. Reload the reports page.");
  return { report, ctx };
}

/** Records the resolution: events to the moderators, a notification to each reporter. */
async function announceResolved(
  tx: DbOrTx,
  actor: Actor,
  ctx: moderationRepo.PostContext,
  resolved: { id: string; reporterId: string }[],
  message: string,
) {
  const moderators = await moderationRepo.moderatorIds(tx, ctx.board.classId);
  for (const r of resolved) {
    if (moderators.length > 0)
      await recordEvent(
        tx,
        actor.districtId,
        "discussion.report_resolved",
        moderators.map((id) => `user:${id}`),
        { boardId: ctx.board.id, reportId: r.id },
      );
  }
  await notify(tx, {
    districtId: actor.districtId,
    userIds: resolved.map((r) => r.reporterId),
    actorId: actor.userId,
    kind: "moderation",
    title: `Your report in "${ctx.thread.title}" was reviewed`,
    body: message,
    link: postLink(ctx.thread.id, ctx.post.id),
  });
}

/** Hides the reported post with a reason; every open report of that post is resolved and its reporter told. */
export async function hideReportedPost(db: Db, actor: Actor, reportId: string, reason: string): Promise<{ resolved: number }> {
  return db.transaction(async (tx) => {
    const { ctx } = await requireOpenReport(tx, actor, reportId);
    await repo.hidePost(tx, ctx.post.id, actor.userId, reason);
    const resolved = await repo.resolveReports(tx, { postId: ctx.post.id }, actor.userId, "hidden");
    const ids = { boardId: ctx.board.id, threadId: ctx.thread.id, postId: ctx.post.id };
    await recordEvent(tx, actor.districtId, "discussion.post_hidden", [`thread:${ctx.thread.id}`, `board:${ctx.board.id}`], ids);
    await audit(tx, actor, {
      action: "discussion.post_hidden",
      targetType: "discussion_post",
      targetId: ctx.post.id,
      details: { reason, reportId },
    });
    await announceResolved(tx, actor, ctx, resolved, "Thank you. Your teacher hid the post.");
    await notify(tx, {
      districtId: actor.districtId,
      userIds: [ctx.post.authorId],
      actorId: actor.userId,
      kind: "moderation",
      title: `Your post in "${ctx.thread.title}" was hidden by your teacher`,
      body: `Reason: ${reason}`,
      link: postLink(ctx.thread.id, ctx.post.id),
    });
    return { resolved: resolved.length };
  });
}

/** Dismisses one report: the post stays; the reporter is told. */
export async function dismissReport(db: Db, actor: Actor, reportId: string): Promise<{ resolved: number }> {
  return db.transaction(async (tx) => {
    const { ctx } = await requireOpenReport(tx, actor, reportId);
    const resolved = await repo.resolveReports(tx, { reportId }, actor.userId, "dismissed");
    await audit(tx, actor, { action: "discussion.report_dismissed", targetType: "discussion_report", targetId: reportId });
    await announceResolved(tx, actor, ctx, resolved, "Thank you. Your teacher looked at the post and left it up.");
    return { resolved: resolved.length };
  });
}
