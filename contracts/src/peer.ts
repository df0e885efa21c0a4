import { z } from "zod";
import { ZId } from "./common.js";
import { ZGroupTaskSummary, ZPeerCriterion, type TPeerCriterion } from "./tasks.js";

/** The rating scale: whole numbers from 1 (not at all) to 5 (all the time). */
export const peerScale = { min: 1, max: 5 } as const;

/** Limits shared by the server and the forms. */
export const peerLimits = { comment: 1000, reason: 500 } as const;

/** Criteria used when the teacher named none: three plain ones for WebPA, CATME's five dimensions for CATME. */
export function defaultPeerCriteria(method: "webpa" | "catme"): TPeerCriterion[] {
  if (method === "catme")
    return [
      { key: "contributing", label: "Did their share of the work" },
      { key: "interacting", label: "Listened to and helped teammates" },
      { key: "keepingOnTrack", label: "Kept the team on track" },
      { key: "expectingQuality", label: "Cared about doing good work" },
      { key: "knowledge", label: "Brought the skills the task needed" },
    ];
  return [
    { key: "contribution", label: "Did their share of the work" },
    { key: "teamwork", label: "Worked well with others" },
    { key: "ideas", label: "Brought good ideas" },
  ];
}

const ZScore = z
  .number({ message: `Choose a number from ${peerScale.min} to ${peerScale.max}` })
  .int({ message: `Choose a whole number from ${peerScale.min} to ${peerScale.max}` })
  .min(peerScale.min, { message: `Choose a number from ${peerScale.min} to ${peerScale.max}` })
  .max(peerScale.max, { message: `Choose a number from ${peerScale.min} to ${peerScale.max}` });

/** One rating a student gives a teammate (or themselves). */
export const ZRatingInput = z.object({
  rateeId: ZId,
  scores: z.record(z.string().min(1).max(40), ZScore),
  comment: z
    .string()
    .trim()
    .max(peerLimits.comment, { message: `A comment can be at most ${peerLimits.comment} characters` })
    .default(""),
});
export type TRatingInput = z.input<typeof ZRatingInput>;

/** A student's whole set of ratings for a task: every teammate at once. */
export const ZRatingsSubmit = z.object({ ratings: z.array(ZRatingInput).min(1).max(50) });
export type TRatingsSubmit = z.input<typeof ZRatingsSubmit>;

export const peerWindowStates = ["notYet", "open", "closed"] as const;

export const ZPeerPerson = z.object({ id: ZId, name: z.string() });
export type TPeerPerson = z.infer<typeof ZPeerPerson>;

/** What a student needs to rate their group: teammates, criteria, scale, their own earlier ratings. Never what others gave. */
export const ZRatingForm = z.object({
  task: z.object({ id: ZId, title: z.string(), includeSelf: z.boolean(), opensAt: z.string().nullable(), closesAt: z.string().nullable() }),
  window: z.enum(peerWindowStates),
  group: z.object({ id: ZId, name: z.string() }),
  criteria: z.array(ZPeerCriterion),
  scale: z.object({ min: z.number().int(), max: z.number().int() }),
  /** The people to rate, the caller first when self-rating is on. */
  ratees: z.array(ZPeerPerson.extend({ isSelf: z.boolean() })),
  mine: z.array(z.object({ rateeId: ZId, scores: z.record(z.string(), z.number()), comment: z.string(), updatedAt: z.string() })),
  submitted: z.boolean(),
});
export type TRatingForm = z.infer<typeof ZRatingForm>;

/** A group mark, 0-100, at most two decimals. */
const ZMark = z
  .number({ message: "Enter a mark from 0 to 100" })
  .min(0, { message: "A mark cannot be below 0" })
  .max(100, { message: "A mark cannot be above 100" })
  .refine((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6, { message: "Use at most two decimals" });

export const ZGroupMarkInput = z.object({ mark: ZMark });
export type TGroupMarkInput = z.infer<typeof ZGroupMarkInput>;

export const ZMarkOverrideInput = z.object({
  mark: ZMark,
  reason: z
    .string()
    .trim()
    .min(3, { message: "Say why you are changing this mark" })
    .max(peerLimits.reason, { message: `A reason can be at most ${peerLimits.reason} characters` }),
});
export type TMarkOverrideInput = z.infer<typeof ZMarkOverrideInput>;

export const peerFlagKinds = ["ratedFarBelow", "sameForEveryone", "selfAboveOthers"] as const;
export const ZPeerFlag = z.object({ kind: z.enum(peerFlagKinds), user: ZPeerPerson, detail: z.string() });
export type TPeerFlag = z.infer<typeof ZPeerFlag>;

/** One member's individual mark and the factors behind it. Marks are rounded to one decimal. */
export const ZIndividualMark = z.object({
  user: ZPeerPerson,
  /** WebPA score or CATME adjustment factor as applied, two decimals. */
  factor: z.number(),
  /** CATME only: the factor before capping and the 1.0 rule. */
  rawFactor: z.number().nullable(),
  /** Computed from the group mark and the ratings (null until the group mark is entered). */
  computedMark: z.number().nullable(),
  penaltyApplied: z.number(),
  /** The teacher's override, if any. */
  override: z.object({ mark: z.number(), reason: z.string(), by: ZPeerPerson, at: z.string() }).nullable(),
  /** The mark that counts: the override, else the computed mark. */
  finalMark: z.number().nullable(),
  submitted: z.boolean(),
  ratingsReceived: z.number().int(),
});
export type TIndividualMark = z.infer<typeof ZIndividualMark>;

/** Every rating of a group, for the teacher only (never shown to peers). */
export const ZPeerRatingRecord = z.object({
  rater: ZPeerPerson,
  ratee: ZPeerPerson,
  scores: z.record(z.string(), z.number()),
  comment: z.string(),
  updatedAt: z.string(),
});
export type TPeerRatingRecord = z.infer<typeof ZPeerRatingRecord>;

export const ZOverviewGroup = z.object({
  summary: ZGroupTaskSummary,
  groupMark: z.number().nullable(),
  raters: z.number().int(),
  marks: z.array(ZIndividualMark),
  flags: z.array(ZPeerFlag),
  ratings: z.array(ZPeerRatingRecord),
});
export type TOverviewGroup = z.infer<typeof ZOverviewGroup>;

/** The teacher's overview of a task: every group's state, ratings, flags and marks. */
export const ZTaskOverview = z.object({
  task: z.object({
    id: ZId,
    classId: ZId,
    title: z.string(),
    method: z.enum(["webpa", "catme"]),
    includeSelf: z.boolean(),
    weight: z.number(),
    penaltyKind: z.enum(["percent", "points"]),
    penaltyAmount: z.number(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    dueAt: z.string(),
  }),
  window: z.enum(peerWindowStates),
  raw: z.boolean(),
  criteria: z.array(ZPeerCriterion),
  groups: z.array(ZOverviewGroup),
});
export type TTaskOverview = z.infer<typeof ZTaskOverview>;

/** `raw=true` shows CATME factors uncapped by the 1.0 rule (still at most 1.05) and marks from them. */
export const ZOverviewQuery = z.object({ raw: z.enum(["true", "false"]).default("false") });
