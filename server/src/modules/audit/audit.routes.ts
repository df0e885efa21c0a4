import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZAuditPage, ZAuditQuery, ZEnvelope } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import { browseAudit } from "./audit.service.js";

/** GET /api/audit: browse and filter the audit log. */
export function auditRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      "/api/audit",
      { schema: { tags: ["audit"], summary: "The district's audit log (district admins)", querystring: ZAuditQuery, response: { 200: ZEnvelope(ZAuditPage) } } },
      async (req) => ({ data: await browseAudit(db, requireActor(req), req.query) }),
    );
  };
}
