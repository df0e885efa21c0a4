import type { TFeedbackRequest, TPortfolioComment } from "@stoa/contracts";
import type { CommentRow, RequestRow } from "./feedback.repository.js";

/** A comment as the viewer sees it: a hidden comment keeps its place in the thread but not its words, except for the owner. */
export function presentComment(row: CommentRow, viewerIsOwner: boolean): TPortfolioComment {
  const hidden = row.hiddenAt !== null;
  return {
    id: row.id,
    targetType: row.pageId ? "page" : "artifact",
    targetId: (row.pageId ?? row.artifactId)!,
    parentId: row.parentId,
    author: { id: row.authorId, name: row.authorName },
    body: hidden && !viewerIsOwner ? "" : row.body,
    hidden,
    resolved: row.resolvedAt !== null,
    requestId: row.requestId,
    questionIndex: row.questionIndex,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}

/** A feedback request. */
export function presentRequest(row: RequestRow): TFeedbackRequest {
  return {
    id: row.id,
    pageId: row.pageId,
    pageTitle: row.pageTitle,
    owner: { id: row.ownerId, name: row.ownerName },
    reviewers: row.reviewers,
    questions: row.questions,
    message: row.message,
    closed: row.closedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
