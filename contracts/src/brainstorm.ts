import { z } from "zod";
import { ZId, ZName } from "./common.js";

/** Brainstorm boards (Padlet-like): cards on a free canvas or in ordered columns, live. */
export const brainstormLayouts = ["canvas", "columns"] as const;
/** Card colours: light backgrounds that keep dark text above 4.5:1 (WCAG AA). */
export const brainstormColours = ["yellow", "blue", "green", "pink", "purple", "orange", "grey"] as const;

export const brainstormLimits = {
  cardText: 500,
  cardsPerBoard: 500,
  columns: 12,
  clusters: 40,
  votesPerPerson: 20,
  /** The canvas in board units (CSS pixels at 100%). */
  canvasWidth: 2400,
  canvasHeight: 1600,
  /** Cards a person may add per minute. */
  cardsPerMinute: 30,
} as const;

export const ZBrainstormLayout = z.enum(brainstormLayouts);
export const ZBrainstormColour = z.enum(brainstormColours);
export type TBrainstormColour = z.infer<typeof ZBrainstormColour>;

const ZCardText = z
  .string()
  .trim()
  .min(1, { message: "Write something on the card" })
  .max(brainstormLimits.cardText, { message: `A card holds at most ${brainstormLimits.cardText} characters` });
const ZX = z.number().int().min(0).max(brainstormLimits.canvasWidth, { message: "The card must stay on the canvas" });
const ZY = z.number().int().min(0).max(brainstormLimits.canvasHeight, { message: "The card must stay on the canvas" });
const ZVotes = z
  .number()
  .int()
  .min(0)
  .max(brainstormLimits.votesPerPerson, { message: `At most ${brainstormLimits.votesPerPerson} votes per person` });

export const ZBrainstormPerson = z.object({ id: ZId, name: z.string() });

export const ZBrainstormColumn = z.object({ id: ZId, title: z.string(), position: z.number().int() });
export type TBrainstormColumn = z.infer<typeof ZBrainstormColumn>;

export const ZBrainstormCluster = z.object({ id: ZId, label: z.string() });
export type TBrainstormCluster = z.infer<typeof ZBrainstormCluster>;

/**
 * A card as everyone in the board's room may see it (event payloads): the author only when names
 * are visible to everyone (board not anonymous, or names revealed).
 */
export const ZBrainstormCardPublic = z.object({
  id: ZId,
  text: z.string(),
  colour: ZBrainstormColour,
  x: z.number().int(),
  y: z.number().int(),
  columnId: ZId.nullable(),
  position: z.number().int(),
  clusterId: ZId.nullable(),
  votes: z.number().int(),
  /** Bumped by text and colour edits; send it back with an edit. */
  version: z.number().int(),
  /** Bumped by every move; a client keeps the place with the highest moveSeq. */
  moveSeq: z.number().int(),
  author: ZBrainstormPerson.nullable(),
});
export type TBrainstormCardPublic = z.infer<typeof ZBrainstormCardPublic>;

/** A card as one viewer sees it: the author when they may see it, and their own relation to it. */
export const ZBrainstormCard = ZBrainstormCardPublic.extend({
  mine: z.boolean(),
  myVote: z.boolean(),
});
export type TBrainstormCard = z.infer<typeof ZBrainstormCard>;

export const ZBrainstormSettings = z.object({
  anonymous: z.boolean(),
  revealNames: z.boolean(),
  frozen: z.boolean(),
  votesPerPerson: z.number().int(),
});

export const ZBrainstormBoardSummary = ZBrainstormSettings.extend({
  id: ZId,
  classId: ZId,
  groupId: ZId.nullable(),
  groupName: z.string().nullable(),
  title: z.string(),
  layout: ZBrainstormLayout,
  cardCount: z.number().int(),
  createdAt: z.string(),
});
export type TBrainstormBoardSummary = z.infer<typeof ZBrainstormBoardSummary>;

export const ZBrainstormBoard = ZBrainstormBoardSummary.extend({
  columns: z.array(ZBrainstormColumn),
  clusters: z.array(ZBrainstormCluster),
  cards: z.array(ZBrainstormCard),
  viewer: z.object({
    /** Teacher of the class or an administrator: sees every author. */
    staff: z.boolean(),
    /** May add, move, vote (false for admins, and for students while frozen). */
    contribute: z.boolean(),
    /** May rename the board and change its columns. */
    arrange: z.boolean(),
    /** May freeze, anonymise, reveal names, set votes, convert (the class's teachers). */
    teach: z.boolean(),
    /** May turn the cards into the group's task board (members of the group). */
    convertToTask: z.boolean(),
    votesUsed: z.number().int(),
    votesLeft: z.number().int(),
    /** Names of authors are hidden from this viewer on others' cards. */
    authorsHidden: z.boolean(),
  }),
});
export type TBrainstormBoard = z.infer<typeof ZBrainstormBoard>;

export const ZBrainstormBoardCreate = z
  .object({
    /** The class (may be left out for a group's board: the group's class). */
    classId: ZId.optional(),
    /** A group: the board of that group only. */
    groupId: ZId.nullable().default(null),
    title: ZName("Title", 120),
    layout: ZBrainstormLayout.default("canvas"),
    /** Columns of a columns board (defaults to three when none are given). */
    columns: z.array(ZName("Column title", 60)).max(brainstormLimits.columns).default([]),
    anonymous: z.boolean().default(false),
    votesPerPerson: ZVotes.default(3),
  })
  .refine((v) => v.classId !== undefined || v.groupId !== null, { message: "Choose a class or a group", path: ["classId"] });
export type TBrainstormBoardCreate = z.input<typeof ZBrainstormBoardCreate>;

/** Board changes: the title (who may arrange), the settings (teachers). */
export const ZBrainstormBoardUpdate = z
  .object({
    title: ZName("Title", 120).optional(),
    anonymous: z.boolean().optional(),
    revealNames: z.boolean().optional(),
    frozen: z.boolean().optional(),
    votesPerPerson: ZVotes.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Send at least one setting to change" });
export type TBrainstormBoardUpdate = z.input<typeof ZBrainstormBoardUpdate>;

export const ZBrainstormColumnCreate = z.object({ title: ZName("Column title", 60) });
export const ZBrainstormColumnUpdate = z
  .object({ title: ZName("Column title", 60).optional(), position: z.number().int().min(0).max(brainstormLimits.columns).optional() })
  .refine((v) => v.title !== undefined || v.position !== undefined, { message: "Send a new title or position" });
export type TBrainstormColumnUpdate = z.input<typeof ZBrainstormColumnUpdate>;

export const ZBrainstormClusterInput = z.object({ label: ZName("Cluster name", 60) });

export const ZBrainstormCardCreate = z.object({
  text: ZCardText,
  colour: ZBrainstormColour.default("yellow"),
  /** Canvas boards: where the card lands (defaults to the top left). */
  x: ZX.optional(),
  y: ZY.optional(),
  /** Columns boards: the column (defaults to the first); the card goes to its end. */
  columnId: ZId.optional(),
});
export type TBrainstormCardCreate = z.input<typeof ZBrainstormCardCreate>;

/** A text or colour edit, with the version read (a stale one answers 409 with the current card). */
export const ZBrainstormCardUpdate = z
  .object({ version: z.number().int().min(1), text: ZCardText.optional(), colour: ZBrainstormColour.optional() })
  .refine((v) => v.text !== undefined || v.colour !== undefined, { message: "Send new text or a new colour" });
export type TBrainstormCardUpdate = z.input<typeof ZBrainstormCardUpdate>;

/**
 * A move: to x/y on a canvas, or to a column and a position in it; and/or into a cluster (null:
 * out of any). Last writer wins (no version): a place has no parts to merge.
 */
export const ZBrainstormCardMove = z
  .object({
    x: ZX.optional(),
    y: ZY.optional(),
    columnId: ZId.optional(),
    position: z.number().int().min(0).max(brainstormLimits.cardsPerBoard).optional(),
    clusterId: ZId.nullable().optional(),
  })
  .refine((v) => (v.x === undefined) === (v.y === undefined), { message: "Send both x and y", path: ["y"] })
  .refine((v) => v.position === undefined || v.columnId !== undefined, { message: "Send the column with the position", path: ["columnId"] })
  .refine((v) => v.x !== undefined || v.columnId !== undefined || v.clusterId !== undefined, {
    message: "Send a place (x and y, or a column) or a cluster",
  });
export type TBrainstormCardMove = z.input<typeof ZBrainstormCardMove>;

export const ZBrainstormToThread = z.object({ discussionBoardId: ZId, title: ZName("Thread title", 200) });
export type TBrainstormToThread = z.input<typeof ZBrainstormToThread>;
export const ZBrainstormToTask = z.object({ taskId: ZId });
export type TBrainstormToTask = z.input<typeof ZBrainstormToTask>;

/** What a conversion made: a thread's id, or the number of task cards added. */
export const ZBrainstormConversion = z.object({ threadId: ZId.nullable(), taskCards: z.number().int() });
export type TBrainstormConversion = z.infer<typeof ZBrainstormConversion>;

/**
 * Events to `brainstorm:<boardId>` (and board_created/archived to `class:`/`group:`). Payloads:
 * `{ boardId, card? , cardId?, votes?, order?, columns?, clusters? }`: cards as ZBrainstormCardPublic.
 */
export const brainstormEvents = [
  "brainstorm.board_created",
  "brainstorm.board_updated",
  "brainstorm.board_archived",
  "brainstorm.columns_changed",
  "brainstorm.clusters_changed",
  "brainstorm.card_created",
  "brainstorm.card_updated",
  "brainstorm.card_moved",
  "brainstorm.card_deleted",
  "brainstorm.votes_changed",
] as const;
export const ZBrainstormEvent = z.enum(brainstormEvents);
export type TBrainstormEvent = z.infer<typeof ZBrainstormEvent>;

/** The payload of every brainstorm event (fields present depend on the event). */
export const ZBrainstormEventPayload = z.object({
  boardId: ZId,
  card: ZBrainstormCardPublic.optional(),
  cardId: ZId.optional(),
  votes: z.number().int().optional(),
  /** Card ids in order, per column whose order changed. */
  order: z.record(z.string(), z.array(ZId)).optional(),
  columns: z.array(ZBrainstormColumn).optional(),
  clusters: z.array(ZBrainstormCluster).optional(),
});
export type TBrainstormEventPayload = z.infer<typeof ZBrainstormEventPayload>;

/** The answer to a vote or unvote. */
export const ZBrainstormVoteResult = z.object({ cardId: ZId, votes: z.number().int(), myVote: z.boolean(), votesLeft: z.number().int() });
export type TBrainstormVoteResult = z.infer<typeof ZBrainstormVoteResult>;
