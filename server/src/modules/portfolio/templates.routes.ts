import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZEnvelope, ZId, ZPrompt, ZPromptCreate, ZTemplate, ZTemplateCopy, ZTemplateCreate } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import * as templates from "./templates.service.js";

const ZIdParams = z.object({ id: ZId });

/** Teachers' reflection prompts and templates for a class; students copy templates. */
export function templateRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["portfolio"];

    r.get(
      "/api/portfolio/prompts",
      { schema: { tags, summary: "Reflection prompts of your classes", response: { 200: ZEnvelope(z.array(ZPrompt)) } } },
      async (req) => ({
        data: await templates.listMyPrompts(db, requireActor(req)),
      }),
    );
    r.get(
      "/api/classes/:id/portfolio/prompts",
      { schema: { tags, summary: "A class's reflection prompts", params: ZIdParams, response: { 200: ZEnvelope(z.array(ZPrompt)) } } },
      async (req) => ({
        data: await templates.listClassPrompts(db, requireActor(req), req.params.id),
      }),
    );
    r.post(
      "/api/classes/:id/portfolio/prompts",
      {
        schema: {
          tags,
          summary: "Add a reflection prompt (teachers)",
          params: ZIdParams,
          body: ZPromptCreate,
          response: { 201: ZEnvelope(ZPrompt) },
        },
      },
      async (req, reply) => reply.status(201).send({ data: await templates.createPrompt(db, requireActor(req), req.params.id, req.body) }),
    );
    r.delete(
      "/api/portfolio/prompts/:id",
      { schema: { tags, summary: "Remove a prompt (teachers)", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await templates.deletePrompt(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );

    r.get(
      "/api/portfolio/templates",
      { schema: { tags, summary: "Templates of your classes", response: { 200: ZEnvelope(z.array(ZTemplate)) } } },
      async (req) => ({
        data: await templates.listMyTemplates(db, requireActor(req)),
      }),
    );
    r.get(
      "/api/classes/:id/portfolio/templates",
      { schema: { tags, summary: "A class's templates", params: ZIdParams, response: { 200: ZEnvelope(z.array(ZTemplate)) } } },
      async (req) => ({
        data: await templates.listClassTemplates(db, requireActor(req), req.params.id),
      }),
    );
    r.post(
      "/api/classes/:id/portfolio/templates",
      {
        schema: {
          tags,
          summary: "Create a template page or collection (teachers)",
          params: ZIdParams,
          body: ZTemplateCreate,
          response: { 201: ZEnvelope(ZTemplate) },
        },
      },
      async (req, reply) =>
        reply.status(201).send({ data: await templates.createTemplate(db, requireActor(req), req.params.id, req.body) }),
    );
    r.delete(
      "/api/portfolio/templates/:id",
      { schema: { tags, summary: "Remove a template (teachers)", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await templates.deleteTemplate(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    r.post(
      "/api/portfolio/templates/:id/copy",
      {
        schema: {
          tags,
          summary: "Copy a template into your own page or collection",
          params: ZIdParams,
          response: { 201: ZEnvelope(ZTemplateCopy) },
        },
      },
      async (req, reply) => reply.status(201).send({ data: await templates.copyTemplate(db, requireActor(req), req.params.id) }),
    );
  };
}
