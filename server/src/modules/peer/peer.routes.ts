import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZEnvelope,
  ZGroupMarkInput,
  ZId,
  ZMarkOverrideInput,
  ZOverviewQuery,
  ZRatingForm,
  ZRatingsSubmit,
  ZTaskOverview,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import * as peer from "./peer.service.js";

const ZTaskParams = z.object({ taskId: ZId });

/** Peer assessment: students' ratings, the teacher's group marks, overrides, overview and CSV export. */
export function peerRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["peer"];

    r.get(
      "/api/tasks/:taskId/peer/form",
      {
        schema: {
          tags,
          summary: "A student's rating form: teammates, criteria, scale and their own ratings",
          params: ZTaskParams,
          response: { 200: ZEnvelope(ZRatingForm) },
        },
      },
      async (req) => ({ data: await peer.getRatingForm(db, requireActor(req), req.params.taskId) }),
    );
    r.put(
      "/api/tasks/:taskId/peer/ratings",
      {
        schema: {
          tags,
          summary: "Save a student's ratings of their whole group (inside the rating window)",
          params: ZTaskParams,
          body: ZRatingsSubmit,
          response: { 200: ZEnvelope(ZRatingForm) },
        },
      },
      async (req) => ({ data: await peer.submitRatings(db, requireActor(req), req.params.taskId, req.body) }),
    );
    r.get(
      "/api/tasks/:taskId/peer/overview",
      {
        schema: {
          tags,
          summary: "The teacher's overview: progress, ratings, flags and marks of every group",
          params: ZTaskParams,
          querystring: ZOverviewQuery,
          response: { 200: ZEnvelope(ZTaskOverview) },
        },
      },
      async (req) => ({ data: await peer.getOverview(db, requireActor(req), req.params.taskId, { raw: req.query.raw === "true" }) }),
    );
    r.put(
      "/api/tasks/:taskId/peer/groups/:groupId/mark",
      {
        schema: {
          tags,
          summary: "Enter or change a group's mark (0-100)",
          params: z.object({ taskId: ZId, groupId: ZId }),
          body: ZGroupMarkInput,
          response: { 200: ZEnvelope(z.object({ groupId: ZId, mark: z.number() })) },
        },
      },
      async (req) => ({ data: await peer.setGroupMark(db, requireActor(req), req.params.taskId, req.params.groupId, req.body) }),
    );
    r.put(
      "/api/tasks/:taskId/peer/overrides/:userId",
      {
        schema: {
          tags,
          summary: "Override one student's mark, with a reason",
          params: z.object({ taskId: ZId, userId: ZId }),
          body: ZMarkOverrideInput,
          response: { 200: ZEnvelope(z.object({ userId: ZId, mark: z.number(), reason: z.string() })) },
        },
      },
      async (req) => ({ data: await peer.overrideMark(db, requireActor(req), req.params.taskId, req.params.userId, req.body) }),
    );
    r.delete(
      "/api/tasks/:taskId/peer/overrides/:userId",
      {
        schema: {
          tags,
          summary: "Remove an override so the computed mark counts again",
          params: z.object({ taskId: ZId, userId: ZId }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await peer.clearOverride(db, requireActor(req), req.params.taskId, req.params.userId);
        return reply.status(204).send(null);
      },
    );
    r.get(
      "/api/tasks/:taskId/peer/marks.csv",
      { schema: { tags, summary: "The task's marks as CSV (formula-safe)", params: ZTaskParams, querystring: ZOverviewQuery } },
      async (req, reply) => {
        const { filename, csv } = await peer.exportMarksCsv(db, requireActor(req), req.params.taskId, { raw: req.query.raw === "true" });
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${filename}"`)
          .send(csv);
      },
    );
  };
}
