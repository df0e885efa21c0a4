import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { districts, users } from "./organisation.js";
import { classes } from "./roster.js";
import { portfolioArtifacts, portfolioFiles, portfolioPages } from "./portfolio.js";

// Portfolio feedback (comments, peer feedback requests) and assessment (rubrics, submissions with a
// locked snapshot, scores). Points are numeric(8,2): exact, never floats.

/** A comment on a page or an artifact; replies point at their parent. Never deleted: the owner hides. */
export const portfolioComments = pgTable(
  "portfolio_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    pageId: uuid("page_id").references(() => portfolioPages.id, { onDelete: "cascade" }),
    artifactId: uuid("artifact_id").references(() => portfolioArtifacts.id, { onDelete: "cascade" }),
    /** The owner of the page or artifact when the comment was written (who may moderate). */
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    parentId: uuid("parent_id"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    /** Sanitised HTML. */
    body: text("body").notNull(),
    requestId: uuid("request_id"),
    questionIndex: integer("question_index"),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [
    index("portfolio_comments_page_idx").on(t.pageId, t.createdAt),
    index("portfolio_comments_artifact_idx").on(t.artifactId, t.createdAt),
    index("portfolio_comments_request_idx").on(t.requestId),
    check("portfolio_comments_one_target", sql`(${t.pageId} is null) <> (${t.artifactId} is null)`),
  ],
);

/** A student asks classmates for feedback on a page, with guiding questions. */
export const portfolioFeedbackRequests = pgTable(
  "portfolio_feedback_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    pageId: uuid("page_id")
      .notNull()
      .references(() => portfolioPages.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    questions: jsonb("questions").$type<string[]>().notNull(),
    message: text("message"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_feedback_requests_owner_idx").on(t.ownerId), index("portfolio_feedback_requests_page_idx").on(t.pageId)],
);

/** A classmate asked for feedback. */
export const portfolioFeedbackReviewers = pgTable(
  "portfolio_feedback_reviewers",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => portfolioFeedbackRequests.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.reviewerId] }), index("portfolio_feedback_reviewers_reviewer_idx").on(t.reviewerId)],
);

/** A teacher's rubric for a class. Criteria and levels are rows so scores can point at them. */
export const portfolioRubrics = pgTable(
  "portfolio_rubrics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    classId: uuid("class_id")
      .notNull()
      .references(() => classes.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_rubrics_class_idx").on(t.classId)],
);

export const portfolioRubricCriteria = pgTable(
  "portfolio_rubric_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    rubricId: uuid("rubric_id")
      .notNull()
      .references(() => portfolioRubrics.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
  },
  (t) => [uniqueIndex("portfolio_rubric_criteria_position_idx").on(t.rubricId, t.position)],
);

export const portfolioRubricLevels = pgTable(
  "portfolio_rubric_levels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => portfolioRubricCriteria.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    points: numeric("points", { precision: 8, scale: 2 }).notNull(),
  },
  (t) => [
    uniqueIndex("portfolio_rubric_levels_position_idx").on(t.criterionId, t.position),
    check("portfolio_rubric_levels_points", sql`${t.points} >= 0`),
  ],
);

/** A portfolio assessment a teacher sets for a class, scored with one rubric. */
export const portfolioAssessments = pgTable(
  "portfolio_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    classId: uuid("class_id")
      .notNull()
      .references(() => classes.id),
    rubricId: uuid("rubric_id")
      .notNull()
      .references(() => portfolioRubrics.id),
    title: text("title").notNull(),
    instructions: text("instructions").notNull().default(""),
    dueAt: timestamp("due_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_assessments_class_idx").on(t.classId)],
);

export const submissionStatuses = ["submitted", "assessed", "returned"] as const;

/** What a student stored as submitted: shaped by `ZSnapshot` in the contracts. */
export type StoredSnapshot = Record<string, unknown> & { title: string };

/**
 * A student's submission: a locked snapshot of the page or collection (rendered, sanitised HTML,
 * artifact metadata, reflections, file references), so later edits do not change what is assessed.
 */
export const portfolioSubmissions = pgTable(
  "portfolio_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => portfolioAssessments.id),
    studentId: uuid("student_id")
      .notNull()
      .references(() => users.id),
    /** Where it came from (informational: the snapshot is what counts). */
    sourceType: text("source_type", { enum: ["page", "collection"] }).notNull(),
    sourceId: uuid("source_id").notNull(),
    snapshot: jsonb("snapshot").$type<StoredSnapshot>().notNull(),
    status: text("status", { enum: submissionStatuses }).notNull().default("submitted"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    overallComment: text("overall_comment"),
    totalPoints: numeric("total_points", { precision: 10, scale: 2 }),
    assessedBy: uuid("assessed_by").references(() => users.id),
    assessedAt: timestamp("assessed_at", { withTimezone: true }),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("portfolio_submissions_student_idx").on(t.assessmentId, t.studentId),
    index("portfolio_submissions_student_only_idx").on(t.studentId),
  ],
);

/** The teacher's score for one criterion of a submission. */
export const portfolioSubmissionScores = pgTable(
  "portfolio_submission_scores",
  {
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => portfolioSubmissions.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => portfolioRubricCriteria.id),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    levelId: uuid("level_id").references(() => portfolioRubricLevels.id),
    points: numeric("points", { precision: 8, scale: 2 }).notNull(),
    comment: text("comment").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.criterionId] })],
);

/** Files a submitted snapshot refers to: they must outlive edits and deletions of the artifact. */
export const portfolioSnapshotFiles = pgTable(
  "portfolio_snapshot_files",
  {
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => portfolioSubmissions.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => portfolioFiles.id),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.fileId] }), index("portfolio_snapshot_files_file_idx").on(t.fileId)],
);
