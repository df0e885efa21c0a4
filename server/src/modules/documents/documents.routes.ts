import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZDocumentVersion,
  ZDocumentVersionBody,
  ZEnvelope,
  ZId,
  ZSharedDocument,
  ZSharedDocumentCreate,
  ZSharedDocumentDetail,
  ZSharedDocumentRename,
  ZSubmission,
  ZSubmitDocument,
  ZSubmittedDocument,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { contentDisposition } from "../../platform/downloads.js";
import { requireActor } from "../../platform/http.js";
import * as submission from "../tasks/submission.service.js";
import * as documents from "./documents.service.js";

const ZIdParams = z.object({ id: ZId });
const ZVersionParams = z.object({ id: ZId, number: z.coerce.number().int().min(1) });
const ZSpaceParams = z.object({ id: ZId, groupId: ZId });
const ZPolicies = z.record(z.string(), z.boolean()).optional();

/** Shared documents of groups (REST); live editing is the collab socket (collab.ts). */
export function documentsRoutes(db: Db, live: documents.LiveDocuments) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["documents"];

    r.get(
      "/api/groups/:id/documents",
      {
        schema: {
          tags,
          summary: "A group's shared documents",
          params: ZIdParams,
          response: { 200: z.object({ data: z.array(ZSharedDocument), policies: ZPolicies }) },
        },
      },
      async (req) => documents.listGroupDocuments(db, requireActor(req), req.params.id),
    );
    r.post(
      "/api/groups/:id/documents",
      {
        schema: {
          tags,
          summary: "Create a shared document in a group (members and the class's teachers)",
          params: ZIdParams,
          body: ZSharedDocumentCreate,
          response: { 201: ZEnvelope(ZSharedDocumentDetail) },
        },
      },
      async (req, reply) => reply.status(201).send({ data: await documents.createDocument(db, requireActor(req), req.params.id, req.body) }),
    );
    r.get(
      "/api/documents/:id",
      { schema: { tags, summary: "A shared document with its stored HTML", params: ZIdParams, response: { 200: ZEnvelope(ZSharedDocumentDetail) } } },
      async (req) => ({ data: await documents.getDocument(db, requireActor(req), req.params.id) }),
    );
    r.patch(
      "/api/documents/:id",
      {
        schema: { tags, summary: "Rename a shared document", params: ZIdParams, body: ZSharedDocumentRename, response: { 200: ZEnvelope(ZSharedDocumentDetail) } },
      },
      async (req) => ({ data: await documents.renameDocument(db, requireActor(req), req.params.id, req.body) }),
    );
    r.delete(
      "/api/documents/:id",
      { schema: { tags, summary: "Delete a shared document", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await documents.deleteDocument(db, live, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    r.get(
      "/api/documents/:id/export",
      { schema: { tags, summary: "The document as an HTML file", params: ZIdParams, produces: ["text/html"] } },
      async (req, reply) => {
        const file = await documents.exportDocument(db, live, requireActor(req), req.params.id);
        return reply
          .header("content-type", "text/html; charset=utf-8")
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
          .header("content-disposition", contentDisposition(`${file.title}.html`))
          .send(file.html);
      },
    );
    r.get(
      "/api/documents/:id/versions",
      { schema: { tags, summary: "A document's history", params: ZIdParams, response: { 200: ZEnvelope(z.array(ZDocumentVersion)) } } },
      async (req) => ({ data: await documents.listVersions(db, requireActor(req), req.params.id) }),
    );
    r.post(
      "/api/documents/:id/versions",
      { schema: { tags, summary: "Save the current content as a version", params: ZIdParams, response: { 201: ZEnvelope(ZDocumentVersion) } } },
      async (req, reply) => reply.status(201).send({ data: await documents.saveVersion(db, live, requireActor(req), req.params.id) }),
    );
    r.get(
      "/api/documents/:id/versions/:number",
      { schema: { tags, summary: "One old version (read-only)", params: ZVersionParams, response: { 200: ZEnvelope(ZDocumentVersionBody) } } },
      async (req) => ({ data: await documents.getVersion(db, requireActor(req), req.params.id, req.params.number) }),
    );
    r.post(
      "/api/documents/:id/versions/:number/restore",
      {
        schema: {
          tags,
          summary: "Restore an old version (a new change; the current content stays in the history)",
          params: ZVersionParams,
          response: { 200: ZEnvelope(ZDocumentVersion) },
        },
      },
      async (req) => ({ data: await documents.restoreVersion(db, live, requireActor(req), req.params.id, req.params.number) }),
    );
    r.get(
      "/api/tasks/:id/groups/:groupId/submission/document",
      {
        schema: {
          tags,
          summary: "The shared document the group handed in, if any",
          params: ZSpaceParams,
          response: { 200: ZEnvelope(ZSubmittedDocument.nullable()) },
        },
      },
      async (req) => ({ data: await submission.getSubmittedDocument(db, requireActor(req), req.params.id, req.params.groupId) }),
    );
    r.post(
      "/api/tasks/:id/groups/:groupId/submission/document",
      {
        schema: {
          tags,
          summary: "Hand in one of the group's shared documents as the submission",
          params: ZSpaceParams,
          body: ZSubmitDocument,
          response: { 200: ZEnvelope(ZSubmission) },
        },
      },
      async (req) => ({
        data: await submission.submitDocument(db, live, requireActor(req), req.params.id, req.params.groupId, req.body.documentId),
      }),
    );
  };
}
