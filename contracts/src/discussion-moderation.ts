import { z } from "zod";
import { ZId, ZName, ZPaged, ZPageQuery } from "./common.js";

/**
 * Teacher tools for discussions: the approval queue, reports, graded discussions and thread export.
 * The boards, threads and posts themselves are in the discussions contracts.
 */

/** The events the teacher tools record (payloads carry ids only; clients refetch through REST). */
export const discussionModerationEvents = [
  "discussion.post_created", // a pending post was approved: { boardId, threadId, postId } to thread: and board:
  "discussion.post_hidden", // a reported post was hidden: { boardId, threadId, postId } to thread: and board:
  "discussion.post_rejected", // to the author's user: room: { threadId, postId }
  "discussion.thread_updated", // graded on/off: { boardId, threadId } to thread: and board:
  "discussion.report_created", // to each moderator's user: room: { boardId, reportId }
  "discussion.report_resolved", // to each moderator's user: room: { boardId, reportId }
  "discussion.grade_saved", // to the student's user: room: { threadId }
] as const;
export const ZDiscussionModerationEvent = z.enum(discussionModerationEvents);
export type TDiscussionModerationEvent = z.infer<typeof ZDiscussionModerationEvent>;

export const ZDiscussionPerson = z.object({ id: ZId, name: z.string() });
export type TDiscussionPerson = z.infer<typeof ZDiscussionPerson>;

/** A post as a moderator sees it, with where it lives. */
export const ZModeratedPost = z.object({
  id: ZId,
  threadId: ZId,
  threadTitle: z.string(),
  boardId: ZId,
  boardTitle: z.string(),
  className: z.string(),
  parentId: ZId.nullable(),
  author: ZDiscussionPerson,
  /** Sanitised rich text. */
  body: z.string(),
  status: z.enum(["published", "pending", "rejected"]),
  createdAt: z.string(),
  deleted: z.boolean(),
  hidden: z.object({ at: z.string(), reason: z.string() }).nullable(),
});
export type TModeratedPost = z.infer<typeof ZModeratedPost>;

/** The approval queue: optionally one board; paged. */
export const ZApprovalQuery = ZPageQuery.extend({ boardId: ZId.optional() });
export type TApprovalQuery = z.infer<typeof ZApprovalQuery>;
export const ZApprovalPage = ZPaged(ZModeratedPost);
export type TApprovalPage = z.infer<typeof ZApprovalPage>;

/** A moderator's reason, shown to the author. */
export const ZModerationReason = z.object({ reason: ZName("A reason", 500) });
export type TModerationReason = z.infer<typeof ZModerationReason>;

/** A reader reports a post to the teachers. */
export const ZReportCreate = z.object({ reason: ZName("A reason", 1000) });
export type TReportCreate = z.infer<typeof ZReportCreate>;

export const reportResolutions = ["hidden", "dismissed"] as const;
export const ZReport = z.object({
  id: ZId,
  reason: z.string(),
  createdAt: z.string(),
  reporter: ZDiscussionPerson,
  post: ZModeratedPost,
  resolvedAt: z.string().nullable(),
  resolution: z.enum(reportResolutions).nullable(),
});
export type TReport = z.infer<typeof ZReport>;
export const ZReportsQuery = ZPageQuery.extend({
  boardId: ZId.optional(),
  status: z.enum(["open", "resolved"]).default("open"),
});
export type TReportsQuery = z.infer<typeof ZReportsQuery>;
export const ZReportsPage = ZPaged(ZReport);
export type TReportsPage = z.infer<typeof ZReportsPage>;
/** What the reporter gets back: only that the report was taken. */
export const ZReportReceipt = z.object({ id: ZId, createdAt: z.string() });
export type TReportReceipt = z.infer<typeof ZReportReceipt>;

/** Participation points: exact decimals, at most two places (stored as numeric(6,2)). */
export const ZDiscussionPoints = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, { message: "Points must be a number such as 8 or 7.5 (at most 9999.99, two decimals)" });

/** Turns graded discussion on (with the most points) or off (null). */
export const ZGradingSettings = z.object({ maxPoints: ZDiscussionPoints.nullable() });
export type TGradingSettings = z.infer<typeof ZGradingSettings>;

export const ZGradeSave = z.object({
  points: ZDiscussionPoints,
  comment: z.string().trim().max(2000, { message: "The comment must be at most 2000 characters" }).default(""),
});
export type TGradeSave = z.input<typeof ZGradeSave>;

export const ZGrade = z.object({ points: z.string(), comment: z.string(), gradedAt: z.string(), gradedBy: z.string() });
export type TGrade = z.infer<typeof ZGrade>;

/** One post of a student in the grading view. */
export const ZGradingPost = z.object({
  id: ZId,
  parentId: ZId.nullable(),
  /** Whom the post answers (null for the opening post or a reply to a deleted author). */
  replyTo: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
  status: z.enum(["published", "pending", "rejected"]),
  hidden: z.boolean(),
  deleted: z.boolean(),
});
export type TGradingPost = z.infer<typeof ZGradingPost>;

export const ZGradingStudent = z.object({ student: ZDiscussionPerson, posts: z.array(ZGradingPost), grade: ZGrade.nullable() });
export type TGradingStudent = z.infer<typeof ZGradingStudent>;

export const ZGradingSheet = z.object({
  thread: z.object({
    id: ZId,
    title: z.string(),
    boardId: ZId,
    boardTitle: z.string(),
    className: z.string(),
    maxPoints: z.string().nullable(),
  }),
  students: z.array(ZGradingStudent),
});
export type TGradingSheet = z.infer<typeof ZGradingSheet>;

/** A student's own mark in a thread (the only way a student sees it). */
export const ZMyDiscussionGrade = z.object({
  maxPoints: z.string().nullable(),
  grade: z.object({ points: z.string(), comment: z.string(), gradedAt: z.string() }).nullable(),
});
export type TMyDiscussionGrade = z.infer<typeof ZMyDiscussionGrade>;

/** What the teacher links of a board or thread show; `moderate` false for everyone but its teachers. */
export const ZTeacherTools = z.object({
  boardId: ZId,
  threadId: ZId.nullable(),
  moderate: z.boolean(),
  /** School and district admins read the teacher pages without acting. */
  read: z.boolean(),
  pendingCount: z.number().int(),
  openReportCount: z.number().int(),
  gradedMaxPoints: z.string().nullable(),
});
export type TTeacherTools = z.infer<typeof ZTeacherTools>;
