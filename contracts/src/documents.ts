import { z } from "zod";
import { ZId } from "./common.js";

/** Limits of shared documents, shared by the server and the web client. */
export const documentLimits = {
  titleChars: 120,
  /** Largest Yjs state a document may reach (bytes); updates beyond it are refused. */
  maxBytes: 2 * 1024 * 1024,
  /** Documents per group. */
  perGroup: 50,
} as const;

/** Why the server closed a live document: an update would have made it larger than `maxBytes`. */
export const documentTooLargeReason = "document-too-large";

/** The WebSocket path of live co-editing (Hocuspocus protocol); the document name is its id. */
export const documentCollabPath = "/api/documents/collab";

export const ZDocumentPerson = z.object({ id: ZId, name: z.string() });
export type TDocumentPerson = z.infer<typeof ZDocumentPerson>;

const ZTitle = z
  .string()
  .trim()
  .min(1, { message: "Give the document a title" })
  .max(documentLimits.titleChars, { message: `A title has at most ${documentLimits.titleChars} characters` });

/** A shared document in a group's list. */
export const ZSharedDocument = z.object({
  id: ZId,
  groupId: ZId,
  title: z.string(),
  size: z.number().int(),
  revision: z.number().int(),
  createdBy: ZDocumentPerson.nullable(),
  createdAt: z.string(),
  updatedBy: ZDocumentPerson.nullable(),
  updatedAt: z.string(),
});
export type TSharedDocument = z.infer<typeof ZSharedDocument>;

/** One document to open: its details, its stored HTML snapshot and what the caller may do. */
export const ZSharedDocumentDetail = ZSharedDocument.extend({
  html: z.string(),
  group: z.object({ id: ZId, name: z.string(), classId: ZId }),
  /** The caller may edit (group members, the class's teachers); admins read only. */
  canEdit: z.boolean(),
});
export type TSharedDocumentDetail = z.infer<typeof ZSharedDocumentDetail>;

export const ZSharedDocumentCreate = z.object({ title: ZTitle });
export type TSharedDocumentCreate = z.infer<typeof ZSharedDocumentCreate>;

export const ZSharedDocumentRename = z.object({ title: ZTitle });
export type TSharedDocumentRename = z.infer<typeof ZSharedDocumentRename>;

export const documentVersionReasons = ["auto", "manual", "restore", "submitted"] as const;
export const ZDocumentVersionReason = z.enum(documentVersionReasons);

/** One entry of a document's history. */
export const ZDocumentVersion = z.object({
  number: z.number().int(),
  reason: ZDocumentVersionReason,
  size: z.number().int(),
  revision: z.number().int(),
  createdBy: ZDocumentPerson.nullable(),
  createdAt: z.string(),
});
export type TDocumentVersion = z.infer<typeof ZDocumentVersion>;

/** An old version to read (sanitised HTML). */
export const ZDocumentVersionBody = ZDocumentVersion.extend({ html: z.string() });
export type TDocumentVersionBody = z.infer<typeof ZDocumentVersionBody>;

/** Hand a shared document in as the group's task submission. */
export const ZSubmitDocument = z.object({ documentId: ZId });
export type TSubmitDocument = z.infer<typeof ZSubmitDocument>;

/** What a submission was handed in from, when it came from a shared document. */
export const ZSubmittedDocument = z.object({
  documentId: ZId,
  title: z.string(),
  versionNumber: z.number().int(),
  submittedBy: ZDocumentPerson,
  submittedAt: z.string(),
});
export type TSubmittedDocument = z.infer<typeof ZSubmittedDocument>;

/** Events of shared documents, delivered to `group:<id>`; payloads carry ids only. */
export const documentEventNames = ["document.created", "document.renamed", "document.deleted", "document.version_saved"] as const;
export const ZDocumentEventName = z.enum(documentEventNames);
export type TDocumentEventName = z.infer<typeof ZDocumentEventName>;
export const ZDocumentEventPayload = z.object({ documentId: ZId, groupId: ZId, versionNumber: z.number().int().optional() });
export type TDocumentEventPayload = z.infer<typeof ZDocumentEventPayload>;
