import type {
  TDocumentVersion,
  TDocumentVersionBody,
  TSharedDocument,
  TSharedDocumentCreate,
  TSharedDocumentDetail,
  TSharedDocumentRename,
  TSubmittedDocument,
} from "@stoa/contracts";
import { ZSharedDocumentCreate, ZSharedDocumentRename, documentLimits } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { badRequest, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { getGroupForActor, type GroupForActor } from "../groups/membership.js";
import { canEditDocuments, documentAccess, documentPolicies, type DocumentAccess } from "./documents.policy.js";
import { personRef, presentDocument, presentVersion } from "./documents.presenter.js";
import * as repo from "./documents.repository.js";

/**
 * What the live co-editing server offers the REST side: the in-memory document is the truth while
 * people edit, so history and export first write it to the database.
 */
export interface LiveDocuments {
  /** Writes the document's live content (if it is open in this process) to the database now. */
  flush(documentId: string, actor: Actor): Promise<void>;
  /** Replaces the live content by an older state as one new change, and stores it. */
  replace(documentId: string, state: Uint8Array, actor: Actor): Promise<void>;
  /** Disconnects everyone from a document (it was deleted). */
  close(documentId: string): void;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Found = { doc: NonNullable<Awaited<ReturnType<typeof repo.findDocumentSummary>>>; group: GroupForActor; access: DocumentAccess };

/** Loads a document the actor may at least read, or 404 (missing, deleted, or not theirs to see). */
export async function requireDocument(db: DbOrTx, actor: Actor, documentId: string): Promise<Found> {
  if (!uuidPattern.test(documentId)) throw notFound("Document");
  const doc = await repo.findDocumentSummary(db, documentId);
  if (!doc || doc.districtId !== actor.districtId) throw notFound("Document");
  const group = await getGroupForActor(db, actor, doc.groupId);
  const access = group ? documentAccess(group) : null;
  if (!group || !access) throw notFound("Document");
  return { doc, group, access };
}

/** Loads a document the actor may change: read-only readers get a 403 that says why. */
async function requireEditable(db: DbOrTx, actor: Actor, documentId: string): Promise<Found> {
  const found = await requireDocument(db, actor, documentId);
  if (!canEditDocuments(found.access)) throw forbidden("Administrators can read shared documents but not change them");
  return found;
}

/** The actor's access to a document for the live socket: null answers like a missing document. */
export async function documentAccessFor(db: DbOrTx, actor: Actor, documentId: string): Promise<DocumentAccess | null> {
  try {
    return (await requireDocument(db, actor, documentId)).access;
  } catch {
    return null;
  }
}

async function requireGroup(db: DbOrTx, actor: Actor, groupId: string) {
  const group = await getGroupForActor(db, actor, groupId);
  const access = group ? documentAccess(group) : null;
  if (!group || !access) throw notFound("Group");
  return { group, access };
}

const groupRoom = (groupId: string) => [`group:${groupId}`];

/** A group's shared documents, with what the caller may do. */
export async function listGroupDocuments(db: Db, actor: Actor, groupId: string): Promise<{ data: TSharedDocument[]; policies: Record<string, boolean> }> {
  const { access } = await requireGroup(db, actor, groupId);
  const rows = await repo.listDocuments(db, groupId);
  return { data: rows.map(presentDocument), policies: documentPolicies(access) };
}

/** One document with its stored HTML snapshot. */
export async function getDocument(db: DbOrTx, actor: Actor, documentId: string): Promise<TSharedDocumentDetail> {
  const { doc, group, access } = await requireDocument(db, actor, documentId);
  return {
    ...presentDocument(doc),
    html: doc.html,
    group: { id: group.group.id, name: group.group.name, classId: group.group.classId },
    canEdit: canEditDocuments(access),
  };
}

/** Creates an empty document in a group (members and the class's teachers). */
export async function createDocument(db: Db, actor: Actor, groupId: string, raw: TSharedDocumentCreate): Promise<TSharedDocumentDetail> {
  const input = ZSharedDocumentCreate.parse(raw);
  const { group, access } = await requireGroup(db, actor, groupId);
  if (!canEditDocuments(access)) throw forbidden("Administrators can read shared documents but not create them");
  const id = await db.transaction(async (tx) => {
    if ((await repo.countDocuments(tx, groupId)) >= documentLimits.perGroup)
      throw badRequest(`A group holds at most ${documentLimits.perGroup} documents; delete one you no longer need first`);
    const row = await repo.insertDocument(tx, { districtId: group.group.districtId, groupId, title: input.title, createdBy: actor.userId });
    await recordEvent(tx, group.group.districtId, "document.created", groupRoom(groupId), { documentId: row.id, groupId });
    return row.id;
  });
  return getDocument(db, actor, id);
}

/** Renames a document. */
export async function renameDocument(db: Db, actor: Actor, documentId: string, raw: TSharedDocumentRename): Promise<TSharedDocumentDetail> {
  const input = ZSharedDocumentRename.parse(raw);
  const { doc } = await requireEditable(db, actor, documentId);
  await db.transaction(async (tx) => {
    if (!(await repo.renameDocument(tx, documentId, input.title, actor.userId))) throw notFound("Document");
    await recordEvent(tx, doc.districtId, "document.renamed", groupRoom(doc.groupId), { documentId, groupId: doc.groupId });
  });
  return getDocument(db, actor, documentId);
}

/** Deletes a document (kept in the database, gone for everyone) and closes its live connections. */
export async function deleteDocument(db: Db, live: LiveDocuments, actor: Actor, documentId: string): Promise<void> {
  const { doc } = await requireEditable(db, actor, documentId);
  await db.transaction(async (tx) => {
    if (!(await repo.markDeleted(tx, documentId))) throw notFound("Document");
    await recordEvent(tx, doc.districtId, "document.deleted", groupRoom(doc.groupId), { documentId, groupId: doc.groupId });
  });
  live.close(documentId);
}

/** The document as a standalone HTML file (sanitised content, escaped title). */
export async function exportDocument(db: Db, live: LiveDocuments, actor: Actor, documentId: string) {
  await requireDocument(db, actor, documentId);
  await live.flush(documentId, actor);
  const { doc } = await requireDocument(db, actor, documentId);
  const title = doc.title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const html = `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n${doc.html}\n</body>\n</html>\n`;
  return { title: doc.title, html };
}

/** A document's history, newest first. */
export async function listVersions(db: Db, actor: Actor, documentId: string): Promise<TDocumentVersion[]> {
  await requireDocument(db, actor, documentId);
  return (await repo.listVersions(db, documentId)).map(presentVersion);
}

/** One old version to read. */
export async function getVersion(db: Db, actor: Actor, documentId: string, number: number): Promise<TDocumentVersionBody> {
  await requireDocument(db, actor, documentId);
  const found = await repo.findVersion(db, documentId, number);
  if (!found) throw notFound("That version");
  const { html, state: _state, ...row } = found;
  return { ...presentVersion(row), html };
}

/** Records a version of what is stored now, with its event (inside the caller's transaction). */
async function snapshot(tx: DbOrTx, documentId: string, reason: repo.VersionReason, userId: string | null) {
  const saved = await repo.insertVersionFromDocument(tx, documentId, reason, userId);
  if (!saved) throw notFound("Document");
  await recordEvent(tx, saved.doc.districtId, "document.version_saved", groupRoom(saved.doc.groupId), {
    documentId,
    groupId: saved.doc.groupId,
    versionNumber: saved.number,
  });
  return saved;
}

/** "Save version": keeps what the document holds now in its history. */
export async function saveVersion(db: Db, live: LiveDocuments, actor: Actor, documentId: string): Promise<TDocumentVersion> {
  await requireEditable(db, actor, documentId);
  await live.flush(documentId, actor);
  const saved = await db.transaction((tx) => snapshot(tx, documentId, "manual", actor.userId));
  return versionOf(db, documentId, saved.number);
}

async function versionOf(db: DbOrTx, documentId: string, number: number): Promise<TDocumentVersion> {
  const found = await repo.findVersion(db, documentId, number);
  if (!found) throw notFound("That version");
  const { html: _html, state: _state, ...row } = found;
  return presentVersion(row);
}

/**
 * Restores an old version as a new change: the current content is kept as a version first when
 * the history does not hold it yet, so nothing is lost.
 */
export async function restoreVersion(db: Db, live: LiveDocuments, actor: Actor, documentId: string, number: number): Promise<TDocumentVersion> {
  await requireEditable(db, actor, documentId);
  const old = await repo.findVersion(db, documentId, number);
  if (!old) throw notFound("That version");
  await live.flush(documentId, actor);
  await db.transaction(async (tx) => {
    const current = await repo.findDocument(tx, documentId);
    const last = await repo.lastVersion(tx, documentId);
    if (current && current.revision > 0 && last?.revision !== current.revision) await snapshot(tx, documentId, "auto", actor.userId);
  });
  await live.replace(documentId, old.state, actor);
  const saved = await db.transaction((tx) => snapshot(tx, documentId, "restore", actor.userId));
  return versionOf(db, documentId, saved.number);
}

/**
 * For a task submission (called by the tasks module inside its transaction, after `flush`): the
 * document of this group as stored now, kept as a "submitted" version so later edits change nothing.
 */
export async function snapshotForSubmission(tx: DbOrTx, actor: Actor, documentId: string, groupId: string) {
  const { doc } = await requireEditable(tx, actor, documentId);
  if (doc.groupId !== groupId) throw notFound("Document");
  const saved = await snapshot(tx, documentId, "submitted", actor.userId);
  return { html: saved.doc.html, title: saved.doc.title, versionNumber: saved.number };
}

/** Checks that the actor may hand this document in for this group, and writes its live content down first. */
export async function prepareSubmission(db: Db, live: LiveDocuments, actor: Actor, documentId: string, groupId: string) {
  const { doc } = await requireEditable(db, actor, documentId);
  if (doc.groupId !== groupId) throw notFound("Document");
  await live.flush(documentId, actor);
}

/** Records which document version a group handed in (inside the tasks module's transaction). */
export async function recordSubmittedDocument(
  tx: DbOrTx,
  values: { taskId: string; groupId: string; districtId: string; documentId: string; title: string; versionNumber: number; submittedBy: string },
) {
  await repo.upsertSubmittedDocument(tx, values);
}

/** Forgets the handed-in document when a submission is taken back. */
export const forgetSubmittedDocument = (tx: DbOrTx, taskId: string, groupId: string) => repo.deleteSubmittedDocument(tx, taskId, groupId);

/** What a group handed in from a shared document for a task (the caller has authorised the space). */
export async function findSubmittedDocument(db: DbOrTx, taskId: string, groupId: string): Promise<TSubmittedDocument | null> {
  const row = await repo.findSubmittedDocument(db, taskId, groupId);
  if (!row) return null;
  return {
    documentId: row.documentId,
    title: row.title,
    versionNumber: row.versionNumber,
    submittedBy: personRef(row.submittedBy, row.submittedByName) ?? { id: row.submittedBy, name: "" },
    submittedAt: row.submittedAt.toISOString(),
  };
}
