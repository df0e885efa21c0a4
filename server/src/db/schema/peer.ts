import { check, index, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { districts, users } from "./organisation.js";
import { groups } from "./groups.js";
import { groupTasks } from "./tasks.js";

/**
 * One member's rating of one teammate (or of themselves) for a group task: a whole number per
 * criterion, and a comment. Anonymous to peers, never to the teacher. One row per rater, ratee and task.
 */
export const peerRatings = pgTable(
  "peer_ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    taskId: uuid("task_id")
      .notNull()
      .references(() => groupTasks.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    raterId: uuid("rater_id")
      .notNull()
      .references(() => users.id),
    rateeId: uuid("ratee_id")
      .notNull()
      .references(() => users.id),
    /** Whole-number score per criterion key, on the task's scale. */
    scores: jsonb("scores").$type<Record<string, number>>().notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("peer_ratings_task_rater_ratee_idx").on(t.taskId, t.raterId, t.rateeId),
    index("peer_ratings_group_idx").on(t.taskId, t.groupId),
  ],
);

/** The teacher's mark for a group's work, 0-100, exact. */
export const peerGroupMarks = pgTable(
  "peer_group_marks",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => groupTasks.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    mark: numeric("mark", { precision: 5, scale: 2 }).notNull(),
    enteredBy: uuid("entered_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.groupId] }), check("peer_group_marks_range", sql`${t.mark} >= 0 and ${t.mark} <= 100`)],
);

/** A teacher's override of one member's computed mark, with the reason (also in the audit log). */
export const peerMarkOverrides = pgTable(
  "peer_mark_overrides",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => groupTasks.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    mark: numeric("mark", { precision: 5, scale: 2 }).notNull(),
    reason: text("reason").notNull(),
    overriddenBy: uuid("overridden_by")
      .notNull()
      .references(() => users.id),
    overriddenAt: timestamp("overridden_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.userId] }), check("peer_mark_overrides_range", sql`${t.mark} >= 0 and ${t.mark} <= 100`)],
);
