import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import { sharedDocumentVersions, sharedDocuments, taskSubmissionDocuments, users } from "../../db/schema/index.js";

export type DocumentRow = typeof sharedDocuments.$inferSelect;
export type VersionReason = (typeof sharedDocumentVersions.$inferSelect)["reason"];

const creator = alias(users, "creator");
const updater = alias(users, "updater");
const nameOf = (u: { preferredName: AnyPgColumn; givenName: AnyPgColumn; familyName: AnyPgColumn }) => sql<string | null>`coalesce(nullif(${u.preferredName}, ''), ${u.givenName}) || ' ' || ${u.familyName}`;

/** What a list or a detail shows (never the Yjs state). */
const listColumns = {
  id: sharedDocuments.id,
  groupId: sharedDocuments.groupId,
  title: sharedDocuments.title,
  size: sharedDocuments.size,
  revision: sharedDocuments.revision,
  createdBy: sharedDocuments.createdBy,
  createdByName: nameOf(creator),
  createdAt: sharedDocuments.createdAt,
  updatedBy: sharedDocuments.updatedBy,
  updatedByName: nameOf(updater),
  updatedAt: sharedDocuments.updatedAt,
};

/** A group's documents, most recently changed first. */
export function listDocuments(db: DbOrTx, groupId: string) {
  return db
    .select(listColumns)
    .from(sharedDocuments)
    .leftJoin(creator, eq(creator.id, sharedDocuments.createdBy))
    .leftJoin(updater, eq(updater.id, sharedDocuments.updatedBy))
    .where(and(eq(sharedDocuments.groupId, groupId), isNull(sharedDocuments.deletedAt)))
    .orderBy(desc(sharedDocuments.updatedAt), desc(sharedDocuments.id));
}

/** One live (not deleted) document for listing, with names. */
export async function findDocumentSummary(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ ...listColumns, html: sharedDocuments.html, districtId: sharedDocuments.districtId })
    .from(sharedDocuments)
    .leftJoin(creator, eq(creator.id, sharedDocuments.createdBy))
    .leftJoin(updater, eq(updater.id, sharedDocuments.updatedBy))
    .where(and(eq(sharedDocuments.id, id), isNull(sharedDocuments.deletedAt)))
    .limit(1);
  return row ?? null;
}

/** One live document row (with its state), or null. */
export async function findDocument(db: DbOrTx, id: string): Promise<DocumentRow | null> {
  const [row] = await db
    .select()
    .from(sharedDocuments)
    .where(and(eq(sharedDocuments.id, id), isNull(sharedDocuments.deletedAt)))
    .limit(1);
  return row ?? null;
}

/** How many live documents a group has. */
export async function countDocuments(db: DbOrTx, groupId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sharedDocuments)
    .where(and(eq(sharedDocuments.groupId, groupId), isNull(sharedDocuments.deletedAt)));
  return row?.n ?? 0;
}

/** Inserts an empty document. */
export async function insertDocument(db: DbOrTx, values: { districtId: string; groupId: string; title: string; createdBy: string }) {
  const [row] = await db
    .insert(sharedDocuments)
    .values({ ...values, updatedBy: values.createdBy })
    .returning({ id: sharedDocuments.id });
  return row!;
}

/** Renames a live document; false when there is none. */
export async function renameDocument(db: DbOrTx, id: string, title: string, userId: string): Promise<boolean> {
  const rows = await db
    .update(sharedDocuments)
    .set({ title, updatedBy: userId, updatedAt: new Date() })
    .where(and(eq(sharedDocuments.id, id), isNull(sharedDocuments.deletedAt)))
    .returning({ id: sharedDocuments.id });
  return rows.length > 0;
}

/** Marks a document deleted (kept for the record, gone from every list and socket). */
export async function markDeleted(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .update(sharedDocuments)
    .set({ deletedAt: new Date() })
    .where(and(eq(sharedDocuments.id, id), isNull(sharedDocuments.deletedAt)))
    .returning({ id: sharedDocuments.id });
  return rows.length > 0;
}

/** Writes the content of a live document and bumps its revision; null when it is gone. */
export async function storeContent(db: DbOrTx, id: string, content: { state: Uint8Array; html: string; updatedBy: string | null }) {
  const [row] = await db
    .update(sharedDocuments)
    .set({
      state: content.state,
      html: content.html,
      size: content.state.byteLength,
      revision: sql`${sharedDocuments.revision} + 1`,
      updatedAt: new Date(),
      ...(content.updatedBy ? { updatedBy: content.updatedBy } : {}),
    })
    .where(and(eq(sharedDocuments.id, id), isNull(sharedDocuments.deletedAt)))
    .returning({ revision: sharedDocuments.revision, districtId: sharedDocuments.districtId, groupId: sharedDocuments.groupId });
  return row ?? null;
}

/** The newest version of a document (number and time), or null. */
export async function lastVersion(db: DbOrTx, documentId: string) {
  const [row] = await db
    .select({ number: sharedDocumentVersions.number, createdAt: sharedDocumentVersions.createdAt, revision: sharedDocumentVersions.revision })
    .from(sharedDocumentVersions)
    .where(eq(sharedDocumentVersions.documentId, documentId))
    .orderBy(desc(sharedDocumentVersions.number))
    .limit(1);
  return row ?? null;
}

/** Appends a version (the next number) holding the document's current stored content. */
export async function insertVersionFromDocument(db: DbOrTx, documentId: string, reason: VersionReason, userId: string | null) {
  const doc = await findDocument(db, documentId);
  if (!doc) return null;
  const previous = await lastVersion(db, documentId);
  const [row] = await db
    .insert(sharedDocumentVersions)
    .values({
      districtId: doc.districtId,
      documentId,
      number: (previous?.number ?? 0) + 1,
      reason,
      state: doc.state ?? new Uint8Array(),
      html: doc.html,
      size: doc.size,
      revision: doc.revision,
      createdBy: userId,
    })
    .returning({ number: sharedDocumentVersions.number });
  return { number: row!.number, doc };
}

const versionColumns = {
  number: sharedDocumentVersions.number,
  reason: sharedDocumentVersions.reason,
  size: sharedDocumentVersions.size,
  revision: sharedDocumentVersions.revision,
  createdBy: sharedDocumentVersions.createdBy,
  createdByName: nameOf(creator),
  createdAt: sharedDocumentVersions.createdAt,
};

/** A document's versions, newest first. */
export function listVersions(db: DbOrTx, documentId: string) {
  return db
    .select(versionColumns)
    .from(sharedDocumentVersions)
    .leftJoin(creator, eq(creator.id, sharedDocumentVersions.createdBy))
    .where(eq(sharedDocumentVersions.documentId, documentId))
    .orderBy(desc(sharedDocumentVersions.number));
}

/** One version with its content. */
export async function findVersion(db: DbOrTx, documentId: string, number: number) {
  const [row] = await db
    .select({ ...versionColumns, html: sharedDocumentVersions.html, state: sharedDocumentVersions.state })
    .from(sharedDocumentVersions)
    .leftJoin(creator, eq(creator.id, sharedDocumentVersions.createdBy))
    .where(and(eq(sharedDocumentVersions.documentId, documentId), eq(sharedDocumentVersions.number, number)))
    .limit(1);
  return row ?? null;
}

/** Records which document version a group handed in for a task (replacing an earlier one). */
export async function upsertSubmittedDocument(db: DbOrTx, values: typeof taskSubmissionDocuments.$inferInsert) {
  await db
    .insert(taskSubmissionDocuments)
    .values(values)
    .onConflictDoUpdate({
      target: [taskSubmissionDocuments.taskId, taskSubmissionDocuments.groupId],
      set: { documentId: values.documentId, title: values.title, versionNumber: values.versionNumber, submittedBy: values.submittedBy, submittedAt: new Date() },
    });
}

/** The document a group handed in for a task, if it handed one in. */
export async function findSubmittedDocument(db: DbOrTx, taskId: string, groupId: string) {
  const submitter = alias(users, "submitter");
  const [row] = await db
    .select({
      documentId: taskSubmissionDocuments.documentId,
      title: taskSubmissionDocuments.title,
      versionNumber: taskSubmissionDocuments.versionNumber,
      submittedBy: taskSubmissionDocuments.submittedBy,
      submittedByName: nameOf(submitter),
      submittedAt: taskSubmissionDocuments.submittedAt,
    })
    .from(taskSubmissionDocuments)
    .innerJoin(submitter, eq(submitter.id, taskSubmissionDocuments.submittedBy))
    .where(and(eq(taskSubmissionDocuments.taskId, taskId), eq(taskSubmissionDocuments.groupId, groupId)))
    .limit(1);
  return row ?? null;
}

/** Forgets the handed-in document (when the group takes its submission back). */
export async function deleteSubmittedDocument(db: DbOrTx, taskId: string, groupId: string) {
  await db.delete(taskSubmissionDocuments).where(and(eq(taskSubmissionDocuments.taskId, taskId), eq(taskSubmissionDocuments.groupId, groupId)));
}

/** A person's display name (for live carets). */
export async function displayNameOf(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db.select({ name: nameOf(users) }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.name ?? "";
}
