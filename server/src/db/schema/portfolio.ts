import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { districts, users } from "./organisation.js";
import { classes } from "./roster.js";

// Portfolios belong to the student (district-scoped), never to a class: nothing here cascades from a class.

export const artifactKinds = ["file", "link", "text", "stoa"] as const;
export const portfolioPurposes = ["showcase", "presentation", "assessment"] as const;
export const shareTargets = ["person", "class", "group", "guardians", "school"] as const;
export const templateKinds = ["page", "collection"] as const;

/** The page layout stored as JSON; its shape is validated by `ZPageLayout` in the contracts. */
export type StoredLayout = { sections: { id: string; title?: string; columns: { id: string; blocks: Record<string, unknown>[] }[] }[] };
/** Where a "Stoa work" artifact came from: a snapshot, so later changes at the source do not alter the evidence. */
export type StoredSource = {
  type: string;
  id: string;
  classId?: string | null;
  title: string;
  capturedAt: string;
  text?: string | null;
  fileNames?: string[];
};

/** An uploaded file, after its type was checked against its content (and images re-encoded). */
export const portfolioFiles = pgTable(
  "portfolio_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    storageKey: text("storage_key").notNull(),
    /** The uploaded name, cleaned; used only in Content-Disposition. */
    fileName: text("file_name").notNull(),
    /** The media type detected from the bytes, never the one the client claimed. */
    mediaType: text("media_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    /** True when the file may be shown inline (re-encoded raster images, audio, video). */
    inline: boolean("inline").notNull().default(false),
    width: integer("width"),
    height: integer("height"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_files_owner_idx").on(t.ownerId)],
);

/** A piece of evidence in a student's library. Group artifacts list every member in co_owner_ids. */
export const portfolioArtifacts = pgTable(
  "portfolio_artifacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    /** Other owners of a group artifact (user ids); independent of the groups module on purpose. */
    coOwnerIds: uuid("co_owner_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    kind: text("kind", { enum: artifactKinds }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Sanitised rich text (kind text, or the captured text of a Stoa source). */
    body: text("body"),
    url: text("url"),
    fileId: uuid("file_id").references(() => portfolioFiles.id),
    source: jsonb("source").$type<StoredSource>(),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    skills: text("skills")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    occurredOn: date("occurred_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("portfolio_artifacts_owner_idx").on(t.ownerId, t.createdAt),
    index("portfolio_artifacts_co_owner_idx").using("gin", t.coOwnerIds),
    index("portfolio_artifacts_district_idx").on(t.districtId),
  ],
);

/** A reflection prompt a teacher sets for a class ("What did you learn?"). */
export const portfolioPrompts = pgTable(
  "portfolio_prompts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    classId: uuid("class_id")
      .notNull()
      .references(() => classes.id),
    text: text("text").notNull(),
    position: integer("position").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_prompts_class_idx").on(t.classId)],
);

/** A page: a layout of sections, columns and blocks (artifact references and rich text). */
export const portfolioPages = pgTable(
  "portfolio_pages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    purpose: text("purpose", { enum: portfolioPurposes }).notNull().default("showcase"),
    layout: jsonb("layout").$type<StoredLayout>().notNull(),
    templateId: uuid("template_id"),
    /** Bumped by every change; clients send it back so concurrent edits conflict instead of overwriting. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_pages_owner_idx").on(t.ownerId, t.updatedAt)],
);

/** An ordered set of pages with navigation. */
export const portfolioCollections = pgTable(
  "portfolio_collections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    purpose: text("purpose", { enum: portfolioPurposes }).notNull().default("showcase"),
    templateId: uuid("template_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_collections_owner_idx").on(t.ownerId)],
);

/** A page's place in a collection. A page may sit in several collections of its owner. */
export const portfolioCollectionPages = pgTable(
  "portfolio_collection_pages",
  {
    collectionId: uuid("collection_id")
      .notNull()
      .references(() => portfolioCollections.id, { onDelete: "cascade" }),
    pageId: uuid("page_id")
      .notNull()
      .references(() => portfolioPages.id, { onDelete: "cascade" }),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.pageId] }), index("portfolio_collection_pages_page_idx").on(t.pageId)],
);

/**
 * Which artifacts a page's layout places, kept in step with the layout on every save: the SQL answer
 * to "may this viewer see this artifact?" (owned, or on a page the viewer may see).
 */
export const portfolioPageArtifacts = pgTable(
  "portfolio_page_artifacts",
  {
    pageId: uuid("page_id")
      .notNull()
      .references(() => portfolioPages.id, { onDelete: "cascade" }),
    artifactId: uuid("artifact_id")
      .notNull()
      .references(() => portfolioArtifacts.id, { onDelete: "cascade" }),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
  },
  (t) => [primaryKey({ columns: [t.pageId, t.artifactId] }), index("portfolio_page_artifacts_artifact_idx").on(t.artifactId)],
);

/** A student's reflection on an artifact or a page, optionally answering a teacher's prompt. */
export const portfolioReflections = pgTable(
  "portfolio_reflections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    artifactId: uuid("artifact_id").references(() => portfolioArtifacts.id, { onDelete: "cascade" }),
    pageId: uuid("page_id").references(() => portfolioPages.id, { onDelete: "cascade" }),
    promptId: uuid("prompt_id").references(() => portfolioPrompts.id),
    /** The prompt's words when answered, kept so a later edit of the prompt does not change the reflection's meaning. */
    promptText: text("prompt_text"),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("portfolio_reflections_artifact_idx").on(t.artifactId),
    index("portfolio_reflections_page_idx").on(t.pageId),
    check("portfolio_reflections_one_target", sql`(${t.artifactId} is null) <> (${t.pageId} is null)`),
  ],
);

/** A teacher's template page or collection for a class; students copy it and fill it in. */
export const portfolioTemplates = pgTable(
  "portfolio_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    classId: uuid("class_id")
      .notNull()
      .references(() => classes.id),
    kind: text("kind", { enum: templateKinds }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    purpose: text("purpose", { enum: portfolioPurposes }).notNull().default("showcase"),
    /** The pages to copy: one for a page template, several for a collection template. Only rich-text and placeholder blocks. */
    pages: jsonb("pages").$type<{ title: string; layout: StoredLayout }[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_templates_class_idx").on(t.classId)],
);

/**
 * Who may see a page or collection. No row means private. target_id is the person, class, group or
 * school; it is null for "guardians" (the owner's own guardians, resolved when viewing).
 */
export const portfolioShares = pgTable(
  "portfolio_shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    pageId: uuid("page_id").references(() => portfolioPages.id, { onDelete: "cascade" }),
    collectionId: uuid("collection_id").references(() => portfolioCollections.id, { onDelete: "cascade" }),
    targetType: text("target_type", { enum: shareTargets }).notNull(),
    targetId: uuid("target_id"),
    /** Whether people reached by this share may comment (feedback requests set it). */
    allowComments: boolean("allow_comments").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("portfolio_shares_unique_idx").on(
      sql`coalesce(${t.pageId}, ${t.collectionId})`,
      t.targetType,
      sql`coalesce(${t.targetId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index("portfolio_shares_page_idx").on(t.pageId),
    index("portfolio_shares_collection_idx").on(t.collectionId),
    index("portfolio_shares_target_idx").on(t.targetType, t.targetId),
    index("portfolio_shares_owner_idx").on(t.ownerId),
    check("portfolio_shares_one_subject", sql`(${t.pageId} is null) <> (${t.collectionId} is null)`),
  ],
);

/** A secret view-only link to a page or collection. Only the SHA-256 of the token is stored. */
export const portfolioLinks = pgTable(
  "portfolio_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    pageId: uuid("page_id").references(() => portfolioPages.id, { onDelete: "cascade" }),
    collectionId: uuid("collection_id").references(() => portfolioCollections.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    label: text("label").notNull().default(""),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("portfolio_links_token_idx").on(t.tokenHash),
    index("portfolio_links_owner_idx").on(t.ownerId),
    check("portfolio_links_one_subject", sql`(${t.pageId} is null) <> (${t.collectionId} is null)`),
  ],
);

/** Each opening of a secret link: when, and which page. No IP address is kept (visitors are anonymous). */
export const portfolioLinkViews = pgTable(
  "portfolio_link_views",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    linkId: uuid("link_id")
      .notNull()
      .references(() => portfolioLinks.id, { onDelete: "cascade" }),
    pageId: uuid("page_id"),
    viewedAt: timestamp("viewed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portfolio_link_views_link_idx").on(t.linkId, t.viewedAt)],
);
