import { z } from "zod";
import { ZId, ZIsoDate, ZName } from "./common.js";

/** The spec's default role catalogue (the teacher edits it per task). */
export const defaultTaskRoles = ["facilitator", "recorder", "researcher", "presenter", "timekeeper", "skeptic"] as const;
export const markingSchemes = ["groupWithPeer", "individual"] as const;
export const peerMethods = ["webpa", "catme"] as const;
export const penaltyKinds = ["percent", "points"] as const;
export const cardStatuses = ["todo", "doing", "done"] as const;
export type TCardStatus = (typeof cardStatuses)[number];

/** Limits shared by the server and the forms. */
export const taskLimits = { roles: 20, phases: 10, criteria: 10, cardsPerGroup: 300, checklist: 50, submissionChars: 200_000 } as const;

const ZDateTime = z.iso.datetime({ offset: true, message: "must be a date and time" });

export const ZPeerCriterion = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-zA-Z0-9_-]+$/, { message: "Criterion keys use letters, digits, - and _ only" }),
  label: ZName("Criterion name", 100),
  description: z.string().trim().max(500).optional(),
});
export type TPeerCriterion = z.infer<typeof ZPeerCriterion>;

/** The settings a teacher edits (create and update share them). */
const ZTaskSettingsBase = z.object({
  title: ZName("Title"),
  /** Rich text; sanitised by the server. */
  instructions: z.string().max(100_000).default(""),
  startsAt: ZDateTime.nullable().default(null),
  dueAt: ZDateTime,
  roles: z
    .array(ZName("Role name", 60))
    .max(taskLimits.roles, { message: `At most ${taskLimits.roles} roles` })
    .default([...defaultTaskRoles]),
  rotateRoles: z.boolean().default(false),
  /** Phase names; used when roles rotate (at least two then). */
  phases: z.array(ZName("Phase name", 60)).max(taskLimits.phases).default([]),
  markingScheme: z.enum(markingSchemes).default("groupWithPeer"),
  peerMethod: z.enum(peerMethods).default("webpa"),
  peerCriteria: z.array(ZPeerCriterion).max(taskLimits.criteria).default([]),
  peerIncludeSelf: z.boolean().default(false),
  /** Weight of peer assessment, percent 0-100. */
  peerWeight: z.number().min(0).max(100).default(50),
  penaltyKind: z.enum(penaltyKinds).default("percent"),
  penaltyAmount: z.number().min(0).max(100).default(0),
  ratingOpensAt: ZDateTime.nullable().default(null),
  ratingClosesAt: ZDateTime.nullable().default(null),
});

type SettingsShape = z.infer<typeof ZTaskSettingsBase>;

/** Cross-field rules, worded for teachers; the server checks them again. */
function checkSettings(s: SettingsShape, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (s.startsAt && Date.parse(s.startsAt) >= Date.parse(s.dueAt)) issue("dueAt", "The due date must be after the start date");
  if (s.ratingOpensAt && s.ratingClosesAt && Date.parse(s.ratingOpensAt) >= Date.parse(s.ratingClosesAt))
    issue("ratingClosesAt", "Ratings must close after they open");
  if (s.rotateRoles && s.phases.length < 2) issue("phases", "Name at least two phases when roles rotate");
  if (new Set(s.roles.map((r) => r.toLowerCase())).size !== s.roles.length) issue("roles", "Each role name must be different");
  if (new Set(s.peerCriteria.map((c) => c.key)).size !== s.peerCriteria.length) issue("peerCriteria", "Each criterion needs its own key");
  if (s.penaltyKind === "percent" && s.penaltyAmount > 100) issue("penaltyAmount", "A percentage penalty is at most 100");
}

export const ZTaskSettings = ZTaskSettingsBase.superRefine(checkSettings);
export type TTaskSettings = z.infer<typeof ZTaskSettings>;

/** Creating a task: the settings plus the class and group set it belongs to. */
export const ZTaskCreate = ZTaskSettingsBase.extend({ classId: ZId, setId: ZId }).superRefine(checkSettings);
export type TTaskCreate = z.input<typeof ZTaskCreate>;

/** Updating a task: all settings again, plus the version read (stale versions conflict). */
export const ZTaskUpdate = ZTaskSettingsBase.extend({ version: z.number().int().min(1) }).superRefine(checkSettings);
export type TTaskUpdate = z.input<typeof ZTaskUpdate>;

export const ZTask = z.object({
  id: ZId,
  classId: ZId,
  setId: ZId,
  setName: z.string(),
  title: z.string(),
  instructions: z.string(),
  startsAt: z.string().nullable(),
  dueAt: z.string(),
  roles: z.array(z.string()),
  rotateRoles: z.boolean(),
  phases: z.array(z.string()),
  markingScheme: z.enum(markingSchemes),
  peerMethod: z.enum(peerMethods),
  peerCriteria: z.array(ZPeerCriterion),
  peerIncludeSelf: z.boolean(),
  peerWeight: z.number(),
  penaltyKind: z.enum(penaltyKinds),
  penaltyAmount: z.number(),
  ratingOpensAt: z.string().nullable(),
  ratingClosesAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TTask = z.infer<typeof ZTask>;

/** A task as a student sees it in "my tasks": with their group. */
export const ZMyTask = z.object({
  task: ZTask,
  group: z.object({ id: ZId, name: z.string() }),
  className: z.string(),
  submitted: z.boolean(),
});
export type TMyTask = z.infer<typeof ZMyTask>;

export const ZTaskPerson = z.object({ id: ZId, name: z.string() });
export type TTaskPerson = z.infer<typeof ZTaskPerson>;

export const ZTaskRoleAssignment = z.object({
  phase: z.number().int(),
  role: z.string(),
  user: ZTaskPerson,
  proposedBy: ZTaskPerson,
  proposedAt: z.string(),
  accepted: z.boolean(),
});
export type TTaskRoleAssignment = z.infer<typeof ZTaskRoleAssignment>;

/** A member proposes who takes a role (in a phase when roles rotate). */
export const ZRoleProposal = z.object({
  phase: z.number().int().min(0).max(taskLimits.phases).default(0),
  role: ZName("Role", 60),
  userId: ZId,
});
export type TRoleProposal = z.input<typeof ZRoleProposal>;

export const ZRoleAccept = z.object({ phase: z.number().int().min(0).max(taskLimits.phases).default(0), role: ZName("Role", 60) });
export type TRoleAccept = z.input<typeof ZRoleAccept>;

const charterText = (label: string) =>
  z
    .string()
    .trim()
    .max(5000, { message: `${label} must be at most 5000 characters` });

export const ZCharterFields = z.object({
  goals: charterText("Goals"),
  norms: charterText("Norms"),
  decisions: charterText("How we decide"),
  fallingBehind: charterText("When someone falls behind"),
});

export const ZCharterUpdate = ZCharterFields.extend({ version: z.number().int().min(0) });
export type TCharterUpdate = z.infer<typeof ZCharterUpdate>;

export const ZCharter = ZCharterFields.extend({
  version: z.number().int(),
  updatedBy: ZTaskPerson.nullable(),
  updatedAt: z.string().nullable(),
  signatures: z.array(z.object({ user: ZTaskPerson, signedAt: z.string() })),
  /** Every current member has signed this version. */
  agreed: z.boolean(),
});
export type TCharter = z.infer<typeof ZCharter>;

export const ZChecklistItem = z.object({ id: z.string().min(1).max(40), text: ZName("Checklist item", 200), done: z.boolean() });
export type TChecklistItem = z.infer<typeof ZChecklistItem>;

export const ZCard = z.object({
  id: ZId,
  title: z.string(),
  notes: z.string(),
  owner: ZTaskPerson.nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(cardStatuses),
  position: z.number().int(),
  checklist: z.array(ZChecklistItem),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TCard = z.infer<typeof ZCard>;

export const ZCardCreate = z.object({
  title: ZName("Card title", 200),
  notes: z.string().trim().max(5000).default(""),
  ownerId: ZId.nullable().default(null),
  dueDate: ZIsoDate.nullable().default(null),
  status: z.enum(cardStatuses).default("todo"),
  checklist: z.array(ZChecklistItem).max(taskLimits.checklist).default([]),
});
export type TCardCreate = z.input<typeof ZCardCreate>;

/** A card change: the fields to change plus the version read. */
export const ZCardUpdate = z.object({
  version: z.number().int().min(1),
  title: ZName("Card title", 200).optional(),
  notes: z.string().trim().max(5000).optional(),
  ownerId: ZId.nullable().optional(),
  dueDate: ZIsoDate.nullable().optional(),
  status: z.enum(cardStatuses).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  checklist: z.array(ZChecklistItem).max(taskLimits.checklist).optional(),
});
export type TCardUpdate = z.input<typeof ZCardUpdate>;

export const ZCardDelete = z.object({ version: z.number().int().min(1) });

export const ZCardLogEntry = z.object({
  id: z.number().int(),
  cardId: ZId,
  cardTitle: z.string(),
  actor: ZTaskPerson,
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type TCardLogEntry = z.infer<typeof ZCardLogEntry>;

export const ZSubmissionFile = z.object({
  id: ZId,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: ZTaskPerson,
  uploadedAt: z.string(),
});
export type TSubmissionFile = z.infer<typeof ZSubmissionFile>;

export const ZSubmission = z.object({
  body: z.string(),
  version: z.number().int(),
  updatedBy: ZTaskPerson.nullable(),
  updatedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: ZTaskPerson.nullable(),
  files: z.array(ZSubmissionFile),
});
export type TSubmission = z.infer<typeof ZSubmission>;

export const ZSubmissionSave = z.object({
  /** The version the editor started from (0 before the first save). */
  version: z.number().int().min(0),
  body: z.string().max(taskLimits.submissionChars, { message: "The submission is too long" }),
});
export type TSubmissionSave = z.infer<typeof ZSubmissionSave>;

export const ZSubmissionVersion = z.object({ version: z.number().int(), author: ZTaskPerson, at: z.string(), size: z.number().int() });
export type TSubmissionVersion = z.infer<typeof ZSubmissionVersion>;
export const ZSubmissionVersionBody = ZSubmissionVersion.extend({ body: z.string() });
export type TSubmissionVersionBody = z.infer<typeof ZSubmissionVersionBody>;

/** Per member: what they did in the group space. */
export const ZContribution = z.object({
  user: ZTaskPerson,
  cardsDone: z.number().int(),
  cardsOwned: z.number().int(),
  submissionEdits: z.number().int(),
  boardActions: z.number().int(),
  /** Seconds active in the group space (from heartbeats, bounded). */
  activeSeconds: z.number().int(),
  signedCharter: z.boolean(),
});
export type TContribution = z.infer<typeof ZContribution>;

/** The whole group space in one read. */
export const ZGroupSpace = z.object({
  task: ZTask,
  group: z.object({ id: ZId, name: z.string() }),
  members: z.array(ZTaskPerson),
  roles: z.array(ZTaskRoleAssignment),
  charter: ZCharter,
  cards: z.array(ZCard),
  submission: ZSubmission,
  /** The caller is a member (may change things) or a teacher of the class (reads). */
  viewer: z.object({ isMember: z.boolean(), isTeacher: z.boolean(), canEdit: z.boolean() }),
  deadlinePassed: z.boolean(),
  ratingOpen: z.boolean(),
});
export type TGroupSpace = z.infer<typeof ZGroupSpace>;

/** Per-group state for the teacher's overview (G4's page calls it through the server). */
export const ZGroupTaskSummary = z.object({
  group: z.object({ id: ZId, name: z.string() }),
  members: z.array(ZTaskPerson),
  charterAgreed: z.boolean(),
  charterSignatures: z.number().int(),
  cards: z.object({ todo: z.number().int(), doing: z.number().int(), done: z.number().int() }),
  submission: z.object({ version: z.number().int(), submittedAt: z.string().nullable(), updatedAt: z.string().nullable() }),
  contributions: z.array(ZContribution),
});
export type TGroupTaskSummary = z.infer<typeof ZGroupTaskSummary>;

export const ZHeartbeat = z.object({ visible: z.literal(true) }).default({ visible: true });
