import type { Readable } from "node:stream";
import { contentDisposition } from "../../platform/downloads.js";
import type { FastifyReply } from "fastify";
import type { Db } from "../../db/client.js";
import type { portfolioFiles } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { AppError, notFound } from "../../platform/errors.js";
import type { FileStorage } from "../../platform/storage.js";
import { storeUpload } from "../../platform/uploads.js";
import * as repo from "./uploads.repository.js";
import { requirePortfolioKeeper } from "./portfolio.policy.js";
import { presentFile, signedInFileUrl } from "./portfolio.presenter.js";
import { canViewFile } from "./sharing.access.js";

/** Upload settings (from PORTFOLIO_MAX_FILE_MB and PORTFOLIO_QUOTA_MB). */
export interface PortfolioFileSettings {
  maxFileBytes: number;
  quotaBytes: number;
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const overQuota = (settings: PortfolioFileSettings, used: number) =>
  new AppError(
    413,
    "quota_exceeded",
    `Your portfolio storage is full (${megabytes(used)} of ${megabytes(settings.quotaBytes)} used). Delete some files you no longer need, or ask your teacher.`,
  );

/** How much of the caller's quota is used. */
export async function getUsage(db: Db, actor: Actor, settings: PortfolioFileSettings) {
  return { usedBytes: await repo.usedBytes(db, actor.userId), quotaBytes: settings.quotaBytes, maxFileBytes: settings.maxFileBytes };
}

/** Checks, cleans and stores an uploaded file for the caller (students), within their quota. */
export async function uploadFile(
  db: Db,
  storage: FileStorage,
  settings: PortfolioFileSettings,
  actor: Actor,
  body: Readable,
  fileName: string,
) {
  requirePortfolioKeeper(actor);
  const stored = await storeUpload(storage, body, fileName, {
    maxBytes: settings.maxFileBytes,
    prefix: `portfolio/${actor.districtId}/${actor.userId}`,
    checkSpace: async (bytes) => {
      const used = await repo.usedBytes(db, actor.userId);
      if (used + bytes > settings.quotaBytes) throw overQuota(settings, used);
    },
  });
  try {
    const row = await db.transaction(async (tx) => {
      // Checked again under a per-user lock: two uploads racing past the first check cannot both land.
      await repo.lockUserFiles(tx, actor.userId);
      const used = await repo.usedBytes(tx, actor.userId);
      if (used + stored.size > settings.quotaBytes) throw overQuota(settings, used);
      return repo.insertFile(tx, {
        districtId: actor.districtId,
        ownerId: actor.userId,
        storageKey: stored.key,
        fileName: stored.fileName,
        mediaType: stored.mediaType,
        sizeBytes: stored.size,
        inline: stored.inline,
        width: stored.width,
        height: stored.height,
      });
    });
    return presentFile(row, signedInFileUrl);
  } catch (error) {
    await storage.delete(stored.key);
    throw error;
  }
}

type FileRow = typeof portfolioFiles.$inferSelect;

/** Streams a file the caller may see, with the safe headers of `sendStoredFile`. */
export async function downloadFile(db: Db, storage: FileStorage, actor: Actor, id: string, inline: boolean, reply: FastifyReply) {
  if (!(await canViewFile(db, actor, id))) throw notFound("File");
  const file = await repo.findFile(db, actor.districtId, id);
  if (!file) throw notFound("File");
  return sendStoredFile(storage, file, inline, reply);
}

/**
 * Sends a stored file as an attachment (inline only for re-encoded images, audio and video when
 * asked), with nosniff and a sandboxing CSP, so nothing uploaded can run as a page of our origin.
 */
export async function sendStoredFile(storage: FileStorage, file: FileRow, inline: boolean, reply: FastifyReply) {
  const showInline = inline && file.inline;
  void reply
    .header("content-type", showInline ? file.mediaType : file.mediaType.startsWith("text/") ? "text/plain; charset=utf-8" : file.mediaType)
    .header("content-disposition", contentDisposition(file.fileName, showInline ? "inline" : "attachment"))
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "sandbox; default-src 'none'; img-src 'self'; media-src 'self'")
    .header("cross-origin-resource-policy", "same-origin")
    .header("cache-control", "private, max-age=300")
    .header("content-length", String(file.sizeBytes));
  return reply.send(await storage.get(file.storageKey));
}
