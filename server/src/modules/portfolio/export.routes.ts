import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.js";
import { contentDisposition } from "../../platform/downloads.js";
import { requireActor } from "../../platform/http.js";
import type { FileStorage } from "../../platform/storage.js";
import * as exporter from "./export.service.js";

/** The caller's whole portfolio as an offline HTML archive (zip) and as Leap2A. */
export function exportRoutes(db: Db, storage: FileStorage) {
  return async (app: FastifyInstance) => {
    const tags = ["portfolio export"];
    app.get(
      "/api/portfolio/export/archive",
      { schema: { tags, summary: "Download your whole portfolio as an offline HTML archive (zip)" } },
      async (req, reply) => {
        const { stream, fileName } = await exporter.exportArchive(db, storage, requireActor(req));
        return reply
          .header("content-type", "application/zip")
          .header("content-disposition", contentDisposition(fileName))
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "private, no-store")
          .send(stream);
      },
    );
    app.get(
      "/api/portfolio/export/leap2a",
      { schema: { tags, summary: "Download your portfolio as Leap2A (Atom XML) for another portfolio system" } },
      async (req, reply) => {
        const { xml, fileName } = await exporter.exportLeap2a(db, requireActor(req));
        return reply
          .header("content-type", "application/xml; charset=utf-8")
          .header("content-disposition", contentDisposition(fileName))
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "private, no-store")
          .send(xml);
      },
    );
  };
}
