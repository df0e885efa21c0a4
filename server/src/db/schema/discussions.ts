import { sql } from "drizzle-orm";
import { boolean, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { districts, users } from "./organisation.js";
import { classes } from "./roster.js";
import { groups } from "./groups.js";

/** Who a board is open to: everyone in its owner (the class or the group), or selected groups only. */
export const boardVisibilities = ["owner", "groups"] as const;
export const postStatuses = ["published", "pending", "rejected"] as const;
export const reactionKinds = ["like", "thanks", "insightful", "question", "agree"] as const;

/**
 * A discussion board. Every board has a class (a group board's class is its group's class), so
 * one class policy answers who teaches or moderates it; groupId set means the board of one group.
 */
export const discussionBoards = pgTable(
  "discussion_boards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    classId: uuid("class_id")
      .notNull()
      .references(() => classes.id),
    groupId: uuid("group_id").references(() => groups.id),
    title: text("title").notNull(),
    /** Sanitised rich text. */
    description: text("description").notNull().default(""),
    visibility: text("visibility", { enum: boardVisibilities }).notNull().default("owner"),
    /** Students' new posts wait in the approval queue until a moderator approves them. */
    requiresApproval: boolean("requires_approval").notNull().default(false),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [index("discussion_boards_class_idx").on(t.classId), index("discussion_boards_group_idx").on(t.groupId)],
);

/** The groups that may see a board whose visibility is "groups". */
export const discussionBoardGroups = pgTable(
  "discussion_board_groups",
  {
    boardId: uuid("board_id")
      .notNull()
      .references(() => discussionBoards.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.groupId] })],
);

/** A thread: a title and its opening post (the post with no parent). */
export const discussionThreads = pgTable(
  "discussion_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    boardId: uuid("board_id")
      .notNull()
      .references(() => discussionBoards.id),
    title: text("title").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    pinned: boolean("pinned").notNull().default(false),
    /** No new replies while locked (moderators excepted). */
    locked: boolean("locked").notNull().default(false),
    /** A student sees others' replies only after posting one of their own. */
    postFirst: boolean("post_first").notNull().default(false),
    /** Graded discussion: the most participation points a student can get (null: not graded). */
    gradedMaxPoints: numeric("graded_max_points", { precision: 6, scale: 2 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  // Reply counts and last activity are derived from the posts (threadActivitySql): a reply writes no thread row.
  (t) => [index("discussion_threads_board_idx").on(t.boardId)],
);

/** A post: the opening post of a thread (parentId null) or a reply to any post (real nesting). */
export const discussionPosts = pgTable(
  "discussion_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => discussionThreads.id),
    parentId: uuid("parent_id"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    /** Sanitised rich text. */
    body: text("body").notNull(),
    /** The body as plain text, for search and notifications. */
    bodyText: text("body_text").notNull().default(""),
    status: text("status", { enum: postStatuses }).notNull().default("published"),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: uuid("hidden_by").references(() => users.id),
    hiddenReason: text("hidden_reason"),
    /** Soft deletion: by the author or a moderator; the post stays as "deleted" in the tree. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    /** A retried post with the same key (per author) is stored once. */
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("discussion_posts_thread_idx").on(t.threadId, t.createdAt),
    // The opening post of a thread, found without reading the thread's replies (every read and reply asks).
    uniqueIndex("discussion_posts_opening_idx")
      .on(t.threadId)
      .where(sql`${t.parentId} is null`),
    // A person's posts, and whether they replied in a thread ("post first").
    index("discussion_posts_author_idx").on(t.authorId, t.threadId),
    uniqueIndex("discussion_posts_idempotency_idx").on(t.authorId, t.idempotencyKey),
    index("discussion_posts_search_idx").using("gin", sql`to_tsvector('simple', ${t.bodyText})`),
  ],
);

/** Earlier versions of an edited post (the visible edit history). */
export const discussionPostEdits = pgTable(
  "discussion_post_edits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => discussionPosts.id),
    /** The body before this edit. */
    body: text("body").notNull(),
    editedBy: uuid("edited_by")
      .notNull()
      .references(() => users.id),
    editedAt: timestamp("edited_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("discussion_post_edits_post_idx").on(t.postId, t.editedAt)],
);

export const discussionReactions = pgTable(
  "discussion_reactions",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => discussionPosts.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: reactionKinds }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId, t.kind] })],
);

/** A file attached to a post (kept in FileStorage). */
export const discussionAttachments = pgTable(
  "discussion_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    /** Null until the post that carries it is stored. */
    postId: uuid("post_id").references(() => discussionPosts.id),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    storageKey: text("storage_key").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("discussion_attachments_post_idx").on(t.postId)],
);

/** When a person last opened a thread: unread counts and "new since your last visit". */
export const discussionReads = pgTable(
  "discussion_reads",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => discussionThreads.id),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] })],
);

export const discussionFollows = pgTable(
  "discussion_follows",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => discussionThreads.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] })],
);

/** A post reported to the teachers. */
export const discussionReports = pgTable(
  "discussion_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    postId: uuid("post_id")
      .notNull()
      .references(() => discussionPosts.id),
    reporterId: uuid("reporter_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    /** What the moderator did: "hidden", "dismissed", ... */
    resolution: text("resolution"),
  },
  (t) => [index("discussion_reports_post_idx").on(t.postId), uniqueIndex("discussion_reports_once_idx").on(t.postId, t.reporterId)],
);

/** A participation mark of a student in a graded thread (exact numerics). */
export const discussionGrades = pgTable(
  "discussion_grades",
  {
    threadId: uuid("thread_id")
      .notNull()
      .references(() => discussionThreads.id),
    studentId: uuid("student_id")
      .notNull()
      .references(() => users.id),
    points: numeric("points", { precision: 6, scale: 2 }).notNull(),
    comment: text("comment").notNull().default(""),
    gradedBy: uuid("graded_by")
      .notNull()
      .references(() => users.id),
    gradedAt: timestamp("graded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.studentId] })],
);
