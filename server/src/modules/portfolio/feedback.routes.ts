import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZCommentCreate,
  ZCommentList,
  ZCommentModerate,
  ZEnvelope,
  ZFeedbackRequest,
  ZFeedbackRequestCreate,
  ZFeedbackRequestLists,
  ZId,
  ZPortfolioComment,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import * as feedback from "./feedback.service.js";

const ZIdParams = z.object({ id: ZId });

/** Comments on pages and artifacts, and peer feedback requests. */
export function feedbackRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["portfolio feedback"];

    for (const type of ["page", "artifact"] as const) {
      r.get(
        `/api/portfolio/${type}s/:id/comments`,
        {
          schema: {
            tags,
            summary: `Comments on a ${type} the caller may see`,
            params: ZIdParams,
            response: { 200: ZEnvelope(ZCommentList) },
          },
        },
        async (req) => ({
          data: await feedback.listComments(db, requireActor(req), { type, id: req.params.id }),
        }),
      );
      r.post(
        `/api/portfolio/${type}s/:id/comments`,
        {
          schema: {
            tags,
            summary: `Comment on a ${type} (or reply, or answer a feedback request)`,
            params: ZIdParams,
            body: ZCommentCreate,
            response: { 201: ZEnvelope(ZPortfolioComment) },
          },
        },
        async (req, reply) =>
          reply.status(201).send({ data: await feedback.createComment(db, requireActor(req), { type, id: req.params.id }, req.body) }),
      );
    }
    r.patch(
      "/api/portfolio/comments/:id",
      {
        schema: {
          tags,
          summary: "Resolve or hide a comment on your work",
          params: ZIdParams,
          body: ZCommentModerate,
          response: { 200: ZEnvelope(ZPortfolioComment) },
        },
      },
      async (req) => ({
        data: await feedback.moderateComment(db, requireActor(req), req.params.id, req.body),
      }),
    );
    r.get(
      "/api/portfolio/feedback-requests",
      {
        schema: { tags, summary: "Feedback requests you made and those made to you", response: { 200: ZEnvelope(ZFeedbackRequestLists) } },
      },
      async (req) => ({
        data: await feedback.listFeedbackRequests(db, requireActor(req)),
      }),
    );
    r.post(
      "/api/portfolio/feedback-requests",
      {
        schema: {
          tags,
          summary: "Ask classmates for feedback on a page",
          body: ZFeedbackRequestCreate,
          response: { 201: ZEnvelope(ZFeedbackRequest) },
        },
      },
      async (req, reply) => reply.status(201).send({ data: await feedback.createFeedbackRequest(db, requireActor(req), req.body) }),
    );
    r.post(
      "/api/portfolio/feedback-requests/:id/close",
      { schema: { tags, summary: "Close a feedback request you made", params: ZIdParams, response: { 200: ZEnvelope(ZFeedbackRequest) } } },
      async (req) => ({
        data: await feedback.closeFeedbackRequest(db, requireActor(req), req.params.id),
      }),
    );
  };
}
