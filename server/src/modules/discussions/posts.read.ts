import type { TPost } from "@stoa/contracts";
import type { DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import type { BoardRole } from "./discussions.policy.js";
import { presentPost, type PostContext } from "./discussions.presenter.js";
import * as repo from "./discussions.repository.js";

type ThreadFound = { thread: repo.ThreadRow; board: repo.BoardRow; role: BoardRole };

const contextFor = (readerId: string, found: ThreadFound, lastReadAt: Date | null): PostContext => ({
  readerId,
  role: found.role,
  boardArchived: found.board.archivedAt !== null,
  lastReadAt,
});

/** Every post of the thread the reader may see (the SQL decides), presented for them, in one statement. */
export async function loadPostsForReader(db: DbOrTx, actor: Actor, found: ThreadFound, lastReadAt: Date | null): Promise<TPost[]> {
  const rows = await repo.listPosts(db, actor, found.thread.id, found.role);
  const ctx = contextFor(actor.userId, found, lastReadAt);
  return rows.map((row) => presentPost(row, ctx));
}

/** One post the reader may see, presented for them; null when they may not. */
export async function loadPostForReader(db: DbOrTx, actor: Actor, found: ThreadFound, postId: string): Promise<TPost | null> {
  const row = await repo.findVisiblePost(db, actor, postId, found.role);
  if (!row || row.post.threadId !== found.thread.id) return null;
  return presentPost(row, contextFor(actor.userId, found, null));
}

/** A post the reader has just written, presented for them: it has no reactions or attachments yet. */
export function presentNewPost(post: repo.PostRow, authorName: string, found: ThreadFound): TPost {
  return presentPost({ post, authorName, reactions: [], attachments: [] }, contextFor(post.authorId, found, null));
}
