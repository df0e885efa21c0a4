import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { districts, users } from "./organisation.js";
import { classes } from "./roster.js";
import { groupSets, groups } from "./groups.js";

export const markingSchemes = ["groupWithPeer", "individual"] as const;
export const peerMethods = ["webpa", "catme"] as const;
export const penaltyKinds = ["percent", "points"] as const;
export const cardStatuses = ["todo", "doing", "done"] as const;

/** One peer-assessment criterion of a task (WebPA criteria, or CATME's dimensions). */
export interface PeerCriterionRow {
  key: string;
  label: string;
  description?: string;
}

/** One checklist item of a board card. */
export interface ChecklistItemRow {
  id: string;
  text: string;
  done: boolean;
}

/**
 * A collaborative task given to every group of a group set. Holds all settings, including the
 * peer-assessment ones that the peer module (G4) interprets; group marks live with the peer module.
 */
export const groupTasks = pgTable(
  "group_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    classId: uuid("class_id")
      .notNull()
      .references(() => classes.id),
    setId: uuid("set_id")
      .notNull()
      .references(() => groupSets.id),
    title: text("title").notNull(),
    /** Sanitised rich text. */
    instructions: text("instructions").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    /** The submission deadline: after it, the space is read-only for students. */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** The role catalogue (teacher-editable; defaults from the spec). */
    roles: jsonb("roles").$type<string[]>().notNull(),
    /** Whether roles rotate by phase; `phases` names the phases (one phase when not rotating). */
    rotateRoles: boolean("rotate_roles").notNull().default(false),
    phases: jsonb("phases")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    markingScheme: text("marking_scheme", { enum: markingSchemes }).notNull().default("groupWithPeer"),
    peerMethod: text("peer_method", { enum: peerMethods }).notNull().default("webpa"),
    peerCriteria: jsonb("peer_criteria")
      .$type<PeerCriterionRow[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    peerIncludeSelf: boolean("peer_include_self").notNull().default(false),
    /** Weight of peer assessment w as a percentage 0-100 (exact). */
    peerWeight: numeric("peer_weight", { precision: 5, scale: 2 }).notNull().default("50"),
    penaltyKind: text("penalty_kind", { enum: penaltyKinds }).notNull().default("percent"),
    penaltyAmount: numeric("penalty_amount", { precision: 6, scale: 2 }).notNull().default("0"),
    ratingOpensAt: timestamp("rating_opens_at", { withTimezone: true }),
    ratingClosesAt: timestamp("rating_closes_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [index("group_tasks_class_idx").on(t.classId), index("group_tasks_set_idx").on(t.setId)],
);

/** Who takes which role in a group for a phase; proposed by a member, accepted by the person named. */
export const taskRoles = pgTable(
  "task_roles",
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
    phase: integer("phase").notNull().default(0),
    role: text("role").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    proposedBy: uuid("proposed_by")
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.groupId, t.phase, t.role] })],
);

/** The group's charter; `version` rises with each edit and signatures are for one version. */
export const taskCharters = pgTable(
  "task_charters",
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
    goals: text("goals").notNull().default(""),
    norms: text("norms").notNull().default(""),
    decisions: text("decisions").notNull().default(""),
    fallingBehind: text("falling_behind").notNull().default(""),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.groupId] })],
);

/** A member's signature of one charter version. Editing the charter deletes them. */
export const taskCharterSignatures = pgTable(
  "task_charter_signatures",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => groupTasks.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    charterVersion: integer("charter_version").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.groupId, t.userId] })],
);

/** A card on the group's task board. */
export const taskCards = pgTable(
  "task_cards",
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
    title: text("title").notNull(),
    notes: text("notes").notNull().default(""),
    ownerId: uuid("owner_id").references(() => users.id),
    dueDate: text("due_date"),
    status: text("status", { enum: cardStatuses }).notNull().default("todo"),
    position: integer("position").notNull().default(0),
    checklist: jsonb("checklist")
      .$type<ChecklistItemRow[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("task_cards_group_idx").on(t.taskId, t.groupId)],
);

/** Append-only log of every card change (who, what, when). */
export const taskCardLog = pgTable(
  "task_card_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    taskId: uuid("task_id")
      .notNull()
      .references(() => groupTasks.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    cardId: uuid("card_id")
      .notNull()
      .references(() => taskCards.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(),
    details: jsonb("details")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("task_card_log_group_idx").on(t.taskId, t.groupId, t.at)],
);

/** The one group submission; any member edits it until the deadline. */
export const taskSubmissions = pgTable(
  "task_submissions",
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
    /** Sanitised rich text. */
    body: text("body").notNull().default(""),
    version: integer("version").notNull().default(0),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.groupId] })],
);

/** Every saved version of a submission: who, when, size, and the text itself. */
export const taskSubmissionVersions = pgTable(
  "task_submission_versions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    taskId: uuid("task_id")
      .notNull()
      .references(() => groupTasks.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    size: integer("size").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("task_submission_versions_idx").on(t.taskId, t.groupId, t.version)],
);

/** Files attached to a group submission (content in `FileStorage`). */
export const taskSubmissionFiles = pgTable(
  "task_submission_files",
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
    storageKey: text("storage_key").notNull(),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("task_submission_files_group_idx").on(t.taskId, t.groupId)],
);

/**
 * Time active in the group space: bounded intervals built from heartbeats. A heartbeat close
 * enough to the last one extends the interval; a late one starts a new interval.
 */
export const taskActivity = pgTable(
  "task_activity",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    taskId: uuid("task_id")
      .notNull()
      .references(() => groupTasks.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    lastBeatAt: timestamp("last_beat_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("task_activity_user_idx").on(t.taskId, t.userId, t.lastBeatAt)],
);
