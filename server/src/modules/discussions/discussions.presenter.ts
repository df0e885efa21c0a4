import type { TAttachment, TBoard, TPost, TThreadSummary } from "@stoa/contracts";
import { discussionReactionKinds } from "@stoa/contracts";
import type { BoardRole } from "./discussions.policy.js";
import { canModerate, seesEverything } from "./discussions.policy.js";
import type {
  AttachmentRef,
  BoardListRow,
  BoardRow,
  PostReadRow,
  ThreadActivity,
  ThreadListRow,
  ThreadRow,
} from "./discussions.repository.js";

/** A board row of the list query as the contract's board. */
export function presentBoardRow(row: BoardListRow): TBoard {
  return {
    id: row.id,
    classId: row.class_id,
    className: row.class_name,
    groupId: row.group_id,
    groupName: row.group_name,
    title: row.title,
    description: row.description,
    visibility: row.visibility,
    groupIds: row.group_ids,
    requiresApproval: row.requires_approval,
    archived: row.archived,
    createdAt: row.created_at,
    threadCount: row.thread_count,
    unreadCount: row.unread_count,
  };
}

/** A single board (no counts loaded) as the contract's board. */
export function presentBoard(
  board: BoardRow,
  extra: { className: string; groupName: string | null; groupIds: string[]; threadCount?: number; unreadCount?: number },
): TBoard {
  return {
    id: board.id,
    classId: board.classId,
    className: extra.className,
    groupId: board.groupId,
    groupName: extra.groupName,
    title: board.title,
    description: board.description,
    visibility: board.visibility,
    groupIds: extra.groupIds,
    requiresApproval: board.requiresApproval,
    archived: board.archivedAt !== null,
    createdAt: board.createdAt.toISOString(),
    threadCount: extra.threadCount ?? 0,
    unreadCount: extra.unreadCount ?? 0,
  };
}

/** A thread of the list; counts are withheld while "post first" hides others' replies. */
export function presentThreadRow(row: ThreadListRow): TThreadSummary {
  return {
    id: row.id,
    boardId: row.board_id,
    title: row.title,
    author: { id: row.author_id, name: row.author_name },
    pinned: row.pinned,
    locked: row.locked,
    postFirst: row.post_first,
    createdAt: row.created_at,
    lastPostAt: row.waiting ? row.created_at : row.last_post_at,
    replyCount: row.waiting ? null : row.reply_count,
    unreadCount: row.waiting ? null : row.unread_count,
    pending: row.pending,
  };
}

/**
 * A thread's activity from the posts a reader sees who is not waiting to post first (they see every
 * published post): the rule of `threadActivitySql`, without asking the database again.
 */
export function activityOfPosts(posts: TPost[], thread: ThreadRow): ThreadActivity {
  let replyCount = 0;
  let lastPostAt = thread.createdAt.toISOString();
  for (const post of posts) {
    if (post.status !== "published") continue;
    if (post.parentId !== null && post.state !== "deleted") replyCount++;
    if (post.createdAt > lastPostAt) lastPostAt = post.createdAt; // both ISO times in UTC
  }
  return { replyCount, lastPostAt };
}

/** A thread loaded on its own, in the same shape. */
export function presentThread(
  thread: ThreadRow,
  extra: { authorName: string; waiting: boolean; pending: boolean; unreadCount: number | null; activity: ThreadActivity },
): TThreadSummary {
  return {
    id: thread.id,
    boardId: thread.boardId,
    title: thread.title,
    author: { id: thread.authorId, name: extra.authorName },
    pinned: thread.pinned,
    locked: thread.locked,
    postFirst: thread.postFirst,
    createdAt: thread.createdAt.toISOString(),
    lastPostAt: extra.waiting ? thread.createdAt.toISOString() : extra.activity.lastPostAt,
    replyCount: extra.waiting ? null : extra.activity.replyCount,
    unreadCount: extra.waiting ? null : extra.unreadCount,
    pending: extra.pending,
  };
}

/** An attachment with the URL that serves it. */
export function presentAttachment(row: AttachmentRef): TAttachment {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    image: row.contentType.startsWith("image/"),
    url: `/api/discussions/attachments/${row.id}`,
  };
}

export interface PostContext {
  readerId: string;
  role: BoardRole;
  boardArchived: boolean;
  /** The reader's previous visit. */
  lastReadAt: Date | null;
}

/**
 * A post as this reader may see it: a deleted post keeps its place without its body; a hidden one
 * shows its body and reason to moderators and admins only.
 */
export function presentPost(row: PostReadRow, ctx: PostContext): TPost {
  const { post } = row;
  const mine = post.authorId === ctx.readerId;
  const state = post.deletedAt ? "deleted" : post.hiddenAt ? "hidden" : "visible";
  const staff = seesEverything(ctx.role);
  const showBody = state === "visible" || (state === "hidden" && staff);
  return {
    id: post.id,
    threadId: post.threadId,
    parentId: post.parentId,
    author: { id: post.authorId, name: row.authorName },
    body: showBody ? post.body : "",
    status: post.status,
    state,
    hiddenReason: state === "hidden" && staff ? post.hiddenReason : null,
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt && state !== "deleted" ? post.editedAt.toISOString() : null,
    isNew: !mine && ctx.lastReadAt !== null && post.createdAt > ctx.lastReadAt,
    mine,
    reactions: discussionReactionKinds.flatMap((kind) => row.reactions.filter((r) => r.kind === kind)),
    attachments: showBody ? row.attachments.map(presentAttachment) : [],
    canEdit: mine && state === "visible" && !ctx.boardArchived && ctx.role !== "admin",
    canDelete: state !== "deleted" && ((mine && ctx.role !== "admin") || canModerate(ctx.role)),
  };
}
