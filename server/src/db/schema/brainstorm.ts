import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { districts, users } from "./organisation.js";
import { classes } from "./roster.js";
import { groups } from "./groups.js";

export const brainstormLayouts = ["canvas", "columns"] as const;
/** A fixed palette of light card colours, each with dark text above 4.5:1 contrast. */
export const brainstormColours = ["yellow", "blue", "green", "pink", "purple", "orange", "grey"] as const;

/**
 * A brainstorm board (Padlet-like) of a class (groupId null: the whole class) or of one group.
 * Authoritative rows rather than a shared document, so that freezing, anonymity and vote limits
 * are the server's to enforce (decision 016).
 */
export const brainstormBoards = pgTable(
  "brainstorm_boards",
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
    layout: text("layout", { enum: brainstormLayouts }).notNull().default("canvas"),
    /** Students do not see who wrote others' cards (teachers always do). */
    anonymous: boolean("anonymous").notNull().default(false),
    /** The teacher showed every author to everyone (overrides anonymous). */
    revealNames: boolean("reveal_names").notNull().default(false),
    /** Read-only for students. */
    frozen: boolean("frozen").notNull().default(false),
    /** Votes each person may give on this board; 0 turns voting off. */
    votesPerPerson: integer("votes_per_person").notNull().default(3),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [index("brainstorm_boards_class_idx").on(t.classId), index("brainstorm_boards_group_idx").on(t.groupId)],
);

/** An ordered column of a columns board. */
export const brainstormColumns = pgTable(
  "brainstorm_columns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    boardId: uuid("board_id")
      .notNull()
      .references(() => brainstormBoards.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("brainstorm_columns_board_idx").on(t.boardId, t.position)],
);

/** A named cluster of cards ("group cards"); cards point at it. */
export const brainstormClusters = pgTable(
  "brainstorm_clusters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    boardId: uuid("board_id")
      .notNull()
      .references(() => brainstormBoards.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("brainstorm_clusters_board_idx").on(t.boardId)],
);

/**
 * A card. Text and colour carry `version` (a stale edit is refused); the place (x/y or column and
 * position, and the cluster) is last-writer-wins, counted by `moveSeq` so clients order moves.
 */
export const brainstormCards = pgTable(
  "brainstorm_cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    boardId: uuid("board_id")
      .notNull()
      .references(() => brainstormBoards.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    /** Plain text, never HTML. */
    text: text("text").notNull(),
    colour: text("colour", { enum: brainstormColours }).notNull().default("yellow"),
    x: integer("x").notNull().default(0),
    y: integer("y").notNull().default(0),
    columnId: uuid("column_id").references(() => brainstormColumns.id, { onDelete: "set null" }),
    position: integer("position").notNull().default(0),
    clusterId: uuid("cluster_id").references(() => brainstormClusters.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    moveSeq: integer("move_seq").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("brainstorm_cards_board_idx").on(t.boardId, t.columnId, t.position)],
);

/** One person's vote on a card (at most one per card; a per-board limit is kept by the service). */
export const brainstormVotes = pgTable(
  "brainstorm_votes",
  {
    cardId: uuid("card_id")
      .notNull()
      .references(() => brainstormCards.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    boardId: uuid("board_id")
      .notNull()
      .references(() => brainstormBoards.id, { onDelete: "cascade" }),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cardId, t.userId] }), index("brainstorm_votes_board_user_idx").on(t.boardId, t.userId)],
);
