import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZArtifact,
  ZArtifactCreate,
  ZArtifactFromBrainstorm,
  ZArtifactFromDiscussionPost,
  ZArtifactFromTask,
  ZArtifactPage,
  ZArtifactQuery,
  ZArtifactUpdate,
  ZEnvelope,
  ZId,
  ZReflection,
  ZReflectionCreate,
  ZReflectionUpdate,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import type { FileStorage } from "../../platform/storage.js";
import * as artifacts from "./artifacts.service.js";
import { createArtifactFromBrainstorm, createArtifactFromDiscussionPost } from "./stoa-artifacts.service.js";
import { createArtifactFromTask } from "./task-artifacts.service.js";

const ZIdParams = z.object({ id: ZId });
const ZPolicies = z.record(z.string(), z.boolean()).optional();

/** A student's artifact library and reflections. */
export function artifactRoutes(db: Db, storage: FileStorage) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["portfolio"];

    r.get(
      "/api/portfolio/artifacts",
      {
        schema: {
          tags,
          summary: "Your artifacts (own and group work)",
          querystring: ZArtifactQuery,
          response: { 200: ZEnvelope(ZArtifactPage) },
        },
      },
      async (req) => ({
        data: await artifacts.listArtifacts(db, requireActor(req), req.query),
      }),
    );
    r.get(
      "/api/portfolio/tags",
      {
        schema: {
          tags,
          summary: "The tags and skills you used",
          response: { 200: ZEnvelope(z.object({ tags: z.array(z.string()), skills: z.array(z.string()) })) },
        },
      },
      async (req) => ({ data: await artifacts.listLabels(db, requireActor(req)) }),
    );
    r.post(
      "/api/portfolio/artifacts",
      {
        schema: {
          tags,
          summary: "Add an artifact",
          body: ZArtifactCreate,
          response: { 201: z.object({ data: ZArtifact, policies: ZPolicies }) },
        },
      },
      async (req, reply) => reply.status(201).send(await artifacts.createArtifact(db, requireActor(req), req.body)),
    );
    r.post(
      "/api/portfolio/artifacts/from-task",
      {
        schema: {
          tags,
          summary: "Add a snapshot of your group's task submission (group work)",
          body: ZArtifactFromTask,
          response: { 201: z.object({ data: ZArtifact, policies: ZPolicies }) },
        },
      },
      async (req, reply) => reply.status(201).send(await createArtifactFromTask(db, requireActor(req), req.body)),
    );
    r.post(
      "/api/portfolio/artifacts/from-discussion-post",
      {
        schema: {
          tags,
          summary: "Add a snapshot of one of your own discussion posts",
          body: ZArtifactFromDiscussionPost,
          response: { 201: z.object({ data: ZArtifact, policies: ZPolicies }) },
        },
      },
      async (req, reply) => reply.status(201).send(await createArtifactFromDiscussionPost(db, requireActor(req), req.body)),
    );
    r.post(
      "/api/portfolio/artifacts/from-brainstorm",
      {
        schema: {
          tags,
          summary: "Add a snapshot of a brainstorm board you can see (a group board is group work)",
          body: ZArtifactFromBrainstorm,
          response: { 201: z.object({ data: ZArtifact, policies: ZPolicies }) },
        },
      },
      async (req, reply) => reply.status(201).send(await createArtifactFromBrainstorm(db, requireActor(req), req.body)),
    );
    r.get(
      "/api/portfolio/artifacts/:id",
      {
        schema: {
          tags,
          summary: "One artifact you may see",
          params: ZIdParams,
          response: { 200: z.object({ data: ZArtifact, policies: ZPolicies }) },
        },
      },
      async (req) => artifacts.getArtifact(db, requireActor(req), req.params.id),
    );
    r.patch(
      "/api/portfolio/artifacts/:id",
      {
        schema: {
          tags,
          summary: "Edit an artifact you own",
          params: ZIdParams,
          body: ZArtifactUpdate,
          response: { 200: z.object({ data: ZArtifact, policies: ZPolicies }) },
        },
      },
      async (req) => artifacts.updateArtifact(db, requireActor(req), req.params.id, req.body),
    );
    r.delete(
      "/api/portfolio/artifacts/:id",
      { schema: { tags, summary: "Delete an artifact you added", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await artifacts.deleteArtifact(db, storage, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );

    for (const type of ["artifact", "page"] as const) {
      r.get(
        `/api/portfolio/${type}s/:id/reflections`,
        {
          schema: {
            tags,
            summary: `The owner's reflections on a ${type}`,
            params: ZIdParams,
            response: { 200: ZEnvelope(z.array(ZReflection)) },
          },
        },
        async (req) => ({ data: await artifacts.listReflections(db, requireActor(req), { type, id: req.params.id }) }),
      );
      r.post(
        `/api/portfolio/${type}s/:id/reflections`,
        {
          schema: {
            tags,
            summary: `Reflect on your ${type}`,
            params: ZIdParams,
            body: ZReflectionCreate,
            response: { 201: ZEnvelope(ZReflection) },
          },
        },
        async (req, reply) =>
          reply.status(201).send({ data: await artifacts.createReflection(db, requireActor(req), { type, id: req.params.id }, req.body) }),
      );
    }
    r.patch(
      "/api/portfolio/reflections/:id",
      {
        schema: {
          tags,
          summary: "Edit your reflection",
          params: ZIdParams,
          body: ZReflectionUpdate,
          response: { 200: ZEnvelope(ZReflection) },
        },
      },
      async (req) => ({ data: await artifacts.updateReflection(db, requireActor(req), req.params.id, req.body) }),
    );
    r.delete(
      "/api/portfolio/reflections/:id",
      { schema: { tags, summary: "Delete your reflection", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await artifacts.deleteReflection(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
