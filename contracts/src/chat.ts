import { z } from "zod";

/** The longest chat message, in characters. */
export const chatMessageMaxLength = 2000;
/** Messages per page of chat history. */
export const chatPageSize = 50;

/** What a person types: plain text (never HTML), 1..2,000 characters after trimming. */
export const ZChatMessageCreate = z.object({
  body: z
    .string()
    .trim()
    .min(1, { message: "Write a message before sending" })
    .max(chatMessageMaxLength, { message: `A message can be at most ${chatMessageMaxLength} characters` }),
});
export type TChatMessageCreate = z.infer<typeof ZChatMessageCreate>;

/** Someone named with @username in a message. */
export const ZChatMention = z.object({ userId: z.uuid(), username: z.string(), name: z.string() });
export type TChatMention = z.infer<typeof ZChatMention>;

/** A chat message as every member of the chat sees it; a deleted message keeps its place, without its text. */
export const ZChatMessage = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  groupId: z.uuid().nullable(),
  author: z.object({ id: z.uuid(), name: z.string() }),
  body: z.string(),
  mentions: z.array(ZChatMention),
  createdAt: z.string(),
  deleted: z.boolean(),
});
export type TChatMessage = z.infer<typeof ZChatMessage>;

/** History paging: `before` is the id of the oldest message the client holds. */
export const ZChatHistoryQuery = z.object({ before: z.uuid({ message: "before must be a message id" }).optional() });

/** One page of a chat, newest first, with whether the chat is open for writing. */
export const ZChatPage = z.object({
  messages: z.array(ZChatMessage),
  hasMore: z.boolean(),
  /** The class's chat is switched on (when off, everyone reads and nobody writes). */
  enabled: z.boolean(),
  /** The room to subscribe to for live messages, presence and typing. */
  room: z.string(),
});
export type TChatPage = z.infer<typeof ZChatPage>;

export const ZChatSettings = z.object({ enabled: z.boolean() });
export type TChatSettings = z.infer<typeof ZChatSettings>;

/** Events of the chat rooms (`chat-class:<classId>`, `chat-group:<groupId>`). */
export const chatEventNames = ["chat.message_created", "chat.message_deleted", "chat.settings_changed"] as const;
export const ZChatEventName = z.enum(chatEventNames);
export type TChatEventName = z.infer<typeof ZChatEventName>;

/** The payload of `chat.message_created` and `chat.message_deleted`. */
export const ZChatMessageEvent = z.object({ message: ZChatMessage });
/** The payload of `chat.settings_changed`. */
export const ZChatSettingsEvent = z.object({ classId: z.uuid(), enabled: z.boolean() });

/** The chat room of a class or of a group. */
export const chatRoom = (scope: { classId: string; groupId: string | null }) =>
  scope.groupId ? `chat-group:${scope.groupId}` : `chat-class:${scope.classId}`;
