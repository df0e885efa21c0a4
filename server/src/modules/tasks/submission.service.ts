import type { Readable } from "node:stream";
import type { TSubmission, TSubmissionFile, TSubmissionSave, TSubmissionVersion, TSubmissionVersionBody } from "@stoa/contracts";
import { ZSubmissionSave } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { AppError, badRequest, conflict, notFound } from "../../platform/errors.js";
import { sanitizeRichText } from "../../platform/rich-text.js";
import type { FileStorage } from "../../platform/storage.js";
import { person } from "./tasks.presenter.js";
import * as spaces from "./space.repository.js";
import { recordSpaceEvent, requireChangeableSpace, requireSpace, type SpaceContext } from "./space.service.js";
import { StaleVersion } from "./stale-version.js";
import * as documents from "../documents/documents.service.js";

/** Files per submission: enough for a project, bounded so one group cannot fill the disk. */
export const maxFilesPerSubmission = 20;

/** The group's submission with its files (an empty one before the first save). */
export async function getSubmission(db: DbOrTx, space: Pick<SpaceContext, "key">): Promise<TSubmission> {
  const [found, files] = await Promise.all([spaces.findSubmission(db, space.key), spaces.listFiles(db, space.key)]);
  const s = found?.submission;
  return {
    body: s?.body ?? "",
    version: s?.version ?? 0,
    updatedBy: person(s?.updatedBy ?? null, found?.updatedByName ?? null),
    updatedAt: s && s.version > 0 ? s.updatedAt.toISOString() : null,
    submittedAt: s?.submittedAt?.toISOString() ?? null,
    submittedBy: person(s?.submittedBy ?? null, found?.submittedByName ?? null),
    files: files.map((f): TSubmissionFile => ({
      id: f.file.id,
      name: f.file.name,
      contentType: f.file.contentType,
      size: f.file.size,
      uploadedBy: { id: f.file.uploadedBy, name: f.uploaderName },
      uploadedAt: f.file.uploadedAt.toISOString(),
    })),
  };
}

/** Refuses changes to a submitted submission: unsubmit first, so nobody changes what the teacher is reading by surprise. */
async function requireNotSubmitted(db: DbOrTx, space: SpaceContext) {
  const found = await spaces.findSubmission(db, space.key);
  if (found?.submission.submittedAt) throw conflict("The submission has been handed in; unsubmit it first to make changes");
}

/**
 * Saves the submission text from the version the editor started from. A stale version is a 409
 * with the other person's version, never a silent overwrite. Each save is kept in the history.
 */
export async function saveSubmission(db: Db, actor: Actor, taskId: string, groupId: string, raw: TSubmissionSave): Promise<TSubmission> {
  const input = ZSubmissionSave.parse(raw);
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  const body = sanitizeRichText(input.body);
  await db.transaction(async (tx) => {
    await requireNotSubmitted(tx, space);
    const version = await spaces.saveSubmissionIfVersion(tx, space.key, input.version, body, actor.userId);
    if (version === null) throw new StaleVersion(await getSubmission(tx, space));
    await spaces.insertSubmissionVersion(tx, space.key, version, body, actor.userId);
    await recordSpaceEvent(tx, space, "task.submission.saved", { version, userId: actor.userId });
  });
  return getSubmission(db, space);
}

/** Hands the submission in (any member, before the deadline). */
export async function submit(db: Db, actor: Actor, taskId: string, groupId: string): Promise<TSubmission> {
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  await db.transaction(async (tx) => {
    const current = await getSubmission(tx, space);
    if (current.version === 0 && current.files.length === 0) throw badRequest("Write something or attach a file before handing in");
    if (current.submittedAt) throw conflict("The submission has already been handed in");
    await spaces.setSubmitted(tx, space.key, actor.userId, true);
    await recordSpaceEvent(tx, space, "task.submission.submitted", { userId: actor.userId });
  });
  return getSubmission(db, space);
}

/**
 * Hands in one of the group's shared documents: its content as stored now becomes the submission
 * text (a new version of it) and a "submitted" version of the document, so later edits of the
 * document do not change what was handed in. Members only, before the deadline.
 */
export async function submitDocument(
  db: Db,
  live: documents.LiveDocuments,
  actor: Actor,
  taskId: string,
  groupId: string,
  documentId: string,
): Promise<TSubmission> {
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  await requireNotSubmitted(db, space);
  await documents.prepareSubmission(db, live, actor, documentId, groupId);
  await db.transaction(async (tx) => {
    await requireNotSubmitted(tx, space);
    const snapshot = await documents.snapshotForSubmission(tx, actor, documentId, groupId);
    const body = sanitizeRichText(snapshot.html);
    if (!body) throw badRequest("The document is empty; write something in it before handing it in");
    const current = await spaces.findSubmission(tx, space.key);
    const version = await spaces.saveSubmissionIfVersion(tx, space.key, current?.submission.version ?? 0, body, actor.userId);
    if (version === null) throw conflict("Someone changed the submission at the same moment; try again");
    await spaces.insertSubmissionVersion(tx, space.key, version, body, actor.userId);
    await spaces.setSubmitted(tx, space.key, actor.userId, true);
    await documents.recordSubmittedDocument(tx, {
      ...space.key,
      documentId,
      title: snapshot.title,
      versionNumber: snapshot.versionNumber,
      submittedBy: actor.userId,
    });
    await recordSpaceEvent(tx, space, "task.submission.saved", { version, userId: actor.userId });
    await recordSpaceEvent(tx, space, "task.submission.submitted", { userId: actor.userId, documentId });
  });
  return getSubmission(db, space);
}

/** The shared document a group handed in for the task, if it did (members and teachers). */
export async function getSubmittedDocument(db: Db, actor: Actor, taskId: string, groupId: string) {
  const space = await requireSpace(db, actor, taskId, groupId);
  return documents.findSubmittedDocument(db, space.key.taskId, space.key.groupId);
}

/** Takes a handed-in submission back to edit it (any member, before the deadline). */
export async function unsubmit(db: Db, actor: Actor, taskId: string, groupId: string): Promise<TSubmission> {
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  await db.transaction(async (tx) => {
    if (!(await spaces.setSubmitted(tx, space.key, actor.userId, false))) throw conflict("The submission has not been handed in");
    await documents.forgetSubmittedDocument(tx, taskId, groupId);
    await recordSpaceEvent(tx, space, "task.submission.unsubmitted", { userId: actor.userId });
  });
  return getSubmission(db, space);
}

/** The submission's version history: who saved, when, how large. */
export async function listVersions(db: Db, actor: Actor, taskId: string, groupId: string): Promise<TSubmissionVersion[]> {
  const space = await requireSpace(db, actor, taskId, groupId);
  const rows = await spaces.listSubmissionVersions(db, space.key);
  return rows.map((r) => ({ version: r.version, author: { id: r.authorId, name: r.authorName }, at: r.at.toISOString(), size: r.size }));
}

/** One older version of the submission, with its text. */
export async function getVersion(db: Db, actor: Actor, taskId: string, groupId: string, version: number): Promise<TSubmissionVersionBody> {
  const space = await requireSpace(db, actor, taskId, groupId);
  const r = await spaces.findSubmissionVersion(db, space.key, version);
  if (!r) throw notFound("That version");
  return { version: r.version, author: { id: r.authorId, name: r.authorName }, at: r.at.toISOString(), size: r.size, body: r.body };
}

/** An upload as the route hands it over: the stream is read by storage, bounded by `maxBytes`. */
export interface Upload {
  fileName: string;
  contentType: string;
  stream: Readable;
  maxBytes: number;
  /** True when the upload was cut at the multipart size limit (the file is too large). */
  truncated: () => boolean;
}

/** Attaches a file to the submission; storage refuses past the size limit and nothing is recorded then. */
export async function addFile(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  taskId: string,
  groupId: string,
  upload: Upload,
): Promise<TSubmission> {
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  await requireNotSubmitted(db, space);
  if ((await spaces.listFiles(db, space.key)).length >= maxFilesPerSubmission)
    throw badRequest(`A submission holds at most ${maxFilesPerSubmission} files; remove one first`);
  const stored = await storage.put(`tasks/${space.key.districtId}/${taskId}/${groupId}`, upload.stream, upload.maxBytes);
  if (upload.truncated()) {
    await storage.delete(stored.key);
    throw new AppError(413, "too_large", `The file is larger than the limit of ${Math.floor(upload.maxBytes / (1024 * 1024))} MB`);
  }
  try {
    await db.transaction(async (tx) => {
      await spaces.ensureSubmission(tx, space.key);
      const file = await spaces.insertFile(tx, {
        ...space.key,
        storageKey: stored.key,
        name: upload.fileName.slice(0, 255) || "file",
        contentType: upload.contentType.slice(0, 200) || "application/octet-stream",
        size: stored.size,
        uploadedBy: actor.userId,
      });
      await recordSpaceEvent(tx, space, "task.submission.file_added", { fileId: file.id, userId: actor.userId });
    });
  } catch (error) {
    // Nothing recorded: do not leave an orphan object behind.
    await storage.delete(stored.key);
    throw error;
  }
  return getSubmission(db, space);
}

/** A submission file's metadata and content stream (members and teachers). */
export async function readFile(db: Db, storage: FileStorage, actor: Actor, taskId: string, groupId: string, fileId: string) {
  const space = await requireSpace(db, actor, taskId, groupId);
  const file = await spaces.findFile(db, space.key, fileId);
  if (!file) throw notFound("File");
  return { name: file.name, contentType: file.contentType, size: file.size, stream: await storage.get(file.storageKey) };
}

/** Removes a file from the submission (members, before the deadline, not while handed in). */
export async function removeFile(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  taskId: string,
  groupId: string,
  fileId: string,
): Promise<TSubmission> {
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  const file = await spaces.findFile(db, space.key, fileId);
  if (!file) throw notFound("File");
  await db.transaction(async (tx) => {
    await requireNotSubmitted(tx, space);
    await spaces.markFileDeleted(tx, space.key, fileId);
    await recordSpaceEvent(tx, space, "task.submission.file_removed", { fileId, userId: actor.userId });
  });
  await storage.delete(file.storageKey);
  return getSubmission(db, space);
}
