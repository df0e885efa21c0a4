import { bigserial, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { districts, users } from "./organisation.js";
import { groups } from "./groups.js";
import { groupTasks } from "./tasks.js";

/** Binary column (a Yjs document state). PGlite gives Uint8Array, pg gives Buffer (a Uint8Array too). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

export const sharedDocumentVersionReasons = ["auto", "manual", "restore", "submitted"] as const;

/** A rich-text document a group co-writes live (Yjs). `html` is the sanitised snapshot for reading, search and export. */
export const sharedDocuments = pgTable(
  "shared_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** The whole Yjs document (encodeStateAsUpdate); null until the first edit is stored. */
    state: bytea("state"),
    html: text("html").notNull().default(""),
    /** Bytes of `state`: bounded so one group cannot fill the database. */
    size: integer("size").notNull().default(0),
    /** Rises with every store of the content (what a submission refers to). */
    revision: integer("revision").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("shared_documents_group_idx").on(t.groupId)],
);

/** History of a document: automatic snapshots while people edit, "save version", restores. */
export const sharedDocumentVersions = pgTable(
  "shared_document_versions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    districtId: uuid("district_id")
      .notNull()
      .references(() => districts.id),
    documentId: uuid("document_id")
      .notNull()
      .references(() => sharedDocuments.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    reason: text("reason", { enum: sharedDocumentVersionReasons }).notNull(),
    state: bytea("state").notNull(),
    html: text("html").notNull(),
    size: integer("size").notNull(),
    /** The document revision this snapshot holds. */
    revision: integer("revision").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("shared_document_versions_number_idx").on(t.documentId, t.number)],
);

/** Which shared document (and which of its versions) a group handed in for a task. */
export const taskSubmissionDocuments = pgTable(
  "task_submission_documents",
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
    documentId: uuid("document_id")
      .notNull()
      .references(() => sharedDocuments.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    versionNumber: integer("version_number").notNull(),
    submittedBy: uuid("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.groupId] })],
);
