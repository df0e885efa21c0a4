import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZBlockMove,
  ZCollection,
  ZCollectionCreate,
  ZCollectionMove,
  ZCollectionUpdate,
  ZEnvelope,
  ZId,
  ZPageCreate,
  ZPageListQuery,
  ZPageUpdate,
  ZPortfolioPage,
  ZPortfolioPageList,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import * as collections from "./collections.service.js";
import * as pages from "./pages.service.js";

const ZIdParams = z.object({ id: ZId });
const ZPageAnswer = z.object({ data: ZPortfolioPage, policies: z.record(z.string(), z.boolean()).optional() });

/** Pages and collections. */
export function pageRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["portfolio"];

    r.get(
      "/api/portfolio/pages",
      { schema: { tags, summary: "Your pages", querystring: ZPageListQuery, response: { 200: ZEnvelope(ZPortfolioPageList) } } },
      async (req) => ({
        data: await pages.listPages(db, requireActor(req), req.query),
      }),
    );
    r.post(
      "/api/portfolio/pages",
      { schema: { tags, summary: "Create a page", body: ZPageCreate, response: { 201: ZPageAnswer } } },
      async (req, reply) => reply.status(201).send(await pages.createPage(db, requireActor(req), req.body)),
    );
    r.get(
      "/api/portfolio/pages/:id",
      { schema: { tags, summary: "A page you may see, with only the artifacts on it", params: ZIdParams, response: { 200: ZPageAnswer } } },
      async (req) => pages.getPage(db, requireActor(req), req.params.id),
    );
    r.patch(
      "/api/portfolio/pages/:id",
      {
        schema: {
          tags,
          summary: "Edit your page (send the version you saw)",
          params: ZIdParams,
          body: ZPageUpdate,
          response: { 200: ZPageAnswer },
        },
      },
      async (req) => pages.updatePage(db, requireActor(req), req.params.id, req.body),
    );
    r.post(
      "/api/portfolio/pages/:id/move-block",
      {
        schema: {
          tags,
          summary: "Move a block by section, column and index",
          params: ZIdParams,
          body: ZBlockMove,
          response: { 200: ZPageAnswer },
        },
      },
      async (req) => pages.moveBlock(db, requireActor(req), req.params.id, req.body),
    );
    r.delete(
      "/api/portfolio/pages/:id",
      { schema: { tags, summary: "Delete your page", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await pages.deletePage(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );

    r.get(
      "/api/portfolio/collections",
      { schema: { tags, summary: "Your collections", response: { 200: ZEnvelope(z.array(ZCollection)) } } },
      async (req) => ({
        data: await collections.listCollections(db, requireActor(req)),
      }),
    );
    r.post(
      "/api/portfolio/collections",
      {
        schema: { tags, summary: "Create a collection of your pages", body: ZCollectionCreate, response: { 201: ZEnvelope(ZCollection) } },
      },
      async (req, reply) => reply.status(201).send({ data: await collections.createCollection(db, requireActor(req), req.body) }),
    );
    r.get(
      "/api/portfolio/collections/:id",
      { schema: { tags, summary: "A collection you may see", params: ZIdParams, response: { 200: ZEnvelope(ZCollection) } } },
      async (req) => ({
        data: await collections.getCollection(db, requireActor(req), req.params.id),
      }),
    );
    r.patch(
      "/api/portfolio/collections/:id",
      {
        schema: {
          tags,
          summary: "Edit your collection (pageIds replaces the order)",
          params: ZIdParams,
          body: ZCollectionUpdate,
          response: { 200: ZEnvelope(ZCollection) },
        },
      },
      async (req) => ({ data: await collections.updateCollection(db, requireActor(req), req.params.id, req.body) }),
    );
    r.post(
      "/api/portfolio/collections/:id/move",
      {
        schema: {
          tags,
          summary: "Move a page of your collection to an index",
          params: ZIdParams,
          body: ZCollectionMove,
          response: { 200: ZEnvelope(ZCollection) },
        },
      },
      async (req) => ({ data: await collections.movePage(db, requireActor(req), req.params.id, req.body) }),
    );
    r.delete(
      "/api/portfolio/collections/:id",
      { schema: { tags, summary: "Delete your collection (its pages stay)", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await collections.deleteCollection(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
