import { z } from "zod";
import { ZId, ZName } from "./common.js";

export const groupSetStrategies = ["random", "manual", "selfSignup", "criteria", "copy"] as const;
export const criterionModes = ["mix", "match", "dontIsolate"] as const;
export const attributeKinds = ["numeric", "categorical", "set", "schedule"] as const;

/**
 * Where a criterion's values come from, as `<source>:<name>`:
 * `attr:<name>` a student attribute the teacher entered or pasted (a score, a level);
 * `survey:interests`, `survey:freeTimes` the class survey's answers;
 * `demo:<field>` a demographic field of the district (teachers only, reads are audited).
 */
export const ZAttributeKey = z
  .string()
  .trim()
  .regex(/^(attr|survey|demo):[A-Za-z0-9 _.-]{1,60}$/, { message: "must name an attribute, e.g. attr:score or survey:interests" });

export const ZCriterionInput = z.object({
  attribute: ZAttributeKey,
  mode: z.enum(criterionModes),
  weight: z.number().min(0.1, { message: "Weight must be at least 0.1" }).max(10, { message: "Weight must be at most 10" }).default(1),
  /** Free-time criteria: how many common free slots a group needs. */
  slotsWanted: z.number().int().min(1).max(50).optional(),
});
export type TCriterionInput = z.infer<typeof ZCriterionInput>;

const ZPair = z.tuple([ZId, ZId]).refine(([a, b]) => a !== b, { message: "A pair needs two different students" });

/** What the teacher gives when creating a set; which fields matter depends on the strategy. */
export const ZGroupSetCreate = z
  .object({
    name: ZName("Name", 120),
    strategy: z.enum(groupSetStrategies),
    groupSize: z.number().int().min(2, { message: "A group needs at least 2 students" }).max(50).optional(),
    groupCount: z.number().int().min(1, { message: "Make at least one group" }).max(200).optional(),
    /** Random and criteria: the same seed and input give the same groups. */
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
    criteria: z.array(ZCriterionInput).max(10, { message: "Use at most 10 criteria" }).default([]),
    keepApart: z.array(ZPair).max(200).default([]),
    keepTogether: z.array(ZPair).max(200).default([]),
    /** Avoid pairs who were together in earlier sets of this class. */
    newPartners: z.boolean().default(false),
    /** Honour survey partner requests (at most one per group). */
    usePartnerRequests: z.boolean().default(false),
    /** Self-signup: seats per group, and the window. */
    capacity: z.number().int().min(1).max(50).optional(),
    opensAt: z.iso.datetime({ offset: true }).nullable().optional(),
    closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
    /** Copy: the set to copy. */
    copyFromSetId: ZId.optional(),
  })
  .superRefine((v, ctx) => {
    const sized = v.strategy === "random" || v.strategy === "criteria";
    if (sized && (v.groupSize === undefined) === (v.groupCount === undefined)) {
      ctx.addIssue({ code: "custom", path: ["groupSize"], message: "Give either a group size or a number of groups" });
    }
    if ((v.strategy === "manual" || v.strategy === "selfSignup") && v.groupCount === undefined) {
      ctx.addIssue({ code: "custom", path: ["groupCount"], message: "Give the number of groups" });
    }
    if (v.strategy === "selfSignup" && v.capacity === undefined)
      ctx.addIssue({ code: "custom", path: ["capacity"], message: "Give the number of seats per group" });
    if (v.strategy === "criteria" && v.criteria.length === 0 && !v.newPartners) {
      ctx.addIssue({ code: "custom", path: ["criteria"], message: "Add at least one criterion (or ask for new partners)" });
    }
    if (v.strategy === "copy" && !v.copyFromSetId)
      ctx.addIssue({ code: "custom", path: ["copyFromSetId"], message: "Choose the set to copy" });
    if (v.opensAt && v.closesAt && v.opensAt >= v.closesAt)
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "Sign-up must close after it opens" });
  });
export type TGroupSetCreate = z.input<typeof ZGroupSetCreate>;
export type TGroupSetCreateParsed = z.output<typeof ZGroupSetCreate>;

/** The settings a set keeps (what it was formed with). */
export const ZGroupSetSettings = z.object({
  groupSize: z.number().int().optional(),
  groupCount: z.number().int().optional(),
  seed: z.number().int().optional(),
  criteria: z.array(ZCriterionInput).default([]),
  keepApart: z.array(z.tuple([ZId, ZId])).default([]),
  keepTogether: z.array(z.tuple([ZId, ZId])).default([]),
  newPartners: z.boolean().default(false),
  usePartnerRequests: z.boolean().default(false),
  capacity: z.number().int().optional(),
  opensAt: z.string().nullable().optional(),
  closesAt: z.string().nullable().optional(),
  copyFromSetId: ZId.optional(),
});
export type TGroupSetSettings = z.infer<typeof ZGroupSetSettings>;

export const ZGroupSetUpdate = z.object({
  version: z.number().int(),
  name: ZName("Name", 120).optional(),
  archived: z.boolean().optional(),
  opensAt: z.iso.datetime({ offset: true }).nullable().optional(),
  closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type TGroupSetUpdate = z.infer<typeof ZGroupSetUpdate>;

/** A set in a class's list. */
export const ZGroupSetSummary = z.object({
  id: ZId,
  classId: ZId,
  name: z.string(),
  strategy: z.enum(groupSetStrategies),
  published: z.boolean(),
  archived: z.boolean(),
  groupCount: z.number().int(),
  memberCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TGroupSetSummary = z.infer<typeof ZGroupSetSummary>;

export const ZGroupScore = z.object({ total: z.number(), criteria: z.record(z.string(), z.number()), violations: z.array(z.string()) });
export type TGroupScore = z.infer<typeof ZGroupScore>;

export const ZGroupMember = z.object({ userId: ZId, name: z.string(), locked: z.boolean() });
export type TGroupMember = z.infer<typeof ZGroupMember>;

export const ZGroup = z.object({
  id: ZId,
  name: z.string(),
  capacity: z.number().int().nullable(),
  members: z.array(ZGroupMember),
  score: ZGroupScore.nullable(),
});
export type TGroup = z.infer<typeof ZGroup>;

/** A set as its teachers (and school admins) see it: every group, the scores, who is not placed yet. */
export const ZGroupSetDetail = ZGroupSetSummary.extend({
  settings: ZGroupSetSettings,
  groups: z.array(ZGroup),
  unassigned: z.array(z.object({ userId: ZId, name: z.string() })),
  /** The set's minimum and mean group score, and per criterion; null when nothing is scored (manual, random without criteria). */
  scores: z
    .object({
      minimum: z.number(),
      mean: z.number(),
      criteria: z.record(z.string(), z.object({ minimum: z.number(), mean: z.number() })),
      /** Rules formation could not honour (e.g. a keep-together pair), in words. */
      warnings: z.array(z.string()),
    })
    .nullable(),
  /** Criterion key -> label to show. */
  criterionLabels: z.record(z.string(), z.string()),
});
export type TGroupSetDetail = z.infer<typeof ZGroupSetDetail>;

/** Changes on the result board carry the version they were made from; a stale version answers 409. */
export const ZGroupMove = z.object({ version: z.number().int(), userId: ZId, toGroupId: ZId.nullable() });
export type TGroupMove = z.infer<typeof ZGroupMove>;
export const ZGroupLock = z.object({ version: z.number().int(), userId: ZId, locked: z.boolean() });
export type TGroupLock = z.infer<typeof ZGroupLock>;
export const ZGroupRerun = z.object({ version: z.number().int(), seed: z.number().int().min(0).max(2_147_483_647).optional() });
export type TGroupRerun = z.infer<typeof ZGroupRerun>;
export const ZGroupSetVersion = z.object({ version: z.number().int() });

/** A student's own group in a published set, with the names of its members. */
export const ZMyGroup = z.object({
  set: z.object({ id: ZId, name: z.string(), classId: ZId, classTitle: z.string(), strategy: z.enum(groupSetStrategies) }),
  group: z.object({ id: ZId, name: z.string(), members: z.array(z.object({ userId: ZId, name: z.string() })) }).nullable(),
});
export type TMyGroup = z.infer<typeof ZMyGroup>;

/** A self-signup set as a student sees it: seats left per group (no names of other groups), and their own group. */
export const ZSignupView = z.object({
  set: z.object({
    id: ZId,
    name: z.string(),
    classId: ZId,
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    open: z.boolean(),
  }),
  groups: z.array(z.object({ id: ZId, name: z.string(), capacity: z.number().int(), seatsLeft: z.number().int() })),
  myGroupId: ZId.nullable(),
});
export type TSignupView = z.infer<typeof ZSignupView>;

// ---- Survey ----------------------------------------------------------------------------------

export const weekDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** A free-time slot: a day and a part of the day, e.g. "mon-afternoon". */
export const ZSlot = z
  .string()
  .regex(/^(mon|tue|wed|thu|fri|sat|sun)-(morning|lunch|afternoon|evening)$/, { message: "must be a slot like mon-afternoon" });

export const ZSurveySettings = z.object({
  open: z.boolean(),
  interests: z.array(z.string().trim().min(1).max(60)).max(30, { message: "Offer at most 30 interests" }).default([]),
  slots: z.array(ZSlot).max(28).default([]),
  maxPartners: z.number().int().min(0).max(5).default(2),
});
export type TSurveySettings = z.infer<typeof ZSurveySettings>;

export const ZSurvey = ZSurveySettings.extend({ classId: ZId, answerCount: z.number().int(), studentCount: z.number().int() });
export type TSurvey = z.infer<typeof ZSurvey>;

export const ZSurveyAnswer = z.object({
  interests: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  freeTimes: z.array(ZSlot).max(28).default([]),
  partners: z.array(ZId).max(5).default([]),
});
export type TSurveyAnswer = z.input<typeof ZSurveyAnswer>;

/** What a student sees: the questions, their answer so far, classmates to pick partners from. */
export const ZSurveyForStudent = z.object({
  survey: ZSurveySettings.extend({ classId: ZId }),
  answer: ZSurveyAnswer.nullable(),
  classmates: z.array(z.object({ userId: ZId, name: z.string() })),
});
export type TSurveyForStudent = z.infer<typeof ZSurveyForStudent>;

// ---- Attributes for criteria -------------------------------------------------------------------

/** An attribute the teacher can build a criterion on, with how many students have a value. */
export const ZAttributeInfo = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(attributeKinds),
  source: z.enum(["attr", "survey", "demo"]),
  withData: z.number().int(),
  studentCount: z.number().int(),
});
export type TAttributeInfo = z.infer<typeof ZAttributeInfo>;

/** Student attributes pasted as CSV: a header `student,<name>[,<name>...]` (username), then one row per student. */
export const ZAttributeCsv = z.object({
  csv: z.string().min(1, { message: "Paste the CSV text" }).max(200_000, { message: "The CSV is too long (200 kB at most)" }),
});
export type TAttributeCsv = z.infer<typeof ZAttributeCsv>;

/** Values of one attribute entered by hand: null clears a student's value. */
export const ZAttributeValues = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 _.-]{1,60}$/, { message: "Use letters, digits, spaces, dots, dashes or underscores (60 at most)" }),
  values: z
    .array(z.object({ userId: ZId, value: z.string().trim().max(100).nullable() }))
    .min(1)
    .max(2000),
});
export type TAttributeValues = z.infer<typeof ZAttributeValues>;

/** A class's attribute table for the teacher: one row per student, one column per attribute. */
export const ZAttributeTable = z.object({
  names: z.array(z.string()),
  rows: z.array(z.object({ userId: ZId, name: z.string(), username: z.string(), values: z.record(z.string(), z.string()) })),
});
export type TAttributeTable = z.infer<typeof ZAttributeTable>;
