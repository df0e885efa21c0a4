import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZBrainstormBoard,
  ZBrainstormBoardCreate,
  ZBrainstormBoardSummary,
  ZBrainstormBoardUpdate,
  ZBrainstormCard,
  ZBrainstormCardCreate,
  ZBrainstormCardMove,
  ZBrainstormCardUpdate,
  ZBrainstormCluster,
  ZBrainstormClusterInput,
  ZBrainstormColumn,
  ZBrainstormColumnCreate,
  ZBrainstormColumnUpdate,
  ZBrainstormConversion,
  ZBrainstormToTask,
  ZBrainstormToThread,
  ZBrainstormVoteResult,
  ZEnvelope,
  ZId,
  brainstormLimits,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import { enforceRateLimit, type RateLimiter } from "../../platform/rate-limit.js";
import * as boards from "./brainstorm.service.js";
import * as cards from "./cards.service.js";
import * as convert from "./convert.service.js";

const ZIdParams = z.object({ id: ZId });
const ZColumnParams = ZIdParams.extend({ columnId: ZId });
const ZClusterParams = ZIdParams.extend({ clusterId: ZId });
const ZCardParams = ZIdParams.extend({ cardId: ZId });
const ZPolicies = z.record(z.string(), z.boolean()).optional();
const ZStale = z.object({ error: z.object({ code: z.string(), message: z.string() }), data: ZBrainstormCard });
const ZList = z.object({ data: z.array(ZBrainstormBoardSummary), policies: ZPolicies });

/** A stale card edit answers 409 with the current card in `data`. */
async function orStale<T>(reply: FastifyReply, change: () => Promise<T>) {
  try {
    return { data: await change() };
  } catch (error) {
    if (error instanceof cards.StaleCard)
      return reply.status(409).send({ error: { code: error.code, message: error.message }, data: error.current });
    throw error;
  }
}

/** Brainstorm boards: boards, columns, clusters, cards, moves, votes and conversions. */
export function brainstormRoutes(db: Db, rateLimiter: RateLimiter) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["brainstorm"];
    const base = "/api/brainstorm-boards/:id";

    r.get(
      "/api/classes/:id/brainstorm-boards",
      {
        schema: {
          tags,
          summary: "A class's brainstorm boards (students: class boards and their groups')",
          params: ZIdParams,
          response: { 200: ZList },
        },
      },
      async (req) => boards.listBoardsOfClass(db, requireActor(req), req.params.id),
    );
    r.get(
      "/api/groups/:id/brainstorm-boards",
      { schema: { tags, summary: "A group's brainstorm boards", params: ZIdParams, response: { 200: ZList } } },
      async (req) => boards.listBoardsOfGroup(db, requireActor(req), req.params.id),
    );
    r.post(
      "/api/brainstorm-boards",
      {
        schema: {
          tags,
          summary: "Start a board for a class or a group",
          body: ZBrainstormBoardCreate,
          response: { 201: ZEnvelope(ZBrainstormBoard) },
        },
      },
      async (req, reply) => reply.status(201).send({ data: await boards.createBoard(db, requireActor(req), req.body) }),
    );
    r.get(
      base,
      {
        schema: {
          tags,
          summary: "A board with its columns, clusters and cards",
          params: ZIdParams,
          response: { 200: ZEnvelope(ZBrainstormBoard) },
        },
      },
      async (req) => ({ data: await boards.getBoard(db, requireActor(req), req.params.id) }),
    );
    r.patch(
      base,
      {
        schema: {
          tags,
          summary: "Rename a board or change its settings (freeze, anonymous, reveal names, votes)",
          params: ZIdParams,
          body: ZBrainstormBoardUpdate,
          response: { 200: ZEnvelope(ZBrainstormBoard) },
        },
      },
      async (req) => ({ data: await boards.updateBoard(db, requireActor(req), req.params.id, req.body) }),
    );
    r.delete(
      base,
      { schema: { tags, summary: "Remove a board (archived)", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await boards.archiveBoard(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );

    const columnsOut = { 200: ZEnvelope(z.array(ZBrainstormColumn)) };
    r.post(
      `${base}/columns`,
      { schema: { tags, summary: "Add a column", params: ZIdParams, body: ZBrainstormColumnCreate, response: columnsOut } },
      async (req) => ({ data: await boards.addColumn(db, requireActor(req), req.params.id, req.body.title) }),
    );
    r.patch(
      `${base}/columns/:columnId`,
      {
        schema: { tags, summary: "Rename or reorder a column", params: ZColumnParams, body: ZBrainstormColumnUpdate, response: columnsOut },
      },
      async (req) => ({ data: await boards.updateColumn(db, requireActor(req), req.params.id, req.params.columnId, req.body) }),
    );
    r.delete(
      `${base}/columns/:columnId`,
      { schema: { tags, summary: "Delete a column (its cards move to the first column)", params: ZColumnParams, response: columnsOut } },
      async (req) => ({ data: await boards.deleteColumn(db, requireActor(req), req.params.id, req.params.columnId) }),
    );

    const clustersOut = { 200: ZEnvelope(z.array(ZBrainstormCluster)) };
    r.post(
      `${base}/clusters`,
      {
        schema: { tags, summary: "Add a named cluster of cards", params: ZIdParams, body: ZBrainstormClusterInput, response: clustersOut },
      },
      async (req) => ({ data: await boards.addCluster(db, requireActor(req), req.params.id, req.body.label) }),
    );
    r.patch(
      `${base}/clusters/:clusterId`,
      { schema: { tags, summary: "Rename a cluster", params: ZClusterParams, body: ZBrainstormClusterInput, response: clustersOut } },
      async (req) => ({ data: await boards.renameCluster(db, requireActor(req), req.params.id, req.params.clusterId, req.body.label) }),
    );
    r.delete(
      `${base}/clusters/:clusterId`,
      { schema: { tags, summary: "Remove a cluster (its cards stay)", params: ZClusterParams, response: clustersOut } },
      async (req) => ({ data: await boards.deleteCluster(db, requireActor(req), req.params.id, req.params.clusterId) }),
    );

    r.post(
      `${base}/cards`,
      {
        schema: {
          tags,
          summary: "Add a card",
          params: ZIdParams,
          body: ZBrainstormCardCreate,
          response: { 201: ZEnvelope(ZBrainstormCard) },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        await enforceRateLimit(rateLimiter, `brainstorm-card:${actor.userId}`, brainstormLimits.cardsPerMinute, 60, "adding cards");
        return reply.status(201).send({ data: await cards.createCard(db, actor, req.params.id, req.body) });
      },
    );
    r.patch(
      `${base}/cards/:cardId`,
      {
        schema: {
          tags,
          summary: "Edit a card's text or colour (send the version read; 409 with the current card when stale)",
          params: ZCardParams,
          body: ZBrainstormCardUpdate,
          response: { 200: ZEnvelope(ZBrainstormCard), 409: ZStale },
        },
      },
      async (req, reply) => orStale(reply, () => cards.updateCard(db, requireActor(req), req.params.id, req.params.cardId, req.body)),
    );
    r.post(
      `${base}/cards/:cardId/move`,
      {
        schema: {
          tags,
          summary: "Move a card (x/y, or column and position) and/or put it in a cluster; last writer wins",
          params: ZCardParams,
          body: ZBrainstormCardMove,
          response: { 200: ZEnvelope(ZBrainstormCard) },
        },
      },
      async (req) => ({ data: await cards.moveCard(db, requireActor(req), req.params.id, req.params.cardId, req.body) }),
    );
    r.delete(
      `${base}/cards/:cardId`,
      { schema: { tags, summary: "Delete a card", params: ZCardParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await cards.deleteCard(db, requireActor(req), req.params.id, req.params.cardId);
        return reply.status(204).send(null);
      },
    );
    r.put(
      `${base}/cards/:cardId/vote`,
      {
        schema: {
          tags,
          summary: "Vote for a card (within the board's votes per person)",
          params: ZCardParams,
          response: { 200: ZEnvelope(ZBrainstormVoteResult) },
        },
      },
      async (req) => ({ data: await cards.setVote(db, requireActor(req), req.params.id, req.params.cardId, true) }),
    );
    r.delete(
      `${base}/cards/:cardId/vote`,
      { schema: { tags, summary: "Take back your vote", params: ZCardParams, response: { 200: ZEnvelope(ZBrainstormVoteResult) } } },
      async (req) => ({ data: await cards.setVote(db, requireActor(req), req.params.id, req.params.cardId, false) }),
    );

    const conversionOut = { 201: ZEnvelope(ZBrainstormConversion) };
    r.post(
      `${base}/convert/thread`,
      {
        schema: {
          tags,
          summary: "Turn the cards into a discussion thread (teachers)",
          params: ZIdParams,
          body: ZBrainstormToThread,
          response: conversionOut,
        },
      },
      async (req, reply) => reply.status(201).send({ data: await convert.convertToThread(db, requireActor(req), req.params.id, req.body) }),
    );
    r.post(
      `${base}/convert/task`,
      {
        schema: {
          tags,
          summary: "Add the cards to the group's task board (group members)",
          params: ZIdParams,
          body: ZBrainstormToTask,
          response: conversionOut,
        },
      },
      async (req, reply) => reply.status(201).send({ data: await convert.convertToTask(db, requireActor(req), req.params.id, req.body) }),
    );
  };
}
