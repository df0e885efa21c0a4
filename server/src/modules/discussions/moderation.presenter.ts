import type { TModeratedPost } from "@stoa/contracts";
import type { ModeratedPostRow } from "./moderation.repository.js";

/** A post row as moderators see it (never the idempotency key, editor ids or the like). */
export function presentModeratedPost(row: ModeratedPostRow): TModeratedPost {
  return {
    id: row.id,
    threadId: row.threadId,
    threadTitle: row.threadTitle,
    boardId: row.boardId,
    boardTitle: row.boardTitle,
    className: row.className,
    parentId: row.parentId,
    author: { id: row.authorId, name: row.authorName },
    body: row.body,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    deleted: row.deletedAt !== null,
    hidden: row.hiddenAt ? { at: row.hiddenAt.toISOString(), reason: row.hiddenReason ?? "" } : null,
  };
}

/** The web path of a post in its thread. */
export const postLink = (threadId: string, postId: string) => `/discussions/threads/${threadId}#post-${postId}`;
