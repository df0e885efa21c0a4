import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZEnvelope, ZId, ZPortfolioFile, ZPortfolioUsage } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { badRequest } from "../../platform/errors.js";
import { requireActor } from "../../platform/http.js";
import type { FileStorage } from "../../platform/storage.js";
import { fileTooLarge } from "../../platform/uploads.js";
import { requirePortfolioKeeper } from "./portfolio.policy.js";
import * as uploads from "./uploads.service.js";

const ZInline = z.object({ inline: z.enum(["0", "1"]).optional() });

/** Uploading and downloading portfolio files. */
export function uploadRoutes(db: Db, storage: FileStorage, settings: uploads.PortfolioFileSettings) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["portfolio"];

    r.post(
      "/api/portfolio/files",
      {
        schema: {
          tags,
          summary: "Upload a file (multipart, one field `file`); images are re-encoded without metadata",
          response: { 201: ZEnvelope(ZPortfolioFile) },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        requirePortfolioKeeper(actor);
        if (!req.isMultipart()) throw badRequest("Send the file as a form upload (multipart/form-data) in a field named file");
        // One byte over the limit lets our own check answer with the friendly 413 rather than a truncated file.
        const part = await req.file({ limits: { fileSize: settings.maxFileBytes + 1, files: 1 } });
        if (!part) throw badRequest("Choose a file to upload");
        try {
          const data = await uploads.uploadFile(db, storage, settings, actor, part.file, part.filename);
          return await reply.status(201).send({ data });
        } catch (error) {
          if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw fileTooLarge(settings.maxFileBytes);
          throw error;
        }
      },
    );
    r.get(
      "/api/portfolio/usage",
      { schema: { tags, summary: "Your storage use and limits", response: { 200: ZEnvelope(ZPortfolioUsage) } } },
      async (req) => ({
        data: await uploads.getUsage(db, requireActor(req), settings),
      }),
    );
    r.get(
      "/api/portfolio/files/:id",
      {
        schema: {
          tags,
          summary: "Download a file you may see (inline=1 shows re-encoded images, audio and video in place)",
          params: z.object({ id: ZId }),
          querystring: ZInline,
        },
      },
      async (req, reply) => uploads.downloadFile(db, storage, requireActor(req), req.params.id, req.query.inline === "1", reply),
    );
  };
}
