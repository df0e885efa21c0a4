import type { TCommentCreate, TCommentList, TCommentModerate, TFeedbackRequestCreate, TFeedbackRequestLists } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { type Actor, hasRole } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { recordEvent } from "../../platform/events.js";
import { notify } from "../notifications/notify.js";
import { badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import { richTextToPlain, sanitizeRichText } from "../../platform/rich-text.js";
import * as repo from "./feedback.repository.js";
import { getViewableArtifact, getViewablePage } from "./sharing.access.js";
import { presentComment, presentRequest } from "./feedback.presenter.js";

/** A thread never grows past this many comments: enough for a class, bounded for the reader. */
export const maxCommentsPerTarget = 500;

type Target = repo.CommentTarget;

/**
 * The people who own a comment target and what this viewer may do with it; 404 when they may not
 * see it. Visibility is the core's (`sharing.access.ts`): the same sharing paths as the page view.
 */
async function loadTarget(db: DbOrTx, actor: Actor, target: Target) {
  if (target.type === "page") {
    const page = await getViewablePage(db, actor, target.id);
    if (!page) throw notFound("Page");
    // Reviewers of an open feedback request may answer it even on a view-only share.
    const canComment = page.canComment || (await repo.isOpenReviewer(db, actor.userId, page.id));
    return { ownerIds: [page.ownerId], isOwner: page.isOwner, canComment };
  }
  const artifact = await getViewableArtifact(db, actor, target.id);
  if (!artifact) throw notFound("Artifact");
  return { ownerIds: artifact.ownerIds, isOwner: artifact.isOwner, canComment: artifact.canComment };
}

/** The comments on a page or artifact the actor may see, in thread order, with what they may do. */
export async function listComments(db: Db, actor: Actor, target: Target): Promise<TCommentList> {
  const loaded = await loadTarget(db, actor, target);
  const rows = await repo.listComments(db, target, maxCommentsPerTarget);
  return { items: rows.map((r) => presentComment(r, loaded.isOwner)), canComment: loaded.canComment, canModerate: loaded.isOwner };
}

/** Adds a comment (or a reply, or an answer to a feedback request's question) to a page or artifact the actor may see. */
export async function createComment(db: Db, actor: Actor, target: Target, input: TCommentCreate) {
  const loaded = await loadTarget(db, actor, target);
  if (!loaded.canComment) throw forbidden("Comments are turned off for you on this work");
  const body = sanitizeRichText(input.body);
  if (richTextToPlain(body) === "") throw badRequest("Write something before sending", [{ path: "body", message: "The comment is empty" }]);
  if (input.parentId) {
    const parent = await repo.findComment(db, actor.districtId, input.parentId);
    const parentTarget = parent?.pageId ?? parent?.artifactId;
    if (!parent || parentTarget !== target.id)
      throw badRequest("You can only reply to a comment on the same work", [{ path: "parentId", message: "Not a comment here" }]);
  }
  if (input.requestId !== undefined) await checkAnswer(db, actor, target, input.requestId, input.questionIndex);
  else if (input.questionIndex !== undefined)
    throw badRequest("A question number goes with a feedback request", [{ path: "questionIndex", message: "Give the request too" }]);
  const id = await db.transaction(async (tx) => {
    if ((await repo.countComments(tx, target)) >= maxCommentsPerTarget)
      throw conflict(`This work already has ${maxCommentsPerTarget} comments, the most it can hold`);
    const row = await repo.insertComment(tx, {
      districtId: actor.districtId,
      pageId: target.type === "page" ? target.id : null,
      artifactId: target.type === "artifact" ? target.id : null,
      ownerId: loaded.ownerIds[0]!,
      parentId: input.parentId ?? null,
      authorId: actor.userId,
      body,
      requestId: input.requestId ?? null,
      questionIndex: input.questionIndex ?? null,
    });
    if (input.requestId) await repo.markAnswered(tx, input.requestId, actor.userId);
    const others = loaded.ownerIds.filter((id) => id !== actor.userId);
    await recordEvent(
      tx,
      actor.districtId,
      "portfolio.comment.created",
      others.map((id) => `user:${id}`),
      {
        commentId: row.id,
        targetType: target.type,
        targetId: target.id,
      },
    );
    await notify(tx, {
      districtId: actor.districtId,
      userIds: others,
      actorId: actor.userId,
      kind: "feedback",
      title: target.type === "page" ? "New comment on your portfolio page" : "New comment on your portfolio work",
      link: target.type === "page" ? `/portfolio/pages/${target.id}` : `/portfolio/artifacts/${target.id}`,
    });
    return row.id;
  });
  const rows = await repo.listComments(db, target, maxCommentsPerTarget);
  return presentComment(
    rows.find((r) => r.id === id)!,
    loaded.isOwner,
  );
}

async function checkAnswer(db: DbOrTx, actor: Actor, target: Target, requestId: string, questionIndex: number | undefined) {
  const request = await repo.findRequest(db, actor.districtId, requestId, actor.userId);
  if (!request || !request.isReviewer || target.type !== "page" || request.pageId !== target.id) {
    throw badRequest("That feedback request is not one you were asked to answer on this page", [
      { path: "requestId", message: "Not your request" },
    ]);
  }
  if (request.closedAt) throw conflict("This feedback request is closed: it takes no more answers");
  if (questionIndex !== undefined && questionIndex >= request.questions.length) {
    throw badRequest("That question is not part of the request", [
      { path: "questionIndex", message: `Choose a question from 0 to ${request.questions.length - 1}` },
    ]);
  }
}

/** The owner of the work resolves or hides a comment (or undoes either). */
export async function moderateComment(db: Db, actor: Actor, commentId: string, change: TCommentModerate) {
  const comment = await repo.findComment(db, actor.districtId, commentId);
  if (!comment) throw notFound("Comment");
  const target: Target = comment.pageId ? { type: "page", id: comment.pageId } : { type: "artifact", id: comment.artifactId! };
  // Someone who can no longer see the work cannot learn that the comment exists.
  const loaded = await loadTarget(db, actor, target).catch(() => null);
  if (!loaded) throw notFound("Comment");
  if (!loaded.isOwner) throw forbidden("Only the owner of this work can resolve or hide comments");
  await db.transaction(async (tx) => {
    await repo.moderateComment(tx, commentId, change);
    if (change.hidden !== undefined) {
      await audit(tx, actor, {
        action: change.hidden ? "portfolio.comment.hide" : "portfolio.comment.unhide",
        targetType: "portfolio_comment",
        targetId: commentId,
      });
    }
  });
  const rows = await repo.listComments(db, target, maxCommentsPerTarget);
  return presentComment(
    rows.find((r) => r.id === commentId)!,
    true,
  );
}

/** A student asks classmates for feedback on one of their pages; the reviewers may then see and comment on it. */
export async function createFeedbackRequest(db: Db, actor: Actor, input: TFeedbackRequestCreate) {
  if (!hasRole(actor, ["student"])) throw forbidden("Only students ask classmates for feedback");
  const page = await getViewablePage(db, actor, input.pageId);
  if (!page || !page.isOwner) throw notFound("Page");
  const reviewerIds = [...new Set(input.reviewerIds)];
  if (reviewerIds.includes(actor.userId))
    throw badRequest("Ask classmates, not yourself", [{ path: "reviewerIds", message: "You cannot review your own page" }]);
  const classmates = await repo.classmatesAmong(db, actor.districtId, actor.userId, reviewerIds);
  if (classmates.length !== reviewerIds.length) {
    throw badRequest("You can only ask classmates who are in one of your classes", [
      { path: "reviewerIds", message: "Choose classmates from your classes" },
    ]);
  }
  const id = await db.transaction(async (tx) => {
    const requestId = await repo.insertFeedbackRequest(
      tx,
      { districtId: actor.districtId, pageId: page.id, ownerId: actor.userId, questions: input.questions, message: input.message || null },
      reviewerIds,
    );
    await recordEvent(
      tx,
      actor.districtId,
      "portfolio.feedback.requested",
      reviewerIds.map((r) => `user:${r}`),
      { requestId, pageId: page.id },
    );
    await notify(tx, {
      districtId: actor.districtId,
      userIds: reviewerIds,
      actorId: actor.userId,
      kind: "feedback",
      title: "A classmate asked for your feedback on a portfolio page",
      body: input.message ?? "",
      link: "/portfolio/feedback",
    });
    return requestId;
  });
  const mine = await repo.listRequestsBy(db, actor.districtId, actor.userId);
  return presentRequest(mine.find((r) => r.id === id)!);
}

/** Feedback requests the actor made, and open ones made to them. */
export async function listFeedbackRequests(db: Db, actor: Actor): Promise<TFeedbackRequestLists> {
  const [mine, toMe] = await Promise.all([
    repo.listRequestsBy(db, actor.districtId, actor.userId),
    repo.listRequestsTo(db, actor.districtId, actor.userId),
  ]);
  return { mine: mine.map(presentRequest), toMe: toMe.map(presentRequest) };
}

/** The owner closes a request: it takes no more answers and leaves the reviewers' list. */
export async function closeFeedbackRequest(db: Db, actor: Actor, requestId: string) {
  const request = await repo.findRequest(db, actor.districtId, requestId, actor.userId);
  if (!request || (request.ownerId !== actor.userId && !request.isReviewer)) throw notFound("Feedback request");
  if (request.ownerId !== actor.userId) throw forbidden("Only the student who asked can close the request");
  await repo.closeRequest(db, request);
  const mine = await repo.listRequestsBy(db, actor.districtId, actor.userId);
  return presentRequest(mine.find((r) => r.id === requestId)!);
}
