import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZChatHistoryQuery, ZChatMessage, ZChatMessageCreate, ZChatPage, ZChatSettings, ZEnvelope, ZId } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import type { RateLimiter } from "../../platform/rate-limit.js";
import * as chat from "./chat.service.js";

const ZParams = z.object({ id: ZId });
const ZIdempotencyHeaders = z.object({ "idempotency-key": z.string().optional() });

/** Live chat of classes and groups: history, sending, deleting, the teacher's switch. */
export function chatRoutes(db: Db, limiter: RateLimiter) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["chat"];

    for (const kind of ["class", "group"] as const) {
      const base = kind === "class" ? "/api/classes/:id/chat" : "/api/groups/:id/chat";
      r.get(
        base,
        {
          schema: {
            tags,
            summary: `A ${kind}'s chat: the latest 50 messages, or the 50 before \`before\` (newest first)`,
            params: ZParams,
            querystring: ZChatHistoryQuery,
            response: { 200: ZEnvelope(ZChatPage) },
          },
        },
        async (req) => chat.getChat(db, requireActor(req), { kind, id: req.params.id }, req.query.before),
      );
      r.post(
        `${base}/messages`,
        {
          schema: {
            tags,
            summary: `Send a message to a ${kind}'s chat (send an Idempotency-Key to make retries safe)`,
            params: ZParams,
            headers: ZIdempotencyHeaders,
            body: ZChatMessageCreate,
            response: { 201: ZEnvelope(ZChatMessage), 200: ZEnvelope(ZChatMessage) },
          },
        },
        async (req, reply) => {
          const actor = requireActor(req);
          const key = chat.parseIdempotencyKey(req.headers["idempotency-key"]);
          const sent = await chat.sendMessage(db, limiter, actor, { kind, id: req.params.id }, req.body.body, key);
          if (sent.replayed) void reply.header("idempotent-replayed", "true");
          return reply.status(sent.replayed ? 200 : 201).send({ data: sent.message });
        },
      );
    }

    r.delete(
      "/api/chat/messages/:id",
      {
        schema: {
          tags,
          summary: "Delete a chat message (your own; teachers of the class: any)",
          params: ZParams,
          response: { 200: ZEnvelope(ZChatMessage) },
        },
      },
      async (req) => ({ data: await chat.deleteMessage(db, requireActor(req), req.params.id) }),
    );
    r.put(
      "/api/classes/:id/chat/settings",
      {
        schema: {
          tags,
          summary: "Turn a class's chat (and its group chats) off or on",
          params: ZParams,
          body: ZChatSettings,
          response: { 200: ZEnvelope(ZChatSettings) },
        },
      },
      async (req) => ({ data: await chat.setChatEnabled(db, requireActor(req), req.params.id, req.body.enabled) }),
    );
  };
}
