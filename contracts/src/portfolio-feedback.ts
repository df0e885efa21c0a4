import { z } from "zod";
import { ZId, ZName } from "./common.js";
import { ZPersonRef } from "./portfolio.js";

// Portfolio feedback (threaded comments, peer feedback requests), assessment (rubrics, submissions
// with a locked snapshot, scores) and export. Points are exact decimals carried as strings ("2.50").

/** Rich text as the editor sends it; the server sanitises it and bounds its length. */
const ZRichText = (label: string, max = 20_000) =>
  z
    .string()
    .trim()
    .min(1, { message: `${label} is required` })
    .max(max, { message: `${label} is too long (at most ${max} characters)` });

/** An exact, non-negative number of points with at most two decimals, e.g. "3" or "2.5". */
export const ZPoints = z
  .union([z.string().trim(), z.number().nonnegative()])
  .transform((v) => String(v))
  .pipe(z.string().regex(/^\d{1,4}(\.\d{1,2})?$/, { message: "Points must be a number from 0 to 9999 with at most two decimals" }));

export const commentTargetTypes = ["page", "artifact"] as const;
export const ZCommentTargetType = z.enum(commentTargetTypes);

export const ZPortfolioComment = z.object({
  id: ZId,
  targetType: ZCommentTargetType,
  targetId: ZId,
  parentId: ZId.nullable(),
  author: ZPersonRef,
  /** Sanitised HTML; empty when hidden and the caller is not the owner. */
  body: z.string(),
  hidden: z.boolean(),
  resolved: z.boolean(),
  requestId: ZId.nullable(),
  /** Which guiding question of the feedback request this answers (0-based). */
  questionIndex: z.number().int().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
});
export type TPortfolioComment = z.infer<typeof ZPortfolioComment>;

/** A thread: its comments in order, replies after their parent (depth from parentId). */
export const ZCommentList = z.object({ items: z.array(ZPortfolioComment), canComment: z.boolean(), canModerate: z.boolean() });
export type TCommentList = z.infer<typeof ZCommentList>;

export const ZCommentCreate = z.object({
  body: ZRichText("Comment", 10_000),
  parentId: ZId.optional(),
  requestId: ZId.optional(),
  questionIndex: z.number().int().min(0).max(9).optional(),
});
export type TCommentCreate = z.infer<typeof ZCommentCreate>;

/** What the owner changes on a comment: resolve or hide it (and undo either). */
export const ZCommentModerate = z
  .object({ resolved: z.boolean().optional(), hidden: z.boolean().optional() })
  .refine((v) => v.resolved !== undefined || v.hidden !== undefined, { message: "Say whether to resolve or hide the comment" });
export type TCommentModerate = z.infer<typeof ZCommentModerate>;

export const ZFeedbackRequestCreate = z.object({
  pageId: ZId,
  reviewerIds: z.array(ZId).min(1, { message: "Choose at least one classmate" }).max(5, { message: "Ask at most five classmates" }),
  questions: z
    .array(ZName("Question", 500))
    .min(1, { message: "Write at least one guiding question" })
    .max(10, { message: "Ask at most ten questions" }),
  message: z.string().trim().max(2000).optional(),
});
export type TFeedbackRequestCreate = z.infer<typeof ZFeedbackRequestCreate>;

export const ZFeedbackRequest = z.object({
  id: ZId,
  pageId: ZId,
  pageTitle: z.string(),
  owner: ZPersonRef,
  reviewers: z.array(ZPersonRef.extend({ answered: z.boolean() })),
  questions: z.array(z.string()),
  message: z.string().nullable(),
  closed: z.boolean(),
  createdAt: z.string(),
});
export type TFeedbackRequest = z.infer<typeof ZFeedbackRequest>;

/** Requests the caller made ("mine") and requests made to the caller ("toMe"). */
export const ZFeedbackRequestLists = z.object({ mine: z.array(ZFeedbackRequest), toMe: z.array(ZFeedbackRequest) });
export type TFeedbackRequestLists = z.infer<typeof ZFeedbackRequestLists>;

// --- Rubrics ------------------------------------------------------------------------------------

export const ZRubricLevelInput = z.object({
  title: ZName("Level title", 100),
  description: z.string().trim().max(1000).default(""),
  points: ZPoints,
});
export const ZRubricCriterionInput = z.object({
  title: ZName("Criterion title", 200),
  description: z.string().trim().max(2000).default(""),
  levels: z.array(ZRubricLevelInput).min(1, { message: "A criterion needs at least one level" }).max(10, { message: "At most ten levels" }),
});
export const ZRubricCreate = z.object({
  title: ZName("Rubric title"),
  description: z.string().trim().max(2000).default(""),
  criteria: z
    .array(ZRubricCriterionInput)
    .min(1, { message: "A rubric needs at least one criterion" })
    .max(30, { message: "At most thirty criteria" }),
});
export type TRubricCreate = z.infer<typeof ZRubricCreate>;

export const ZRubric = z.object({
  id: ZId,
  classId: ZId,
  title: z.string(),
  description: z.string(),
  maxPoints: z.string(),
  criteria: z.array(
    z.object({
      id: ZId,
      title: z.string(),
      description: z.string(),
      levels: z.array(z.object({ id: ZId, title: z.string(), description: z.string(), points: z.string() })),
    }),
  ),
  createdAt: z.string(),
});
export type TRubric = z.infer<typeof ZRubric>;

// --- Assessments and submissions -----------------------------------------------------------------

export const ZAssessmentCreate = z.object({
  title: ZName("Assessment title"),
  instructions: z.string().trim().max(5000).default(""),
  rubricId: ZId,
  dueAt: z.iso.datetime({ offset: true, message: "must be a date and time" }).optional(),
});
export type TAssessmentCreate = z.infer<typeof ZAssessmentCreate>;

export const ZAssessment = z.object({
  id: ZId,
  classId: ZId,
  title: z.string(),
  instructions: z.string(),
  rubricId: ZId,
  dueAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TAssessment = z.infer<typeof ZAssessment>;

export const submissionStatuses = ["not_submitted", "submitted", "assessed", "returned"] as const;
export const ZSubmissionStatus = z.enum(submissionStatuses);

/** An assessment of one of the student's classes, with where the student stands. */
export const ZMyAssessment = ZAssessment.extend({ className: z.string(), status: ZSubmissionStatus, submissionId: ZId.nullable() });
export type TMyAssessment = z.infer<typeof ZMyAssessment>;

export const ZSubmissionCreate = z
  .object({ collectionId: ZId.optional(), pageId: ZId.optional() })
  .refine((v) => (v.collectionId === undefined) !== (v.pageId === undefined), {
    message: "Choose either a collection or a page to submit",
  });
export type TSubmissionCreate = z.infer<typeof ZSubmissionCreate>;

/** A locked copy of what was submitted: later edits to the portfolio do not change it. */
export const ZSnapshot = z.object({
  title: z.string(),
  pages: z.array(
    z.object({
      id: ZId,
      title: z.string(),
      /** Sanitised HTML of the page as it was rendered at submission. */
      html: z.string(),
    }),
  ),
  artifacts: z.array(
    z.object({
      id: ZId,
      kind: z.string(),
      title: z.string(),
      description: z.string(),
      tags: z.array(z.string()),
      url: z.string().nullable(),
      file: z.object({ id: ZId, name: z.string(), mimeType: z.string(), size: z.number().int() }).nullable(),
    }),
  ),
  reflections: z.array(z.object({ id: ZId, targetType: z.string(), targetId: ZId, html: z.string(), createdAt: z.string() })),
});
export type TSnapshot = z.infer<typeof ZSnapshot>;

export const ZScoreInput = z.object({
  criterionId: ZId,
  levelId: ZId.nullable().optional(),
  /** Defaults to the chosen level's points; a teacher may give points between levels. */
  points: ZPoints.optional(),
  comment: z.string().trim().max(5000).default(""),
});
export const ZAssessInput = z.object({
  scores: z.array(ZScoreInput).max(30),
  overallComment: z.string().trim().max(10_000).default(""),
  /** Return to the student now (they see the result); else it stays "assessed" for the teacher. */
  returnToStudent: z.boolean().default(false),
});
export type TAssessInput = z.infer<typeof ZAssessInput>;

export const ZPortfolioSubmission = z.object({
  id: ZId,
  assessmentId: ZId,
  student: ZPersonRef,
  status: ZSubmissionStatus,
  submittedAt: z.string(),
  /** The rubric it is scored with (criteria and levels), so one call shows the result. */
  rubric: ZRubric,
  snapshot: ZSnapshot,
  /** Scores and comments: the teacher always sees them; the student only once returned. */
  result: z
    .object({
      scores: z.array(z.object({ criterionId: ZId, levelId: ZId.nullable(), points: z.string(), comment: z.string() })),
      overallComment: z.string(),
      totalPoints: z.string(),
      maxPoints: z.string(),
      assessedBy: ZPersonRef.nullable(),
      assessedAt: z.string().nullable(),
      returnedAt: z.string().nullable(),
    })
    .nullable(),
});
export type TPortfolioSubmission = z.infer<typeof ZPortfolioSubmission>;

/** One row per student of the class, with or without a submission. */
export const ZSubmissionStatusRow = z.object({
  student: ZPersonRef,
  status: ZSubmissionStatus,
  submissionId: ZId.nullable(),
  submittedAt: z.string().nullable(),
  totalPoints: z.string().nullable(),
});
export type TSubmissionStatusRow = z.infer<typeof ZSubmissionStatusRow>;
