import { notifyModeratorsOfPendingPost } from "./moderation.service.js";
import type {
  TBoard,
  TBoardCreate,
  TBoardUpdate,
  TSearchQuery,
  TThreadCreate,
  TThreadDetail,
  TThreadSummary,
  TThreadUpdate,
} from "@stoa/contracts";
import { ZBoardCreate, ZBoardUpdate, ZSearchQuery, ZThreadCreate, ZThreadUpdate, discussionLimits } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { badRequest, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { enforceRateLimit, type RateLimiter } from "../../platform/rate-limit.js";
import { richTextToPlain, sanitizeRichText } from "../../platform/rich-text.js";
import { getGroupForActor } from "../groups/membership.js";
import { groupRelation } from "../groups/groups.policy.js";
import { notify } from "../notifications/notify.js";
import { canModerate, canPost, canRead, postNeedsApproval, type BoardRole } from "./discussions.policy.js";
import { activityOfPosts, presentBoard, presentBoardRow, presentThread, presentThreadRow } from "./discussions.presenter.js";
import * as repo from "./discussions.repository.js";
import { loadPostsForReader } from "./posts.read.js";

/** Rooms that hear about a thread's changes. */
export const threadRooms = (thread: { id: string; boardId: string }) => [`thread:${thread.id}`, `board:${thread.boardId}`];

/** The board and the actor's role on it; 404 when missing or not readable. */
export async function requireBoard(db: DbOrTx, actor: Actor, boardId: string) {
  const found = await repo.findBoard(db, actor, boardId);
  if (!found || !canRead(found.role)) throw notFound("Discussion board");
  return { ...found, role: found.role };
}

/** A board the actor may post on (404 when unreadable, 403 when read-only or archived). */
export async function requirePostableBoard(db: DbOrTx, actor: Actor, boardId: string) {
  const found = await requireBoard(db, actor, boardId);
  if (!canPost(found.role, found.board)) {
    if (found.board.archivedAt) throw forbidden("This board is archived: nothing new can be posted");
    throw forbidden("You can read this board but not post on it");
  }
  return found;
}

/** The thread, its board and the actor's role; 404 when missing or not visible to the actor. */
export async function requireThread(db: DbOrTx, actor: Actor, threadId: string) {
  const found = await repo.findThread(db, actor, threadId);
  if (!found) throw notFound("Discussion");
  return found;
}

/** May the actor subscribe to `board:<id>` (same rule as reading the board)? */
export async function mayWatchBoard(db: Db, actor: Actor, boardId: string): Promise<boolean> {
  if (!isUuid(boardId)) return false;
  const found = await repo.findBoard(db, actor, boardId);
  return !!found && canRead(found.role);
}

/** May the actor subscribe to `thread:<id>` (same rule as reading the thread)? */
export async function mayWatchThread(db: Db, actor: Actor, threadId: string): Promise<boolean> {
  if (!isUuid(threadId)) return false;
  return (await repo.findThread(db, actor, threadId)) !== null;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

// ---------------------------------------------------------------------------------------------
// Boards

const page = (p: { page: number; pageSize: number }) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

/** The boards the actor reads across their classes, with unread counts (the Discussions page). */
export async function listMyBoards(db: Db, actor: Actor, query: { page: number; pageSize: number }) {
  const { rows, total } = await repo.listBoards(db, actor, { includeArchived: false, ...page(query) });
  return { items: rows.map(presentBoardRow), total, page: query.page, pageSize: query.pageSize };
}

/** The actor's discussion role in a class: teacher, admin or student; 404 for everyone else. */
async function requireClassRole(db: DbOrTx, actor: Actor, classId: string): Promise<{ role: BoardRole; className: string }> {
  const cls = await repo.classRole(db, actor, classId);
  const relation = cls ? groupRelation(actor, { schoolId: cls.schoolId, myRole: cls.myRole }) : null;
  if (!cls || !relation) throw notFound("Class");
  return { role: relation, className: cls.title };
}

/** The boards of a class the actor reads (class boards and the group boards open to them). */
export async function listClassBoards(db: Db, actor: Actor, classId: string, includeArchived: boolean) {
  const { role } = await requireClassRole(db, actor, classId);
  const { rows } = await repo.listBoards(db, actor, {
    classId,
    includeArchived: includeArchived && canModerate(role),
    limit: 500,
    offset: 0,
  });
  return { data: rows.map(presentBoardRow), policies: { create: canModerate(role) } };
}

/** The boards of one group (its members, the class's teachers, admins). */
export async function listGroupBoards(db: Db, actor: Actor, groupId: string) {
  const group = await getGroupForActor(db, actor, groupId);
  if (!group) throw notFound("Group");
  const { rows } = await repo.listBoards(db, actor, { groupId, includeArchived: false, limit: 500, offset: 0 });
  return { data: rows.map(presentBoardRow), policies: { create: group.isTeacher } };
}

/** One board with what the actor may do there. */
export async function getBoard(db: Db, actor: Actor, boardId: string) {
  const found = await requireBoard(db, actor, boardId);
  return {
    data: presentBoard(found.board, found),
    policies: { moderate: canModerate(found.role), post: canPost(found.role, found.board) },
  };
}

/** Checks the selected groups of a "groups" board: some, all of one group set of the class. */
async function checkBoardGroups(db: DbOrTx, districtId: string, classId: string, visibility: string, groupIds: string[]) {
  if (visibility !== "groups") return [];
  const unique = [...new Set(groupIds)];
  if (unique.length === 0)
    throw badRequest("Choose at least one group that may see the board", [{ path: "groupIds", message: "Choose groups" }]);
  const found = await repo.groupsOfClass(db, districtId, classId, unique);
  if (found.length !== unique.length)
    throw badRequest("Choose groups of this class", [{ path: "groupIds", message: "Some groups are not groups of this class" }]);
  if (new Set(found.map((g) => g.setId)).size > 1)
    throw badRequest("Choose groups from one group set", [{ path: "groupIds", message: "The groups belong to different group sets" }]);
  return unique;
}

/** Creates a board of a class or of one of its groups (the class's teachers). */
export async function createBoard(db: Db, actor: Actor, raw: TBoardCreate): Promise<TBoard> {
  const input = ZBoardCreate.parse(raw);
  const { role, className } = await requireClassRole(db, actor, input.classId);
  if (!canModerate(role)) throw forbidden("Only the class's teachers can create discussion boards");
  let groupName: string | null = null;
  if (input.groupId) {
    const group = await getGroupForActor(db, actor, input.groupId);
    if (!group || group.group.classId !== input.classId)
      throw badRequest("Choose a group of this class", [{ path: "groupId", message: "This group does not belong to the class" }]);
    if (input.visibility !== "owner")
      throw badRequest("A group's board is open to the whole group", [
        { path: "visibility", message: "Use visibility owner for a group's board" },
      ]);
    groupName = group.group.name;
  }
  const groupIds = await checkBoardGroups(db, actor.districtId, input.classId, input.visibility, input.groupIds);
  return db.transaction(async (tx) => {
    const board = await repo.insertBoard(
      tx,
      {
        districtId: actor.districtId,
        classId: input.classId,
        groupId: input.groupId,
        title: input.title,
        description: sanitizeRichText(input.description),
        visibility: input.visibility,
        requiresApproval: input.requiresApproval,
        createdBy: actor.userId,
      },
      groupIds,
    );
    await audit(tx, actor, {
      action: "discussion.board_create",
      targetType: "discussion_board",
      targetId: board.id,
      details: { title: board.title },
    });
    const rooms = [`class:${board.classId}`, ...(board.groupId ? [`group:${board.groupId}`] : [])];
    await recordEvent(tx, actor.districtId, "discussion.board_created", rooms, { boardId: board.id, classId: board.classId });
    return presentBoard(board, { className, groupName, groupIds });
  });
}

/** Edits, archives or restores a board (the class's teachers). */
export async function updateBoard(db: Db, actor: Actor, boardId: string, raw: TBoardUpdate): Promise<TBoard> {
  const input = ZBoardUpdate.parse(raw);
  const found = await requireBoard(db, actor, boardId);
  if (!canModerate(found.role)) throw forbidden("Only the class's teachers can change this board");
  const visibility = input.visibility ?? found.board.visibility;
  if (found.board.groupId && visibility !== "owner")
    throw badRequest("A group's board is open to the whole group", [
      { path: "visibility", message: "Use visibility owner for a group's board" },
    ]);
  const groupIds =
    input.visibility !== undefined || input.groupIds !== undefined
      ? await checkBoardGroups(db, actor.districtId, found.board.classId, visibility, input.groupIds ?? found.groupIds)
      : null;
  return db.transaction(async (tx) => {
    const board = await repo.updateBoard(tx, boardId, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: sanitizeRichText(input.description) } : {}),
      visibility,
      ...(input.requiresApproval !== undefined ? { requiresApproval: input.requiresApproval } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? (found.board.archivedAt ?? new Date()) : null } : {}),
    });
    if (groupIds) await repo.replaceBoardGroups(tx, boardId, groupIds);
    await audit(tx, actor, { action: "discussion.board_update", targetType: "discussion_board", targetId: boardId, details: { ...input } });
    await recordEvent(tx, actor.districtId, "discussion.board_updated", [`board:${boardId}`], { boardId });
    return presentBoard(board, { ...found, groupIds: groupIds ?? found.groupIds });
  });
}

// ---------------------------------------------------------------------------------------------
// Threads

/** The threads of a board: pinned first, then by last activity; counts withheld where "post first" applies. */
export async function listThreads(db: Db, actor: Actor, boardId: string, query: { page: number; pageSize: number }) {
  const found = await requireBoard(db, actor, boardId);
  const { rows, total } = await repo.listThreads(db, actor, boardId, found.role, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: rows.map(presentThreadRow), total, page: query.page, pageSize: query.pageSize };
}

/** Options of a post written through HTTP. */
export interface PostingOptions {
  limiter?: RateLimiter;
  /** Posts per person per minute (default: discussionLimits.postsPerMinute). */
  perMinute?: number;
}

/** Counts one post against the person's posting limit (429 with Retry-After past it). */
export async function countPosting(options: PostingOptions, actor: Actor) {
  if (options.limiter)
    await enforceRateLimit(
      options.limiter,
      `discussions:post:${actor.userId}`,
      options.perMinute ?? discussionLimits.postsPerMinute,
      60,
      "posting",
    );
}

/** A body as stored: sanitised, with its plain text; refuses an empty one. */
export function cleanBody(raw: string) {
  const body = sanitizeRichText(raw);
  const bodyText = richTextToPlain(body);
  if (!bodyText && !/<img|<a /.test(body))
    throw badRequest("Write something before posting", [{ path: "body", message: "The post is empty" }]);
  if (body.length > discussionLimits.bodyChars)
    throw badRequest("The post is too long; shorten it", [{ path: "body", message: "Too long" }]);
  return { body, bodyText };
}

/**
 * Starts a thread with its opening post (teachers and students who may post on the board). The
 * brainstorm work calls it to turn a board into a thread. Returns the new thread's id.
 */
export async function createThread(db: Db, actor: Actor, raw: TThreadCreate & { boardId: string }, options: PostingOptions = {}) {
  const input = ZThreadCreate.parse(raw);
  const found = await requirePostableBoard(db, actor, raw.boardId);
  if (input.postFirst && !canModerate(found.role)) throw forbidden("Only teachers can ask students to post first");
  const { body, bodyText } = cleanBody(input.body);
  const mentioned = await checkMentions(db, found.board, input.mentionIds);
  await countPosting(options, actor);
  const status = postNeedsApproval(found.role, found.board) ? "pending" : "published";
  return db.transaction(async (tx) => {
    const thread = await repo.insertThread(tx, {
      districtId: actor.districtId,
      boardId: found.board.id,
      title: input.title,
      authorId: actor.userId,
      postFirst: input.postFirst,
    });
    const post = await repo.insertPost(tx, {
      districtId: actor.districtId,
      threadId: thread.id,
      authorId: actor.userId,
      body,
      bodyText,
      status,
    });
    await attachFiles(tx, post.id, actor.userId, input.attachmentIds);
    await repo.follow(tx, actor.userId, thread.id);
    await recordEvent(tx, actor.districtId, "discussion.thread_created", threadRooms(thread), {
      threadId: thread.id,
      boardId: thread.boardId,
    });
    if (status === "pending") await notifyModeratorsOfPendingPost(tx, post);
    if (status === "published" && mentioned.length > 0)
      await notify(tx, {
        districtId: actor.districtId,
        userIds: mentioned,
        actorId: actor.userId,
        kind: "mention",
        title: `You were mentioned in "${thread.title}"`,
        link: `/discussions/threads/${thread.id}#post-${post.id}`,
      });
    return { id: thread.id };
  });
}

/** Puts the author's uploaded files on a post; 400 when one is not theirs or already used. */
export async function attachFiles(tx: DbOrTx, postId: string, userId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const attached = await repo.attachToPost(tx, postId, userId, unique);
  if (attached !== unique.length)
    throw badRequest("An attached file is missing or already used; upload it again", [
      { path: "attachmentIds", message: "Unknown attachment" },
    ]);
}

/** The mentioned people, who must be able to read the board (else 400). */
export async function checkMentions(db: DbOrTx, board: repo.BoardRow, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const readers = await repo.boardReaders(db, board, { ids: unique, limit: unique.length });
  if (readers.length !== unique.length)
    throw badRequest("You can mention only people who can see this board", [
      { path: "mentionIds", message: "Someone mentioned cannot see the board" },
    ]);
  return unique;
}

/** One thread as the actor sees it, for lists and answers to changes. */
export async function getThreadSummary(db: Db, actor: Actor, threadId: string): Promise<TThreadSummary> {
  const found = await requireThread(db, actor, threadId);
  return presentThread(found.thread, {
    authorName: found.authorName,
    waiting: waitingFor(found),
    pending: found.pending,
    unreadCount: 0,
    activity: await repo.threadActivity(db, found.thread),
  });
}

const waitingFor = (found: { role: BoardRole; waiting: boolean }) => found.role === "student" && found.waiting;

/** A thread with the posts the actor sees (tree order is the client's), and what they may do. */
export async function getThread(
  db: Db,
  actor: Actor,
  threadId: string,
): Promise<{ data: TThreadDetail; policies: Record<string, boolean> }> {
  const found = await requireThread(db, actor, threadId);
  const lastReadAt = found.lastReadAt ? new Date(found.lastReadAt) : null;
  const posts = await loadPostsForReader(db, actor, found, lastReadAt);
  const waiting = waitingFor(found);
  const unread = posts.filter((p) => p.isNew).length;
  return {
    data: {
      thread: presentThread(found.thread, {
        authorName: found.authorName,
        waiting,
        pending: found.pending,
        unreadCount: waiting ? null : unread,
        activity: activityOfPosts(posts, found.thread),
      }),
      board: {
        id: found.board.id,
        title: found.board.title,
        classId: found.board.classId,
        className: found.className,
        groupId: found.board.groupId,
        requiresApproval: found.board.requiresApproval,
        archived: found.board.archivedAt !== null,
      },
      posts,
      lastReadAt: found.lastReadAt,
      following: found.following,
      waitingToPostFirst: waiting,
    },
    policies: {
      reply: canPost(found.role, found.board, found.thread),
      moderate: canModerate(found.role),
      approvalNeeded: postNeedsApproval(found.role, found.board),
    },
  };
}

/** Pins, locks, renames or sets "post first" (moderators; the author may rename). */
export async function updateThread(db: Db, actor: Actor, threadId: string, raw: TThreadUpdate): Promise<TThreadSummary> {
  const input = ZThreadUpdate.parse(raw);
  if (Object.keys(input).length === 0) throw badRequest("Send at least one of title, pinned, locked or postFirst");
  const found = await requireThread(db, actor, threadId);
  const moderator = canModerate(found.role);
  const onlyTitle = input.pinned === undefined && input.locked === undefined && input.postFirst === undefined;
  const author = found.thread.authorId === actor.userId && found.role !== "admin";
  if (!moderator && !(author && onlyTitle)) throw forbidden("Only the class's teachers can pin, lock or change how this discussion works");
  await db.transaction(async (tx) => {
    await repo.updateThread(tx, threadId, input);
    await audit(tx, actor, {
      action: "discussion.thread_update",
      targetType: "discussion_thread",
      targetId: threadId,
      details: { ...input },
    });
    await recordEvent(tx, actor.districtId, "discussion.thread_updated", threadRooms(found.thread), {
      threadId,
      boardId: found.thread.boardId,
    });
  });
  return getThreadSummary(db, actor, threadId);
}

/** Records that the actor opened the thread now ("new since your last visit" starts from here). */
export async function markThreadRead(db: Db, actor: Actor, threadId: string) {
  await requireThread(db, actor, threadId);
  await repo.markRead(db, actor.userId, threadId);
}

/** Follows or stops following a thread (followers are notified of replies). */
export async function setFollowing(db: Db, actor: Actor, threadId: string, on: boolean) {
  await requireThread(db, actor, threadId);
  if (on) await repo.follow(db, actor.userId, threadId);
  else await repo.unfollow(db, actor.userId, threadId);
  return { following: on };
}

/** People who can see the board, for the @mention picker. */
export async function listMentionable(db: Db, actor: Actor, boardId: string, query: string) {
  const found = await requireBoard(db, actor, boardId);
  const rows = await repo.boardReaders(db, found.board, { query: query.trim() || undefined, limit: 20 });
  return rows.filter((r) => r.id !== actor.userId).map((r) => ({ id: r.id, name: r.name }));
}

/** Full-text search over every post the actor may read, best matches first, paged. */
export async function search(db: Db, actor: Actor, raw: TSearchQuery) {
  const query = ZSearchQuery.parse(raw);
  const rows = await repo.searchPosts(db, actor, query.q, query.pageSize, (query.page - 1) * query.pageSize);
  return {
    items: rows.map((r) => ({
      postId: r.post_id,
      threadId: r.thread_id,
      threadTitle: r.thread_title,
      boardId: r.board_id,
      boardTitle: r.board_title,
      className: r.class_name,
      author: { id: r.author_id, name: r.author_name },
      excerpt: r.excerpt,
      createdAt: r.created_at,
    })),
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
