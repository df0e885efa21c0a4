import { ZId, chatPageSize, chatRoom, type TChatMessage, type TChatPage } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { badRequest, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { enforceRateLimit, type RateLimiter } from "../../platform/rate-limit.js";
import { notify } from "../notifications/notify.js";
import { canDelete, canToggle, canWrite, chatPolicies, classChatRelation, groupChatRelation, type ChatRelation } from "./chat.policy.js";
import { presentMessage } from "./chat.presenter.js";
import * as repo from "./chat.repository.js";
import { mentionedUsernames } from "./mentions.js";

/** Messages a person may send per window, and the window in seconds. */
export const chatRateLimit = { limit: 20, windowSeconds: 10 } as const;

/** Which chat: a class's, or a group's. */
export type ChatTarget = { kind: "class"; id: string } | { kind: "group"; id: string };

/** A chat the actor may read: where it lives, its name for people, the actor's relation and the switch. */
interface ChatAccess {
  scope: repo.ChatScope;
  /** "Algebra 1" or "Red group (Algebra 1)", for notifications. */
  label: string;
  /** The web app path of the chat. */
  link: string;
  relation: Exclude<ChatRelation, null>;
  enabled: boolean;
}

/** The chat and the actor's relation to it, or null when the actor may not read it (or it does not exist). */
async function findAccess(db: DbOrTx, actor: Actor, target: ChatTarget): Promise<ChatAccess | null> {
  if (target.kind === "class") {
    const cls = await repo.findClassChat(db, actor.districtId, actor.userId, target.id);
    const relation = cls ? classChatRelation(actor, cls) : null;
    if (!cls || !relation) return null;
    return {
      scope: { districtId: actor.districtId, classId: cls.id, groupId: null },
      label: cls.title,
      link: `/chat/classes/${cls.id}`,
      relation,
      enabled: cls.enabled,
    };
  }
  const group = await repo.findGroupChat(db, actor.districtId, actor.userId, target.id);
  const relation = group ? groupChatRelation(actor, group) : null;
  if (!group || !relation) return null;
  return {
    scope: { districtId: actor.districtId, classId: group.classId, groupId: group.id },
    label: `${group.name} (${group.classTitle})`,
    link: `/chat/groups/${group.id}`,
    relation,
    enabled: group.enabled,
  };
}

async function requireAccess(db: DbOrTx, actor: Actor, target: ChatTarget): Promise<ChatAccess> {
  const access = await findAccess(db, actor, target);
  if (!access) throw notFound(target.kind === "class" ? "Class chat" : "Group chat");
  return access;
}

/** May the actor receive the events of a chat room (same rule as reading the chat)? */
export async function mayJoinChat(db: Db, actor: Actor, target: ChatTarget): Promise<boolean> {
  // A room name is typed by the client: anything but a uuid is simply no room.
  if (!ZId.safeParse(target.id).success) return false;
  return (await findAccess(db, actor, target)) !== null;
}

/** One page of a chat's history, newest first: the latest 50, or the 50 before the message `before`. */
export async function getChat(
  db: Db,
  actor: Actor,
  target: ChatTarget,
  before: string | undefined,
): Promise<{ data: TChatPage; policies: Record<string, boolean> }> {
  const access = await requireAccess(db, actor, target);
  if (before && !(await repo.messageInScope(db, access.scope, before)))
    throw badRequest("The `before` message is not in this chat; reload the chat and scroll again");
  const rows = await repo.listMessages(db, access.scope, before ?? null, chatPageSize + 1);
  return {
    data: {
      messages: rows.slice(0, chatPageSize).map(presentMessage),
      hasMore: rows.length > chatPageSize,
      enabled: access.enabled,
      room: chatRoom(access.scope),
    },
    policies: chatPolicies(access.relation, access.enabled),
  };
}

/** Checks the shape of an Idempotency-Key header: printable, at most 200 characters. */
export function parseIdempotencyKey(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== "string" || value.length === 0 || value.length > 200 || !/^[\x21-\x7e]+$/.test(value))
    throw badRequest("The Idempotency-Key header must be 1 to 200 printable characters (a UUID is a good choice)");
  return value;
}

/**
 * Sends a message. A retry with the same Idempotency-Key returns the message stored the first time
 * (`replayed`), without a second message, notification or event. People named with @username who
 * take part in the chat are notified (kind "mention").
 */
export async function sendMessage(
  db: Db,
  limiter: RateLimiter,
  actor: Actor,
  target: ChatTarget,
  body: string,
  idempotencyKey: string | null,
): Promise<{ message: TChatMessage; replayed: boolean }> {
  const access = await requireAccess(db, actor, target);
  if (idempotencyKey) {
    const earlier = await repo.findByIdempotencyKey(db, actor.userId, idempotencyKey);
    if (earlier) return { message: presentMessage(earlier), replayed: true };
  }
  if (!canWrite(access.relation, access.enabled)) {
    throw forbidden(
      access.relation === "reader"
        ? "Administrators can read this chat but not write in it"
        : "The teacher has turned this chat off for now; you can still read it",
    );
  }
  await enforceRateLimit(limiter, `chat:${actor.userId}`, chatRateLimit.limit, chatRateLimit.windowSeconds, "sending messages");

  const mentions = (await repo.findParticipantsByUsername(db, access.scope, mentionedUsernames(body))).filter((m) => m.userId !== actor.userId);
  const stored = await db.transaction(async (tx) => {
    const id = await repo.insertMessage(tx, { ...access.scope, authorId: actor.userId, body, mentions, idempotencyKey });
    // Another request with the same key won the race: answer with its message.
    if (!id) return null;
    const row = (await repo.findMessage(tx, actor.districtId, id))!;
    const message = presentMessage(row);
    await recordEvent(tx, actor.districtId, "chat.message_created", [chatRoom(access.scope)], { message });
    if (mentions.length > 0) {
      await notify(tx, {
        districtId: actor.districtId,
        userIds: mentions.map((m) => m.userId),
        actorId: actor.userId,
        kind: "mention",
        title: `${row.authorName} mentioned you in the chat of ${access.label}`,
        body: body.length > 200 ? `${body.slice(0, 199)}…` : body,
        link: access.link,
      });
    }
    return message;
  });
  if (stored) return { message: stored, replayed: false };
  const earlier = await repo.findByIdempotencyKey(db, actor.userId, idempotencyKey!);
  return { message: presentMessage(earlier!), replayed: true };
}

/** Deletes a message: its author (while they take part), or a teacher of the class. "Message deleted" stays in its place. */
export async function deleteMessage(db: Db, actor: Actor, messageId: string): Promise<TChatMessage> {
  const row = await repo.findMessage(db, actor.districtId, messageId);
  if (!row) throw notFound("Message");
  const target: ChatTarget = row.groupId ? { kind: "group", id: row.groupId } : { kind: "class", id: row.classId };
  const access = await findAccess(db, actor, target);
  if (!access) throw notFound("Message");
  if (!canDelete(access.relation, actor, row)) throw forbidden("You can delete only your own messages; a teacher of the class can delete any");
  if (row.deletedAt) return presentMessage(row);
  return db.transaction(async (tx) => {
    await repo.markDeleted(tx, row.id, actor.userId);
    const message = presentMessage((await repo.findMessage(tx, actor.districtId, row.id))!);
    await recordEvent(tx, actor.districtId, "chat.message_deleted", [chatRoom(access.scope)], { message });
    return message;
  });
}

/** Turns a class's chat (and its group chats) off or on: teachers of the class only. */
export async function setChatEnabled(db: Db, actor: Actor, classId: string, enabled: boolean): Promise<{ enabled: boolean }> {
  const access = await requireAccess(db, actor, { kind: "class", id: classId });
  if (!canToggle(access.relation)) throw forbidden("Only the teachers of this class can turn its chat off or on");
  await db.transaction(async (tx) => {
    await repo.setEnabled(tx, actor.districtId, classId, enabled, actor.userId);
    const groupRooms = (await repo.listGroupIdsOfClass(tx, classId)).map((groupId) => chatRoom({ classId, groupId }));
    await recordEvent(tx, actor.districtId, "chat.settings_changed", [chatRoom(access.scope), ...groupRooms], { classId, enabled });
  });
  return { enabled };
}
