import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZApprovalPage,
  ZApprovalQuery,
  ZEnvelope,
  ZGradeSave,
  ZGradingSettings,
  ZGradingSheet,
  ZId,
  ZModerationReason,
  ZMyDiscussionGrade,
  ZReportCreate,
  ZReportReceipt,
  ZReportsPage,
  ZReportsQuery,
  ZTeacherTools,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { contentDisposition } from "../../platform/downloads.js";
import { requireActor } from "../../platform/http.js";
import { enforceRateLimit, type RateLimiter } from "../../platform/rate-limit.js";
import * as moderation from "./moderation.service.js";
import * as reports from "./reports.service.js";
import * as grading from "./grading.service.js";
import { exportThreadHtml } from "./export.service.js";

const ZIdParams = z.object({ id: ZId });
const ZGradeParams = z.object({ id: ZId, studentId: ZId });
const ZSettled = z.object({ id: ZId, status: z.enum(["published", "rejected"]) });
const ZResolved = z.object({ resolved: z.number().int() });
const ZSavedGrade = z.object({ points: z.string(), comment: z.string(), gradedAt: z.string() });

/** Discussion teacher tools: approval queue, reports, graded discussions, thread export. */
export function moderationRoutes(db: Db, rateLimiter: RateLimiter) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["discussion teacher tools"];

    r.get(
      "/api/discussions/approvals",
      {
        schema: {
          tags,
          summary: "Posts waiting for approval in the caller's classes",
          querystring: ZApprovalQuery,
          response: { 200: ZEnvelope(ZApprovalPage) },
        },
      },
      async (req) => ({ data: await moderation.listApprovals(db, requireActor(req), req.query) }),
    );
    r.post(
      "/api/discussions/posts/:id/approve",
      { schema: { tags, summary: "Approve a waiting post (it is published)", params: ZIdParams, response: { 200: ZEnvelope(ZSettled) } } },
      async (req) => ({ data: await moderation.approvePost(db, requireActor(req), req.params.id) }),
    );
    r.post(
      "/api/discussions/posts/:id/reject",
      {
        schema: {
          tags,
          summary: "Reject a waiting post with a reason",
          params: ZIdParams,
          body: ZModerationReason,
          response: { 200: ZEnvelope(ZSettled) },
        },
      },
      async (req) => ({ data: await moderation.rejectPost(db, requireActor(req), req.params.id, req.body.reason) }),
    );
    r.post(
      "/api/discussions/posts/:id/reports",
      {
        schema: {
          tags,
          summary: "Report a post to the teachers (once)",
          params: ZIdParams,
          body: ZReportCreate,
          response: { 201: ZEnvelope(ZReportReceipt) },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        await enforceRateLimit(rateLimiter, `report:${actor.userId}`, 20, 600, "reporting posts");
        return reply.status(201).send({ data: await reports.reportPost(db, actor, req.params.id, req.body.reason) });
      },
    );
    r.get(
      "/api/discussions/reports",
      {
        schema: {
          tags,
          summary: "Reports in the caller's classes",
          querystring: ZReportsQuery,
          response: { 200: ZEnvelope(ZReportsPage) },
        },
      },
      async (req) => ({ data: await reports.listReports(db, requireActor(req), req.query) }),
    );
    r.post(
      "/api/discussions/reports/:id/hide",
      {
        schema: {
          tags,
          summary: "Hide the reported post with a reason (resolves its reports)",
          params: ZIdParams,
          body: ZModerationReason,
          response: { 200: ZEnvelope(ZResolved) },
        },
      },
      async (req) => ({ data: await reports.hideReportedPost(db, requireActor(req), req.params.id, req.body.reason) }),
    );
    r.post(
      "/api/discussions/reports/:id/dismiss",
      { schema: { tags, summary: "Dismiss a report (the post stays)", params: ZIdParams, response: { 200: ZEnvelope(ZResolved) } } },
      async (req) => ({ data: await reports.dismissReport(db, requireActor(req), req.params.id) }),
    );
    r.get(
      "/api/discussions/boards/:id/teacher-tools",
      { schema: { tags, summary: "What the board's teacher links show", params: ZIdParams, response: { 200: ZEnvelope(ZTeacherTools) } } },
      async (req) => ({ data: await moderation.getBoardTeacherTools(db, requireActor(req), req.params.id) }),
    );
    r.get(
      "/api/discussions/threads/:id/teacher-tools",
      { schema: { tags, summary: "What the thread's teacher links show", params: ZIdParams, response: { 200: ZEnvelope(ZTeacherTools) } } },
      async (req) => ({ data: await moderation.getThreadTeacherTools(db, requireActor(req), req.params.id) }),
    );
    r.put(
      "/api/discussions/threads/:id/grading",
      {
        schema: {
          tags,
          summary: "Make a thread graded (most points) or not (null)",
          params: ZIdParams,
          body: ZGradingSettings,
          response: { 200: ZEnvelope(z.object({ maxPoints: z.string().nullable() })) },
        },
      },
      async (req) => ({ data: await grading.setGrading(db, requireActor(req), req.params.id, req.body.maxPoints) }),
    );
    r.get(
      "/api/discussions/threads/:id/grading",
      {
        schema: {
          tags,
          summary: "Each student's posts side by side, with their mark",
          params: ZIdParams,
          response: { 200: ZEnvelope(ZGradingSheet) },
        },
      },
      async (req) => ({ data: await grading.getGradingSheet(db, requireActor(req), req.params.id) }),
    );
    r.put(
      "/api/discussions/threads/:id/grades/:studentId",
      {
        schema: {
          tags,
          summary: "Save a student's mark and comment",
          params: ZGradeParams,
          body: ZGradeSave,
          response: { 200: ZEnvelope(ZSavedGrade) },
        },
      },
      async (req) => ({ data: await grading.saveGrade(db, requireActor(req), req.params.id, req.params.studentId, req.body) }),
    );
    r.get(
      "/api/discussions/threads/:id/grades.csv",
      { schema: { tags, summary: "The thread's marks as CSV (formula-safe)", params: ZIdParams } },
      async (req, reply) => {
        const { filename, csv } = await grading.gradesCsv(db, requireActor(req), req.params.id);
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", contentDisposition(filename))
          .send(csv);
      },
    );
    r.get(
      "/api/discussions/threads/:id/my-grade",
      {
        schema: {
          tags,
          summary: "The caller's own mark in a graded thread",
          params: ZIdParams,
          response: { 200: ZEnvelope(ZMyDiscussionGrade) },
        },
      },
      async (req) => ({ data: await grading.getMyGrade(db, requireActor(req), req.params.id) }),
    );
    r.get(
      "/api/discussions/threads/:id/export.html",
      { schema: { tags, summary: "The thread as one self-contained HTML file", params: ZIdParams } },
      async (req, reply) => {
        const { filename, html } = await exportThreadHtml(db, requireActor(req), req.params.id);
        return reply
          .header("content-type", "text/html; charset=utf-8")
          .header("content-disposition", contentDisposition(filename))
          .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox")
          .send(html);
      },
    );
  };
}
