import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { approvalTexts } from "./moderation.service.js";
import type { Readable } from "node:stream";
import type { TAttachment, TPost, TPostCreate, TPostEdit, TPostHide, TPostUpdate, TReactionKind } from "@stoa/contracts";
import { ZPostCreate, ZPostHide, ZPostUpdate, discussionLimits } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import type { FileStorage } from "../../platform/storage.js";
import { storeUpload } from "../../platform/uploads.js";
import { hasPgCode } from "../groups/groups.service.js";
import { afterMailsQueued, notify, type NotifyInput } from "../notifications/notify.js";
import { canModerate, canPost, postNeedsApproval, seesEverything } from "./discussions.policy.js";
import { presentAttachment } from "./discussions.presenter.js";
import * as repo from "./discussions.repository.js";
import {
  checkMentions,
  cleanBody,
  countPosting,
  requirePostableBoard,
  requireThread,
  threadRooms,
  type PostingOptions,
} from "./discussions.service.js";
import { loadPostForReader, presentNewPost } from "./posts.read.js";
import { insertPostWithEffects, replyRecipientsSql, type NewPost } from "./posts.write.js";

/** The largest attachment, in bytes. */
export const maxAttachmentBytes = discussionLimits.attachmentMb * 1024 * 1024;

/** The post (with its thread, board and the actor's role); 404 when the actor may not see it. */
async function requirePost(db: DbOrTx, actor: Actor, postId: string) {
  const threadId = await repo.threadOfPost(db, actor.districtId, postId);
  if (!threadId) throw notFound("Post");
  const found = await repo.findThread(db, actor, threadId);
  if (!found) throw notFound("Post");
  const row = await repo.findVisiblePost(db, actor, postId, found.role);
  if (!row) throw notFound("Post");
  return { ...found, post: row.post, authorName: row.authorName };
}

/** A post as the actor now sees it. */
async function present(db: Db, actor: Actor, postId: string): Promise<TPost> {
  const found = await requirePost(db, actor, postId);
  const post = await loadPostForReader(db, actor, found, postId);
  if (!post) throw notFound("Post");
  return post;
}

/** Checks an Idempotency-Key header: printable, 1 to 200 characters. */
export function checkIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined || key === "") return null;
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key))
    throw badRequest("The Idempotency-Key header must be 1 to 200 visible ASCII characters (a UUID is a good choice)");
  return key;
}

/**
 * Replies in a thread. With an idempotency key, a retry by the same author returns the post already
 * stored (created: false) and stores nothing twice, even when both requests race.
 */
export async function createPost(
  db: Db,
  actor: Actor,
  threadId: string,
  raw: TPostCreate,
  options: PostingOptions & { idempotencyKey?: string | null } = {},
): Promise<{ post: TPost; created: boolean }> {
  const input = ZPostCreate.parse(raw);
  const key = options.idempotencyKey ?? null;
  const found = await requireThread(db, actor, threadId);
  if (!canPost(found.role, found.board, found.thread)) {
    if (found.board.archivedAt) throw forbidden("This board is archived: nothing new can be posted");
    if (found.thread.locked && found.role === "student") throw forbidden("This discussion is locked: no new replies");
    throw forbidden("You can read this discussion but not reply");
  }
  let parentId = input.parentId;
  if (parentId) {
    const parent = await repo.findVisiblePost(db, actor, parentId, found.role);
    if (!parent || parent.post.threadId !== threadId)
      throw badRequest("The post you reply to is not in this discussion", [{ path: "parentId", message: "Unknown post" }]);
    if (parent.post.deletedAt) throw badRequest("You cannot reply to a deleted post", [{ path: "parentId", message: "Deleted" }]);
  } else {
    parentId = found.openingId;
  }
  const { body, bodyText } = cleanBody(input.body);
  const mentioned = await checkMentions(db, found.board, input.mentionIds);
  await countPosting(options, actor);
  const status = postNeedsApproval(found.role, found.board) ? "pending" : "published";
  const id = randomUUID();
  const reply = replyTexts(found.thread, id);
  const approval = approvalTexts(found.board, found.thread, { body });
  const values: NewPost = {
    id,
    districtId: actor.districtId,
    threadId,
    parentId,
    authorId: actor.userId,
    body,
    bodyText,
    status,
    idempotencyKey: key,
    eventRooms: threadRooms(found.thread),
    eventPayload: JSON.stringify({ threadId, boardId: found.thread.boardId, postId: id }),
    attachmentIds: [...new Set(input.attachmentIds)],
    classId: found.board.classId,
    mentionIds: mentioned,
    replyTitle: reply.title,
    mentionTitle: `You were mentioned in "${found.thread.title}"`,
    link: reply.link,
    approvalTitle: approval.title,
    approvalBody: approval.body,
    approvalLink: approval.link,
  };
  try {
    // One statement; a transaction only when the attachments must be checked before it commits.
    const stored =
      values.attachmentIds.length === 0
        ? await insertPostWithEffects(db, values)
        : await db.transaction(async (tx) => {
            const result = await insertPostWithEffects(tx, values);
            if (result.attached !== values.attachmentIds.length)
              throw badRequest("An attached file is missing or already used; upload it again", [
                { path: "attachmentIds", message: "Unknown attachment" },
              ]);
            return result;
          });
    afterMailsQueued(stored.mails);
    const { districtId, authorId, idempotencyKey } = values;
    const post: repo.PostRow = {
      id,
      districtId,
      threadId,
      parentId,
      authorId,
      body,
      bodyText,
      status,
      idempotencyKey,
      ...unmoderated,
      createdAt: stored.createdAt,
    };
    // The thread was loaded for this actor above and a new post has no reactions: present it
    // without reading it back (attachments, when any, are read).
    const presented =
      values.attachmentIds.length === 0
        ? presentNewPost(post, found.readerName, found)
        : await loadPostForReader(db, actor, found, post.id);
    if (!presented) throw notFound("Post");
    return { post: presented, created: true };
  } catch (error) {
    // A retry with the same key: the unique index kept the post stored by the first request.
    if (key && hasPgCode(error, "23505")) {
      const stored = await repo.findByIdempotencyKey(db, actor.userId, key);
      if (stored) return replay(db, actor, stored, threadId);
    }
    throw error;
  }
}

/** What a post has not had yet when it is stored: edits, hiding and deletion. */
const unmoderated = { hiddenAt: null, hiddenBy: null, hiddenReason: null, deletedAt: null, deletedBy: null, editedAt: null };

async function replay(db: Db, actor: Actor, stored: repo.PostRow, threadId: string) {
  if (stored.threadId !== threadId) throw conflict("This Idempotency-Key was already used for another post; send a new key");
  return { post: await present(db, actor, stored.id), created: false };
}

/** What those a reply concerns read: where it is and a link to it. */
const replyTexts = (thread: { id: string; title: string }, postId: string) => ({
  title: `New reply in "${thread.title}"`,
  link: `/discussions/threads/${thread.id}#post-${postId}`,
});

/** Followers and the parent post's author hear of a reply a moderator approved, as they would have of a published one. */
export function replyNotice(actor: Actor, thread: repo.ThreadRow, postId: string, parentId: string): NotifyInput {
  const none = sql`${sql.param([])}`;
  return {
    districtId: actor.districtId,
    actorId: actor.userId,
    userIds: replyRecipientsSql(sql`${thread.id}`, sql`${parentId}`, none),
    kind: "reply",
    ...replyTexts(thread, postId),
  };
}

/** Edits the author's own post; the earlier body goes into the visible history. */
export async function updatePost(db: Db, actor: Actor, postId: string, raw: TPostUpdate): Promise<TPost> {
  const input = ZPostUpdate.parse(raw);
  const found = await requirePost(db, actor, postId);
  if (found.post.authorId !== actor.userId || found.role === "admin") throw forbidden("Only the author can edit a post");
  if (found.post.deletedAt || found.post.hiddenAt) throw forbidden("A deleted or hidden post cannot be edited");
  if (found.board.archivedAt) throw forbidden("This board is archived: posts can no longer be edited");
  const { body, bodyText } = cleanBody(input.body);
  if (body === found.post.body) return present(db, actor, postId);
  await db.transaction(async (tx) => {
    await repo.insertEdit(tx, { postId, body: found.post.body, editedBy: actor.userId });
    await repo.updatePost(tx, postId, { body, bodyText, editedAt: new Date() });
    await recordEvent(tx, actor.districtId, "discussion.post_updated", threadRooms(found.thread), {
      threadId: found.thread.id,
      boardId: found.thread.boardId,
      postId,
    });
  });
  return present(db, actor, postId);
}

/** The earlier versions of a post (whoever sees its body sees its history). */
export async function listEdits(db: Db, actor: Actor, postId: string): Promise<TPostEdit[]> {
  const found = await requirePost(db, actor, postId);
  const bodyVisible = !found.post.deletedAt && (!found.post.hiddenAt || seesEverything(found.role));
  if (!bodyVisible) return [];
  const rows = await repo.listEdits(db, postId);
  return rows.map((r) => ({ body: r.body, editedAt: r.editedAt.toISOString(), editedBy: { id: r.editorId, name: r.editorName } }));
}

/** Soft-deletes a post: by its author, or by a moderator. It stays in the tree as "deleted". */
export async function deletePost(db: Db, actor: Actor, postId: string): Promise<TPost> {
  const found = await requirePost(db, actor, postId);
  const mine = found.post.authorId === actor.userId && found.role !== "admin";
  if (!mine && !canModerate(found.role)) throw forbidden("Only the author or the class's teachers can delete this post");
  if (found.post.deletedAt) return present(db, actor, postId);
  await db.transaction(async (tx) => {
    await repo.updatePost(tx, postId, { deletedAt: new Date(), deletedBy: actor.userId });
    if (!mine)
      await audit(tx, actor, {
        action: "discussion.post_delete",
        targetType: "discussion_post",
        targetId: postId,
        details: { authorId: found.post.authorId },
      });
    await recordEvent(tx, actor.districtId, "discussion.post_deleted", threadRooms(found.thread), {
      threadId: found.thread.id,
      boardId: found.thread.boardId,
      postId,
    });
  });
  return present(db, actor, postId);
}

/** Hides a post with a reason, or shows it again (moderators); students see "hidden by the teacher". */
export async function setHidden(db: Db, actor: Actor, postId: string, raw: TPostHide | null): Promise<TPost> {
  const found = await requirePost(db, actor, postId);
  if (!canModerate(found.role)) throw forbidden("Only the class's teachers can hide posts");
  const input = raw ? ZPostHide.parse(raw) : null;
  await db.transaction(async (tx) => {
    await repo.updatePost(
      tx,
      postId,
      input
        ? { hiddenAt: new Date(), hiddenBy: actor.userId, hiddenReason: input.reason }
        : { hiddenAt: null, hiddenBy: null, hiddenReason: null },
    );
    await audit(tx, actor, {
      action: input ? "discussion.post_hide" : "discussion.post_unhide",
      targetType: "discussion_post",
      targetId: postId,
      details: input ? { reason: input.reason } : {},
    });
    await recordEvent(tx, actor.districtId, "discussion.post_hidden", threadRooms(found.thread), {
      threadId: found.thread.id,
      boardId: found.thread.boardId,
      postId,
      hidden: input !== null,
    });
    if (input)
      await notify(tx, {
        districtId: actor.districtId,
        userIds: [found.post.authorId],
        actorId: actor.userId,
        kind: "moderation",
        title: `Your post in "${found.thread.title}" was hidden by the teacher`,
        body: input.reason,
        link: `/discussions/threads/${found.thread.id}#post-${postId}`,
      });
  });
  return present(db, actor, postId);
}

/** Adds or removes the actor's reaction of one kind (people who may post; on visible posts). */
export async function setReaction(db: Db, actor: Actor, postId: string, kind: TReactionKind, on: boolean): Promise<TPost> {
  const found = await requirePost(db, actor, postId);
  if (found.role === "admin") throw forbidden("Administrators read discussions; they do not react");
  if (found.post.deletedAt || found.post.hiddenAt || found.post.status !== "published")
    throw badRequest("You can react only to published posts that are shown");
  if (found.board.archivedAt) throw forbidden("This board is archived");
  await db.transaction(async (tx) => {
    await repo.setReaction(tx, postId, actor.userId, kind, on);
    await recordEvent(tx, actor.districtId, "discussion.reaction_changed", threadRooms(found.thread), {
      threadId: found.thread.id,
      boardId: found.thread.boardId,
      postId,
    });
  });
  return present(db, actor, postId);
}

/** Stores an uploaded file for a post to come on this board (people who may post there). */
export async function uploadAttachment(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  boardId: string,
  body: Readable,
  fileName: string,
): Promise<TAttachment> {
  await requirePostableBoard(db, actor, boardId);
  const stored = await storeUpload(storage, body, fileName, {
    maxBytes: maxAttachmentBytes,
    prefix: `discussions/${actor.districtId}/${boardId}`,
    checkSpace: () => Promise.resolve(),
  });
  try {
    const row = await repo.insertAttachment(db, {
      districtId: actor.districtId,
      uploadedBy: actor.userId,
      storageKey: stored.key,
      fileName: stored.fileName,
      contentType: stored.mediaType,
      size: stored.size,
    });
    return presentAttachment(row);
  } catch (error) {
    await storage.delete(stored.key);
    throw error;
  }
}

/** An attachment the actor may download: its uploader before it is posted; then whoever sees the post's body. */
export async function readAttachment(db: Db, storage: FileStorage, actor: Actor, id: string) {
  const row = await repo.findAttachment(db, actor.districtId, id);
  if (!row) throw notFound("File");
  if (!row.postId) {
    if (row.uploadedBy !== actor.userId) throw notFound("File");
  } else {
    const found = await requirePost(db, actor, row.postId).catch(() => null);
    if (!found) throw notFound("File");
    const bodyVisible = !found.post.deletedAt && (!found.post.hiddenAt || seesEverything(found.role));
    if (!bodyVisible) throw notFound("File");
  }
  return { name: row.fileName, size: row.size, stream: await storage.get(row.storageKey) };
}
