import { z } from "zod";
import { ZId, ZName, ZPaged } from "./common.js";

/** Who a board is open to: everyone in its owner (the class or the group), or selected groups only. */
export const discussionBoardVisibilities = ["owner", "groups"] as const;
export const ZBoardVisibility = z.enum(discussionBoardVisibilities);
export const discussionPostStatuses = ["published", "pending", "rejected"] as const;
export const ZPostStatus = z.enum(discussionPostStatuses);
export const discussionReactionKinds = ["like", "thanks", "insightful", "question", "agree"] as const;
export const ZReactionKind = z.enum(discussionReactionKinds);
export type TReactionKind = z.infer<typeof ZReactionKind>;

/** Bounds shared by the forms and the server. */
export const discussionLimits = {
  /** Largest post body, in characters of (sanitised) HTML. */
  bodyChars: 20_000,
  titleChars: 200,
  attachmentsPerPost: 5,
  attachmentMb: 10,
  mentionsPerPost: 20,
  /** Posts (threads and replies) per person per minute. */
  postsPerMinute: 10,
} as const;

/** The real-time events of discussions (rooms `thread:<id>` and `board:<id>`; payloads carry ids only). */
export const discussionEventNames = [
  "discussion.post_created",
  "discussion.post_updated",
  "discussion.post_deleted",
  "discussion.post_hidden",
  "discussion.reaction_changed",
  "discussion.thread_created",
  "discussion.thread_updated",
] as const;
export const ZDiscussionEventName = z.enum(discussionEventNames);
export type TDiscussionEventName = z.infer<typeof ZDiscussionEventName>;

const ZBody = z
  .string()
  .max(discussionLimits.bodyChars, { message: `A post can be at most ${discussionLimits.bodyChars} characters long; shorten it or split it in two` });
const ZIds = (label: string, max: number) =>
  z.array(ZId).max(max, { message: `At most ${max} ${label}` }).default([]);

export const ZBoardCreate = z.object({
  classId: ZId,
  /** Set for the board of one group of the class. */
  groupId: ZId.nullable().default(null),
  title: ZName("Title", discussionLimits.titleChars),
  description: z.string().max(discussionLimits.bodyChars).default(""),
  visibility: ZBoardVisibility.default("owner"),
  /** With visibility "groups": the groups (of one group set of the class) that see the board. */
  groupIds: ZIds("groups", 100),
  requiresApproval: z.boolean().default(false),
});
export type TBoardCreate = z.input<typeof ZBoardCreate>;

export const ZBoardUpdate = z.object({
  title: ZName("Title", discussionLimits.titleChars).optional(),
  description: z.string().max(discussionLimits.bodyChars).optional(),
  visibility: ZBoardVisibility.optional(),
  groupIds: z.array(ZId).max(100).optional(),
  requiresApproval: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type TBoardUpdate = z.infer<typeof ZBoardUpdate>;

const ZPersonRef = z.object({ id: ZId, name: z.string() });

export const ZBoard = z.object({
  id: ZId,
  classId: ZId,
  className: z.string(),
  groupId: ZId.nullable(),
  groupName: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  visibility: ZBoardVisibility,
  groupIds: z.array(ZId),
  requiresApproval: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  threadCount: z.number().int(),
  unreadCount: z.number().int(),
});
export type TBoard = z.infer<typeof ZBoard>;

export const ZThreadCreate = z.object({
  title: ZName("Title", discussionLimits.titleChars),
  body: ZBody,
  /** Teachers only: a student sees others' replies after posting their own. */
  postFirst: z.boolean().default(false),
  attachmentIds: ZIds("attachments", discussionLimits.attachmentsPerPost),
  mentionIds: ZIds("mentions", discussionLimits.mentionsPerPost),
});
export type TThreadCreate = z.input<typeof ZThreadCreate>;

export const ZThreadUpdate = z.object({
  title: ZName("Title", discussionLimits.titleChars).optional(),
  pinned: z.boolean().optional(),
  locked: z.boolean().optional(),
  postFirst: z.boolean().optional(),
});
export type TThreadUpdate = z.infer<typeof ZThreadUpdate>;

export const ZThreadSummary = z.object({
  id: ZId,
  boardId: ZId,
  title: z.string(),
  author: ZPersonRef,
  pinned: z.boolean(),
  locked: z.boolean(),
  postFirst: z.boolean(),
  createdAt: z.string(),
  lastPostAt: z.string(),
  /** Null while a "post first" thread hides others' replies from the reader. */
  replyCount: z.number().int().nullable(),
  unreadCount: z.number().int().nullable(),
  /** The opening post waits for approval (seen only by its author and moderators). */
  pending: z.boolean(),
});
export type TThreadSummary = z.infer<typeof ZThreadSummary>;

export const ZAttachment = z.object({
  id: ZId,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  image: z.boolean(),
  url: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZReactionCount = z.object({ kind: ZReactionKind, count: z.number().int(), mine: z.boolean() });

/** What the reader sees of a post: "hidden" and "deleted" posts keep their place with an empty body. */
export const ZPost = z.object({
  id: ZId,
  threadId: ZId,
  parentId: ZId.nullable(),
  author: ZPersonRef,
  body: z.string(),
  status: ZPostStatus,
  state: z.enum(["visible", "hidden", "deleted"]),
  /** Moderators only: why the post was hidden. */
  hiddenReason: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /** Newer than the reader's previous visit (and not theirs). */
  isNew: z.boolean(),
  mine: z.boolean(),
  reactions: z.array(ZReactionCount),
  attachments: z.array(ZAttachment),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export type TPost = z.infer<typeof ZPost>;

export const ZThreadDetail = z.object({
  thread: ZThreadSummary,
  board: z.object({ id: ZId, title: z.string(), classId: ZId, className: z.string(), groupId: ZId.nullable(), requiresApproval: z.boolean(), archived: z.boolean() }),
  posts: z.array(ZPost),
  /** The reader's previous visit (null: first visit). */
  lastReadAt: z.string().nullable(),
  following: z.boolean(),
  /** A "post first" thread whose other replies the reader will see after posting their own. */
  waitingToPostFirst: z.boolean(),
});
export type TThreadDetail = z.infer<typeof ZThreadDetail>;

export const ZPostCreate = z.object({
  /** The post replied to; null or missing: a reply to the opening post. */
  parentId: ZId.nullable().default(null),
  body: ZBody,
  attachmentIds: ZIds("attachments", discussionLimits.attachmentsPerPost),
  mentionIds: ZIds("mentions", discussionLimits.mentionsPerPost),
});
export type TPostCreate = z.input<typeof ZPostCreate>;

export const ZPostUpdate = z.object({ body: ZBody });
export type TPostUpdate = z.infer<typeof ZPostUpdate>;

export const ZPostHide = z.object({ reason: ZName("Reason", 500) });
export type TPostHide = z.infer<typeof ZPostHide>;

export const ZPostEdit = z.object({ body: z.string(), editedAt: z.string(), editedBy: ZPersonRef });
export type TPostEdit = z.infer<typeof ZPostEdit>;

export const ZSearchQuery = z.object({
  q: z.string().trim().min(2, { message: "Type at least 2 characters to search" }).max(200),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type TSearchQuery = z.input<typeof ZSearchQuery>;

export const ZSearchResult = z.object({
  postId: ZId,
  threadId: ZId,
  threadTitle: z.string(),
  boardId: ZId,
  boardTitle: z.string(),
  className: z.string(),
  author: ZPersonRef,
  excerpt: z.string(),
  createdAt: z.string(),
});
export type TSearchResult = z.infer<typeof ZSearchResult>;
export const ZSearchPage = ZPaged(ZSearchResult);

export const ZBoardListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
});
export const ZBoardPage = ZPaged(ZBoard);

export const ZThreadListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(30),
});
export const ZThreadPage = ZPaged(ZThreadSummary);
