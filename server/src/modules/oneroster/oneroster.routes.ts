import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZEnvelope, ZId, ZImportRun, ZImportRunQuery, ZPaged } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { AppError, badRequest } from "../../platform/errors.js";
import { requireActor } from "../../platform/http.js";
import * as oneroster from "./oneroster.service.js";

/** Roster import (upload), the list of imports, and the district's export. */
export function onerosterRoutes(db: Db, maxUploadMb: number) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["oneroster"];

    r.post(
      "/api/imports/oneroster",
      {
        schema: {
          tags,
          summary:
            "Import a OneRoster 1.1/1.2 CSV bundle (multipart field `file`, a .zip): validated whole, then applied in one transaction",
          consumes: ["multipart/form-data"],
          response: {
            200: ZEnvelope(ZImportRun),
            422: z.object({ error: z.object({ code: z.string(), message: z.string() }), data: ZImportRun }),
          },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        // Refuse before reading a single byte of a possibly large upload.
        oneroster.assertCanImport(actor);
        if (!request.isMultipart()) throw badRequest("Send the bundle as multipart/form-data in a field named file");
        const part = await request.file();
        if (!part) throw badRequest("Choose a .zip bundle to upload", [{ path: "file", message: "No file was sent" }]);
        // Stream to a temporary file: the zip is checked entry by entry from disk, never held whole in memory.
        const dir = await mkdtemp(join(tmpdir(), "stoa-upload-"));
        try {
          const path = join(dir, "bundle.zip");
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated) {
            throw new AppError(
              413,
              "too_large",
              `The bundle is larger than ${maxUploadMb} MB; split it or ask your administrator to raise MAX_UPLOAD_MB`,
            );
          }
          const run = await oneroster.importOneRoster(db, actor, { source: path, fileName: part.filename });
          if (run.status === "succeeded") return { data: run };
          const errors = run.problems.filter((p) => p.severity === "error").length;
          return reply.status(422).send({
            error: { code: "invalid_bundle", message: `The bundle was refused: ${errors} problem(s) found; nothing was changed` },
            data: run,
          });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );

    r.get(
      "/api/imports",
      {
        schema: {
          tags,
          summary: "Earlier roster imports, newest first",
          querystring: ZImportRunQuery,
          response: { 200: ZEnvelope(ZPaged(ZImportRun)) },
        },
      },
      async (req) => ({
        data: await oneroster.listImportRuns(db, requireActor(req), req.query),
      }),
    );

    r.get(
      "/api/imports/:id",
      {
        schema: {
          tags,
          summary: "One roster import with its problems",
          params: z.object({ id: ZId }),
          response: { 200: ZEnvelope(ZImportRun) },
        },
      },
      async (req) => ({
        data: await oneroster.getImportRun(db, requireActor(req), req.params.id),
      }),
    );

    r.get(
      "/api/exports/oneroster",
      { schema: { tags, summary: "The district as a OneRoster 1.2 CSV bundle (zip)" } },
      async (req, reply) => {
        const zip = await oneroster.exportOneRoster(db, requireActor(req));
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .header("content-type", "application/zip")
          .header("content-disposition", `attachment; filename="oneroster-${day}.zip"`)
          .send(zip);
      },
    );
  };
}
