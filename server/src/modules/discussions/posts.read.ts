import type { TPost, TReactionKind } from "@stoa/contracts";
import type { DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import type { BoardRole } from "./discussions.policy.js";
import { presentPost, type PostContext } from "./discussions.presenter.js";
import * as repo from "./discussions.repository.js";

type ThreadFound = { thread: repo.ThreadRow; board: repo.BoardRow; role: BoardRole };

/** Reactions and attachments of the posts, in three statements whatever the thread's size. */
async function contextFor(db: DbOrTx, actor: Actor, found: ThreadFound, postIds: string[], lastReadAt: Date | null): Promise<PostContext> {
  const [reactionRows, attachmentRows] = await Promise.all([repo.reactionsOf(db, postIds, actor.userId), repo.attachmentsOf(db, postIds)]);
  const reactions = new Map<string, { kind: TReactionKind; count: number; mine: boolean }[]>();
  for (const r of reactionRows) reactions.set(r.postId, [...(reactions.get(r.postId) ?? []), { kind: r.kind, count: r.count, mine: r.mine }]);
  const attachments = new Map<string, repo.AttachmentRow[]>();
  for (const a of attachmentRows) if (a.postId) attachments.set(a.postId, [...(attachments.get(a.postId) ?? []), a]);
  return { readerId: actor.userId, role: found.role, boardArchived: found.board.archivedAt !== null, lastReadAt, reactions, attachments };
}

/** Every post of the thread the reader may see (the SQL decides), presented for them. */
export async function loadPostsForReader(db: DbOrTx, actor: Actor, found: ThreadFound, lastReadAt: Date | null): Promise<TPost[]> {
  const rows = await repo.listPosts(db, actor, found.thread.id, found.role);
  const ctx = await contextFor(
    db,
    actor,
    found,
    rows.map((r) => r.post.id),
    lastReadAt,
  );
  return rows.map((r) => presentPost(r.post, r.authorName, ctx));
}

/** One post the reader may see, presented for them; null when they may not. */
export async function loadPostForReader(db: DbOrTx, actor: Actor, found: ThreadFound, postId: string): Promise<TPost | null> {
  const row = await repo.findVisiblePost(db, actor, postId, found.role);
  if (!row || row.post.threadId !== found.thread.id) return null;
  const ctx = await contextFor(db, actor, found, [postId], null);
  return presentPost(row.post, row.authorName, ctx);
}
