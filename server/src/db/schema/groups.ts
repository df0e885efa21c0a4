import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { districts, users } from "./organisation.js";
import { classes } from "./roster.js";

export const groupSetStrategies = ["random", "manual", "selfSignup", "criteria", "copy"] as const;

/** A partition of a class's students into groups. Students see it only once published. */
export const groupSets = pgTable(
  "group_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    classId: uuid("class_id").notNull().references(() => classes.id),
    name: text("name").notNull(),
    strategy: text("strategy", { enum: groupSetStrategies }).notNull(),
    /** Strategy parameters (group size, seed, criteria, capacity, signup window ...), shaped by the contracts. */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** The last formation's per-group scores, recomputed after every change by hand. */
    scores: jsonb("scores").$type<Record<string, unknown>>(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    /** Bumped by every change; clients send it back so concurrent edits conflict instead of overwriting. */
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("group_sets_class_idx").on(t.classId)],
);

/** One group of a set. */
export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    setId: uuid("set_id")
      .notNull()
      .references(() => groupSets.id, { onDelete: "cascade" }),
    classId: uuid("class_id").notNull().references(() => classes.id),
    name: text("name").notNull(),
    /** Self-signup capacity; null means the set's default. */
    capacity: integer("capacity"),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("groups_set_idx").on(t.setId), index("groups_class_idx").on(t.classId)],
);

/** A student's place in a group. A student is in at most one group of a set. */
export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    setId: uuid("set_id")
      .notNull()
      .references(() => groupSets.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    /** Locked members stay where the teacher put them when formation is re-run. */
    locked: boolean("locked").notNull().default(false),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), uniqueIndex("group_members_set_user_idx").on(t.setId, t.userId), index("group_members_user_idx").on(t.userId)],
);

/** A class's grouping survey: the questions the teacher asks (interests from a list, free-time slots, preferred partners). */
export const groupSurveys = pgTable("group_surveys", {
  classId: uuid("class_id")
    .primaryKey()
    .references(() => classes.id),
  districtId: uuid("district_id").notNull().references(() => districts.id),
  open: boolean("open").notNull().default(false),
  interests: jsonb("interests").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  slots: jsonb("slots").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  maxPartners: integer("max_partners").notNull().default(2),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A student's answer to the class survey. */
export const groupSurveyAnswers = pgTable(
  "group_survey_answers",
  {
    classId: uuid("class_id")
      .notNull()
      .references(() => groupSurveys.classId, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    interests: jsonb("interests").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    freeTimes: jsonb("free_times").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    partners: jsonb("partners").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.userId] })],
);

/** A value of a named attribute (a score, a level) the teacher entered or pasted for a student of a class. */
export const studentAttributes = pgTable(
  "student_attributes",
  {
    classId: uuid("class_id")
      .notNull()
      .references(() => classes.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    value: text("value").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.name, t.userId] })],
);
