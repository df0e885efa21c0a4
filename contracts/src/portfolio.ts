import { z } from "zod";
import { ZId, ZIsoDate, ZName, ZPageQuery, ZPaged } from "./common.js";

// e-Portfolios (issue 5): artifacts, files, reflections, prompts, pages, collections, templates, sharing, secret links.

export const artifactKinds = ["file", "link", "text", "stoa"] as const;
export const portfolioPurposes = ["showcase", "presentation", "assessment"] as const;
export const shareTargets = ["person", "class", "group", "guardians", "school"] as const;
export const templateKinds = ["page", "collection"] as const;

export const ZPortfolioPurpose = z.enum(portfolioPurposes);
export type TPortfolioPurpose = z.infer<typeof ZPortfolioPurpose>;

const ZLabelList = (label: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1, { message: `A ${label} cannot be empty` })
        .max(60, { message: `A ${label} must be at most 60 characters` }),
    )
    .max(30, { message: `At most 30 ${label}s` });
const ZDescription = z.string().trim().max(2000, { message: "The description must be at most 2000 characters" });
/** Rich text as HTML; the server sanitises it with an allowlist on write. */
const ZRichText = (label: string) => z.string().max(100_000, { message: `${label} is too long` });

// ---------- files ----------

/** An uploaded file as the owner sees it. `url` downloads it (as an attachment unless `inline`). */
export const ZPortfolioFile = z.object({
  id: ZId,
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  inline: z.boolean(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string(),
  createdAt: z.string(),
});
export type TPortfolioFile = z.infer<typeof ZPortfolioFile>;

/** How much of the owner's storage quota is used. */
export const ZPortfolioUsage = z.object({ usedBytes: z.number().int(), quotaBytes: z.number().int(), maxFileBytes: z.number().int() });
export type TPortfolioUsage = z.infer<typeof ZPortfolioUsage>;

// ---------- artifacts ----------

/** Where a "Stoa work" artifact came from: a snapshot taken when it was added. `type` is open so later areas can add kinds. */
export const ZArtifactSource = z.object({
  type: z.string().trim().min(1).max(40), // see artifactSourceTypes: "text", "taskSubmission", "discussionPost", "brainstormBoard"
  id: z.string().trim().min(1).max(100),
  classId: ZId.nullable().default(null),
  title: ZName("Source title"),
  capturedAt: z.string().optional(),
  text: z.string().max(100_000).nullable().default(null),
  /** Names of the files the source held when captured (a group task submission); the server sets them. */
  fileNames: z.array(z.string().max(255)).max(50).optional(),
});
export type TArtifactSource = z.infer<typeof ZArtifactSource>;

/** Adds a snapshot of a group task's submission to the caller's portfolio (members of the group only). */
export const ZArtifactFromTask = z.object({
  taskId: ZId,
  groupId: ZId,
  /** Defaults to "<task title> (<group name>)". */
  title: ZName("Title").optional(),
});
export type TArtifactFromTask = z.infer<typeof ZArtifactFromTask>;

/** The kinds of Stoa work the server snapshots itself (the `type` of a source it writes). */
export const artifactSourceTypes = ["text", "taskSubmission", "discussionPost", "brainstormBoard"] as const;
export type TArtifactSourceType = (typeof artifactSourceTypes)[number];

/** Adds a snapshot of one of the caller's own published discussion posts to their portfolio. */
export const ZArtifactFromDiscussionPost = z.object({
  postId: ZId,
  /** Defaults to the thread's title. */
  title: ZName("Title").optional(),
});
export type TArtifactFromDiscussionPost = z.infer<typeof ZArtifactFromDiscussionPost>;

/** Adds a snapshot of a brainstorm board the caller can see (a group board becomes group work). */
export const ZArtifactFromBrainstorm = z.object({
  boardId: ZId,
  /** Defaults to the board's title. */
  title: ZName("Title").optional(),
});
export type TArtifactFromBrainstorm = z.infer<typeof ZArtifactFromBrainstorm>;

export const ZPersonRef = z.object({ id: ZId, name: z.string() });
export type TPersonRef = z.infer<typeof ZPersonRef>;

export const ZArtifact = z.object({
  id: ZId,
  kind: z.enum(artifactKinds),
  title: z.string(),
  description: z.string(),
  /** Sanitised HTML (text artifacts; captured text of Stoa work). */
  body: z.string().nullable(),
  url: z.string().nullable(),
  file: ZPortfolioFile.nullable(),
  source: ZArtifactSource.nullable(),
  tags: z.array(z.string()),
  skills: z.array(z.string()),
  occurredOn: z.string().nullable(),
  owner: ZPersonRef,
  /** Everyone who owns it (group artifacts: all members). */
  coOwners: z.array(ZPersonRef),
  reflectionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TArtifact = z.infer<typeof ZArtifact>;

const artifactCommon = {
  title: ZName("Title"),
  description: ZDescription.default(""),
  tags: ZLabelList("tag").default([]),
  skills: ZLabelList("skill").default([]),
  occurredOn: ZIsoDate.nullable().default(null),
  /** Co-owners of a group artifact: classmates who share the work. */
  coOwnerIds: z.array(ZId).max(20, { message: "At most 20 co-owners" }).default([]),
};

export const ZArtifactCreate = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("file"), fileId: ZId, ...artifactCommon }),
  z.object({
    kind: z.literal("link"),
    url: z.url({ protocol: /^https?$/, message: "Enter a web address starting with http:// or https://" }).max(2000),
    ...artifactCommon,
  }),
  z.object({ kind: z.literal("text"), body: ZRichText("The text"), ...artifactCommon }),
  z.object({ kind: z.literal("stoa"), source: ZArtifactSource, ...artifactCommon }),
]);
export type TArtifactCreate = z.infer<typeof ZArtifactCreate>;

// No defaults in an update: a PATCH of the title must not clear tags.
export const ZArtifactUpdate = z
  .object({
    title: ZName("Title"),
    description: ZDescription,
    tags: ZLabelList("tag"),
    skills: ZLabelList("skill"),
    occurredOn: ZIsoDate.nullable(),
    body: ZRichText("The text"),
    url: z.url({ protocol: /^https?$/, message: "Enter a web address starting with http:// or https://" }).max(2000),
    coOwnerIds: z.array(ZId).max(20),
  })
  .partial();
export type TArtifactUpdate = z.infer<typeof ZArtifactUpdate>;

export const ZArtifactQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(artifactKinds).optional(),
  tag: z.string().trim().max(60).optional(),
  skill: z.string().trim().max(60).optional(),
});
export type TArtifactQuery = z.infer<typeof ZArtifactQuery>;
export const ZArtifactPage = ZPaged(ZArtifact);

// ---------- reflections and prompts ----------

export const ZReflection = z.object({
  id: ZId,
  artifactId: ZId.nullable(),
  pageId: ZId.nullable(),
  promptId: ZId.nullable(),
  promptText: z.string().nullable(),
  body: z.string(),
  author: ZPersonRef,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TReflection = z.infer<typeof ZReflection>;

export const ZReflectionCreate = z.object({
  body: ZRichText("The reflection").refine((s) => s.trim().length > 0, { message: "Write something before saving" }),
  promptId: ZId.nullable().default(null),
});
export type TReflectionCreate = z.infer<typeof ZReflectionCreate>;
export const ZReflectionUpdate = z.object({ body: ZReflectionCreate.shape.body });
export type TReflectionUpdate = z.infer<typeof ZReflectionUpdate>;

export const ZPrompt = z.object({
  id: ZId,
  classId: ZId,
  className: z.string(),
  text: z.string(),
  position: z.number().int(),
  createdAt: z.string(),
});
export type TPrompt = z.infer<typeof ZPrompt>;
export const ZPromptCreate = z.object({ text: ZName("Prompt", 500) });
export type TPromptCreate = z.infer<typeof ZPromptCreate>;

// ---------- pages ----------

/** A block on a page: an artifact of the owner's, rich text, or (templates only) a placeholder telling the student what to add. */
export const ZLayoutBlock = z.discriminatedUnion("type", [
  z.object({ id: z.string().min(1).max(40), type: z.literal("artifact"), artifactId: ZId, showReflections: z.boolean().default(true) }),
  z.object({ id: z.string().min(1).max(40), type: z.literal("text"), html: ZRichText("The text block") }),
  z.object({ id: z.string().min(1).max(40), type: z.literal("placeholder"), hint: z.string().trim().max(500) }),
]);
export type TLayoutBlock = z.infer<typeof ZLayoutBlock>;

export const ZLayoutColumn = z.object({
  id: z.string().min(1).max(40),
  blocks: z.array(ZLayoutBlock).max(50, { message: "At most 50 blocks in a column" }),
});
export const ZLayoutSection = z.object({
  id: z.string().min(1).max(40),
  title: z.string().trim().max(200).optional(),
  columns: z
    .array(ZLayoutColumn)
    .min(1, { message: "A section needs at least one column" })
    .max(4, { message: "At most 4 columns in a section" }),
});
/** Sections -> columns -> blocks. Block ids are unique within a page. */
export const ZPageLayout = z.object({ sections: z.array(ZLayoutSection).max(30, { message: "At most 30 sections on a page" }) }).refine(
  (layout) => {
    const ids = layout.sections.flatMap((s) => s.columns.flatMap((c) => c.blocks.map((b) => b.id)));
    return new Set(ids).size === ids.length;
  },
  { message: "Each block on a page needs its own id" },
);
export type TPageLayout = z.infer<typeof ZPageLayout>;
export const emptyLayout = (): TPageLayout => ({ sections: [{ id: "s1", columns: [{ id: "c1", blocks: [] }] }] });

export const ZPortfolioPageSummary = z.object({
  id: ZId,
  title: z.string(),
  description: z.string(),
  purpose: ZPortfolioPurpose,
  owner: ZPersonRef,
  /** How many shares and live secret links it has (0 and 0: private). */
  sharing: z.object({ shares: z.number().int(), liveLinks: z.number().int() }),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TPortfolioPageSummary = z.infer<typeof ZPortfolioPageSummary>;

/** A page with the artifacts placed on it, and only those. Reflections are the owner's on the page and on those artifacts. */
export const ZPortfolioPage = ZPortfolioPageSummary.extend({
  layout: ZPageLayout,
  artifacts: z.array(ZArtifact),
  reflections: z.array(ZReflection),
  /** Whether the caller owns it (may edit, share). */
  isOwner: z.boolean(),
});
export type TPortfolioPage = z.infer<typeof ZPortfolioPage>;

export const ZPageCreate = z.object({
  title: ZName("Page title"),
  description: ZDescription.default(""),
  purpose: ZPortfolioPurpose.default("showcase"),
  layout: ZPageLayout.optional(),
});
export type TPageCreate = z.infer<typeof ZPageCreate>;
export const ZPageUpdate = z.object({
  title: ZName("Page title").optional(),
  description: ZDescription.optional(),
  purpose: ZPortfolioPurpose.optional(),
  layout: ZPageLayout.optional(),
  /** The version the client last saw; a stale one is refused with 409 so edits are not lost. */
  version: z.number().int().min(1),
});
export type TPageUpdate = z.infer<typeof ZPageUpdate>;

/** Moves a block from where it is to a place given by indexes (the keyboard alternative to drag and drop). */
export const ZBlockMove = z.object({
  blockId: z.string().min(1).max(40),
  toSection: z.number().int().min(0),
  toColumn: z.number().int().min(0),
  toIndex: z.number().int().min(0),
  version: z.number().int().min(1),
});
export type TBlockMove = z.infer<typeof ZBlockMove>;

export const ZPageListQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional(), purpose: ZPortfolioPurpose.optional() });
export const ZPortfolioPageList = ZPaged(ZPortfolioPageSummary);

// ---------- collections ----------

export const ZCollection = z.object({
  id: ZId,
  title: z.string(),
  description: z.string(),
  purpose: ZPortfolioPurpose,
  owner: ZPersonRef,
  pages: z.array(z.object({ id: ZId, title: z.string() })),
  isOwner: z.boolean(),
  updatedAt: z.string(),
});
export type TCollection = z.infer<typeof ZCollection>;
export const ZCollectionCreate = z.object({
  title: ZName("Collection title"),
  description: ZDescription.default(""),
  purpose: ZPortfolioPurpose.default("showcase"),
  pageIds: z.array(ZId).max(100, { message: "At most 100 pages in a collection" }).default([]),
});
export type TCollectionCreate = z.infer<typeof ZCollectionCreate>;
export const ZCollectionUpdate = z
  .object({
    title: ZName("Collection title"),
    description: ZDescription,
    purpose: ZPortfolioPurpose,
    /** The full ordered list of pages; replaces the current one. */
    pageIds: z.array(ZId).max(100, { message: "At most 100 pages in a collection" }),
  })
  .partial();
export type TCollectionUpdate = z.infer<typeof ZCollectionUpdate>;
/** Moves one page of a collection to a new index (the keyboard alternative to drag and drop). */
export const ZCollectionMove = z.object({ pageId: ZId, toIndex: z.number().int().min(0) });
export type TCollectionMove = z.infer<typeof ZCollectionMove>;

// ---------- templates ----------

export const ZTemplatePage = z.object({ title: ZName("Page title"), layout: ZPageLayout });
export const ZTemplate = z.object({
  id: ZId,
  classId: ZId,
  className: z.string(),
  kind: z.enum(templateKinds),
  title: z.string(),
  description: z.string(),
  purpose: ZPortfolioPurpose,
  pages: z.array(ZTemplatePage),
  createdAt: z.string(),
});
export type TTemplate = z.infer<typeof ZTemplate>;
export const ZTemplateCreate = z
  .object({
    kind: z.enum(templateKinds),
    title: ZName("Template title"),
    description: ZDescription.default(""),
    purpose: ZPortfolioPurpose.default("showcase"),
    pages: z.array(ZTemplatePage).min(1, { message: "A template needs at least one page" }).max(30),
  })
  .refine((t) => t.kind === "collection" || t.pages.length === 1, { message: "A page template has exactly one page", path: ["pages"] })
  .refine(
    (t) => t.pages.every((p) => p.layout.sections.every((s) => s.columns.every((c) => c.blocks.every((b) => b.type !== "artifact")))),
    {
      message: "A template holds text and placeholders, not artifacts",
      path: ["pages"],
    },
  );
export type TTemplateCreate = z.infer<typeof ZTemplateCreate>;
/** What copying a template made: a page, or a collection with its pages. */
export const ZTemplateCopy = z.object({ kind: z.enum(templateKinds), id: ZId, pageIds: z.array(ZId) });
export type TTemplateCopy = z.infer<typeof ZTemplateCopy>;

// ---------- sharing and secret links ----------

export const ZShareTarget = z.enum(shareTargets);
export const ZShareCreate = z
  .object({
    targetType: ZShareTarget,
    /** A person, class, group or school id; none for "guardians" (the owner's own guardians). */
    targetId: ZId.nullable().default(null),
    /** Whether the people reached may comment (default yes). */
    allowComments: z.boolean().default(true),
  })
  .refine((s) => (s.targetType === "guardians") === (s.targetId === null), {
    message: "Choose who to share with (guardians need no choice)",
    path: ["targetId"],
  });
export type TShareCreate = z.infer<typeof ZShareCreate>;

export const ZShare = z.object({
  id: ZId,
  subject: z.object({ type: z.enum(["page", "collection"]), id: ZId, title: z.string() }),
  targetType: ZShareTarget,
  targetId: ZId.nullable(),
  /** The person's, class's, group's or school's name; "Your guardians" for guardians. */
  targetName: z.string(),
  allowComments: z.boolean(),
  createdAt: z.string(),
});
export type TShare = z.infer<typeof ZShare>;

export const ZLinkCreate = z.object({
  label: z.string().trim().max(100).default(""),
  /** When the link stops working; none means until revoked. */
  expiresAt: z.iso.datetime({ offset: true, message: "must be a date and time" }).nullable().default(null),
});
export type TLinkCreate = z.infer<typeof ZLinkCreate>;

export const ZLink = z.object({
  id: ZId,
  subject: z.object({ type: z.enum(["page", "collection"]), id: ZId, title: z.string() }),
  label: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(["live", "expired", "revoked"]),
  viewCount: z.number().int(),
  lastViewedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TLink = z.infer<typeof ZLink>;
/** Returned once, at creation: the token is never stored and cannot be shown again. */
export const ZLinkCreated = ZLink.extend({ token: z.string(), path: z.string() });
export type TLinkCreated = z.infer<typeof ZLinkCreated>;
export const ZLinkView = z.object({ viewedAt: z.string(), pageId: ZId.nullable() });
export type TLinkView = z.infer<typeof ZLinkView>;

/** The owner's "who can see what": every share and link across their pages and collections. */
export const ZSharingOverview = z.object({ shares: z.array(ZShare), links: z.array(ZLink) });
export type TSharingOverview = z.infer<typeof ZSharingOverview>;

/** What a viewer sees (signed-in share or secret link): the page or collection, and only the artifacts placed on it. */
export const ZSharedView = z.object({
  kind: z.enum(["page", "collection"]),
  owner: z.object({ name: z.string() }),
  collection: z.object({ id: ZId, title: z.string(), description: z.string(), purpose: ZPortfolioPurpose }).nullable(),
  /** For a collection: the pages in order (titles only); `page` is the one being shown. */
  pages: z.array(z.object({ id: ZId, title: z.string() })),
  page: ZPortfolioPage.omit({ isOwner: true, sharing: true }).nullable(),
});
export type TSharedView = z.infer<typeof ZSharedView>;

/** Pages others shared with the caller (for "Shared with me"). */
export const ZSharedWithMeQuery = ZPageQuery;
export const ZSharedWithMePage = ZPaged(ZPortfolioPageSummary);
