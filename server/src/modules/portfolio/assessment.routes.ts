import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZAssessInput,
  ZAssessment,
  ZAssessmentCreate,
  ZEnvelope,
  ZId,
  ZMyAssessment,
  ZRubric,
  ZRubricCreate,
  ZPortfolioSubmission,
  ZSubmissionCreate,
  ZSubmissionStatusRow,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import type { FileStorage } from "../../platform/storage.js";
import * as assessments from "./assessment.service.js";
import * as rubrics from "./rubrics.service.js";
import { contentDisposition } from "../../platform/downloads.js";

const ZIdParams = z.object({ id: ZId });

/** Rubrics, portfolio assessments, submissions (locked snapshots) and their scoring. */
export function assessmentRoutes(db: Db, storage: FileStorage) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["portfolio assessment"];

    r.get(
      "/api/classes/:id/portfolio/rubrics",
      { schema: { tags, summary: "A class's rubrics", params: ZIdParams, response: { 200: ZEnvelope(z.array(ZRubric)) } } },
      async (req) => ({
        data: await rubrics.listRubrics(db, requireActor(req), req.params.id),
      }),
    );
    r.post(
      "/api/classes/:id/portfolio/rubrics",
      {
        schema: {
          tags,
          summary: "Create a rubric for your class",
          params: ZIdParams,
          body: ZRubricCreate,
          response: { 201: ZEnvelope(ZRubric) },
        },
      },
      async (req, reply) => reply.status(201).send({ data: await rubrics.createRubric(db, requireActor(req), req.params.id, req.body) }),
    );
    r.get(
      "/api/classes/:id/portfolio/assessments",
      {
        schema: { tags, summary: "A class's portfolio assessments", params: ZIdParams, response: { 200: ZEnvelope(z.array(ZAssessment)) } },
      },
      async (req) => ({
        data: await assessments.listClassAssessments(db, requireActor(req), req.params.id),
      }),
    );
    r.post(
      "/api/classes/:id/portfolio/assessments",
      {
        schema: {
          tags,
          summary: "Set a portfolio assessment for your class",
          params: ZIdParams,
          body: ZAssessmentCreate,
          response: { 201: ZEnvelope(ZAssessment) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ data: await assessments.createAssessment(db, requireActor(req), req.params.id, req.body) }),
    );
    r.get(
      "/api/portfolio/assessments",
      {
        schema: {
          tags,
          summary: "Portfolio assessments of your classes, with your status",
          response: { 200: ZEnvelope(z.array(ZMyAssessment)) },
        },
      },
      async (req) => ({
        data: await assessments.listMyAssessments(db, requireActor(req)),
      }),
    );
    r.post(
      "/api/portfolio/assessments/:id/submissions",
      {
        schema: {
          tags,
          summary: "Submit a page or collection (locks a snapshot)",
          params: ZIdParams,
          body: ZSubmissionCreate,
          response: { 201: ZEnvelope(ZPortfolioSubmission) },
        },
      },
      async (req, reply) => reply.status(201).send({ data: await assessments.submit(db, requireActor(req), req.params.id, req.body) }),
    );
    r.get(
      "/api/portfolio/assessments/:id/submissions",
      {
        schema: {
          tags,
          summary: "Every student of the class and their submission status",
          params: ZIdParams,
          response: { 200: ZEnvelope(z.array(ZSubmissionStatusRow)) },
        },
      },
      async (req) => ({ data: await assessments.listSubmissions(db, requireActor(req), req.params.id) }),
    );
    r.get(
      "/api/portfolio/submissions/:id",
      {
        schema: {
          tags,
          summary: "One submission with its snapshot (and result when visible)",
          params: ZIdParams,
          response: { 200: ZEnvelope(ZPortfolioSubmission) },
        },
      },
      async (req) => ({
        data: await assessments.getSubmission(db, requireActor(req), req.params.id),
      }),
    );
    r.put(
      "/api/portfolio/submissions/:id/assessment",
      {
        schema: {
          tags,
          summary: "Score a submission with its rubric (and return it)",
          params: ZIdParams,
          body: ZAssessInput,
          response: { 200: ZEnvelope(ZPortfolioSubmission) },
        },
      },
      async (req) => ({ data: await assessments.assess(db, requireActor(req), req.params.id, req.body) }),
    );
    r.get(
      "/api/portfolio/submissions/:id/files/:fileId",
      { schema: { tags, summary: "A file the submission's snapshot holds", params: z.object({ id: ZId, fileId: ZId }) } },
      async (req, reply) => {
        const file = await assessments.getSnapshotFile(db, requireActor(req), req.params.id, req.params.fileId);
        // Re-encoded raster images may show inline; everything else downloads. Never sniffed, never run.
        const inline = file.inline && /^image\/(png|jpeg|gif|webp)$/.test(file.mediaType);
        return reply
          .header("content-type", inline ? file.mediaType : "application/octet-stream")
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "default-src 'none'; sandbox")
          .header("content-disposition", contentDisposition(file.fileName, inline ? "inline" : "attachment"))
          .header("cache-control", "private, no-store")
          .send(await storage.get(file.storageKey));
      },
    );
  };
}
