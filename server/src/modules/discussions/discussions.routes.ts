import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZAttachment,
  ZBoard,
  ZBoardCreate,
  ZBoardListQuery,
  ZBoardPage,
  ZBoardUpdate,
  ZEnvelope,
  ZId,
  ZPost,
  ZPostCreate,
  ZPostEdit,
  ZPostHide,
  ZPostUpdate,
  ZReactionKind,
  ZSearchPage,
  ZSearchQuery,
  ZThreadCreate,
  ZThreadDetail,
  ZThreadListQuery,
  ZThreadPage,
  ZThreadSummary,
  ZThreadUpdate,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { contentDisposition } from "../../platform/downloads.js";
import { badRequest } from "../../platform/errors.js";
import { requireActor } from "../../platform/http.js";
import type { RateLimiter } from "../../platform/rate-limit.js";
import type { FileStorage } from "../../platform/storage.js";
import { fileTooLarge } from "../../platform/uploads.js";
import * as discussions from "./discussions.service.js";
import * as posts from "./posts.service.js";

const ZIdParams = z.object({ id: ZId });
const ZReactionParams = z.object({ id: ZId, kind: ZReactionKind });
const ZPolicies = z.record(z.string(), z.boolean()).optional();
const ZPerson = z.object({ id: ZId, name: z.string() });

/** Discussion boards, threads, posts, reactions, attachments and search. */
export function discussionsRoutes(db: Db, storage: FileStorage, posting: { limiter: RateLimiter; perMinute?: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["discussions"];

    r.get(
      "/api/discussions/boards",
      {
        schema: {
          tags,
          summary: "The boards you read across your classes, with unread counts",
          querystring: ZBoardListQuery,
          response: { 200: ZEnvelope(ZBoardPage) },
        },
      },
      async (req) => ({ data: await discussions.listMyBoards(db, requireActor(req), req.query) }),
    );
    r.get(
      "/api/classes/:id/discussion-boards",
      {
        schema: {
          tags,
          summary: "A class's boards you read (archived ones too for its teachers with archived=1)",
          params: ZIdParams,
          querystring: z.object({ archived: z.enum(["0", "1"]).optional() }),
          response: { 200: z.object({ data: z.array(ZBoard), policies: ZPolicies }) },
        },
      },
      async (req) => discussions.listClassBoards(db, requireActor(req), req.params.id, req.query.archived === "1"),
    );
    r.get(
      "/api/groups/:id/discussion-boards",
      {
        schema: {
          tags,
          summary: "A group's boards",
          params: ZIdParams,
          response: { 200: z.object({ data: z.array(ZBoard), policies: ZPolicies }) },
        },
      },
      async (req) => discussions.listGroupBoards(db, requireActor(req), req.params.id),
    );
    r.post(
      "/api/discussions/boards",
      {
        schema: {
          tags,
          summary: "Create a board of a class or of one of its groups (teachers)",
          body: ZBoardCreate,
          response: { 201: ZEnvelope(ZBoard) },
        },
      },
      async (req, reply) => reply.status(201).send({ data: await discussions.createBoard(db, requireActor(req), req.body) }),
    );
    r.get(
      "/api/discussions/boards/:id",
      {
        schema: {
          tags,
          summary: "One board and what you may do there",
          params: ZIdParams,
          response: { 200: z.object({ data: ZBoard, policies: ZPolicies }) },
        },
      },
      async (req) => discussions.getBoard(db, requireActor(req), req.params.id),
    );
    r.patch(
      "/api/discussions/boards/:id",
      {
        schema: {
          tags,
          summary: "Edit, archive or restore a board (teachers)",
          params: ZIdParams,
          body: ZBoardUpdate,
          response: { 200: ZEnvelope(ZBoard) },
        },
      },
      async (req) => ({ data: await discussions.updateBoard(db, requireActor(req), req.params.id, req.body) }),
    );
    r.get(
      "/api/discussions/boards/:id/threads",
      {
        schema: {
          tags,
          summary: "A board's threads: pinned first, then by last activity",
          params: ZIdParams,
          querystring: ZThreadListQuery,
          response: { 200: ZEnvelope(ZThreadPage) },
        },
      },
      async (req) => ({ data: await discussions.listThreads(db, requireActor(req), req.params.id, req.query) }),
    );
    r.post(
      "/api/discussions/boards/:id/threads",
      {
        schema: {
          tags,
          summary: "Start a thread with its opening post",
          params: ZIdParams,
          body: ZThreadCreate,
          response: { 201: ZEnvelope(ZThreadSummary) },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const { id } = await discussions.createThread(db, actor, { ...req.body, boardId: req.params.id }, posting);
        return reply.status(201).send({ data: await discussions.getThreadSummary(db, actor, id) });
      },
    );
    r.get(
      "/api/discussions/boards/:id/people",
      {
        schema: {
          tags,
          summary: "People who can see the board (to @mention)",
          params: ZIdParams,
          querystring: z.object({ q: z.string().max(100).default("") }),
          response: { 200: ZEnvelope(z.array(ZPerson)) },
        },
      },
      async (req) => ({ data: await discussions.listMentionable(db, requireActor(req), req.params.id, req.query.q) }),
    );
    r.post(
      "/api/discussions/boards/:id/attachments",
      {
        schema: {
          tags,
          summary: "Upload a file to attach to your next post (multipart field `file`)",
          params: ZIdParams,
          consumes: ["multipart/form-data"],
          response: { 201: ZEnvelope(ZAttachment) },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        // Check the board before reading a byte of the upload.
        await discussions.requirePostableBoard(db, actor, req.params.id);
        if (!req.isMultipart()) throw badRequest("Send the file as a form upload (multipart/form-data) in a field named file");
        const part = await req.file({ limits: { fileSize: posts.maxAttachmentBytes + 1, files: 1 } });
        if (!part) throw badRequest("Choose a file to attach");
        try {
          const data = await posts.uploadAttachment(db, storage, actor, req.params.id, part.file, part.filename);
          return await reply.status(201).send({ data });
        } catch (error) {
          if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw fileTooLarge(posts.maxAttachmentBytes);
          throw error;
        }
      },
    );
    r.get(
      "/api/discussions/attachments/:id",
      { schema: { tags, summary: "Download an attached file (always as an attachment)", params: ZIdParams } },
      async (req, reply) => {
        const file = await posts.readAttachment(db, storage, requireActor(req), req.params.id);
        return reply
          .header("content-type", "application/octet-stream")
          .header("x-content-type-options", "nosniff")
          .header("content-disposition", contentDisposition(file.name))
          .header("content-length", String(file.size))
          .send(file.stream);
      },
    );

    r.get(
      "/api/discussions/threads/:id",
      {
        schema: {
          tags,
          summary: "A thread with the posts you may see",
          params: ZIdParams,
          response: { 200: z.object({ data: ZThreadDetail, policies: ZPolicies }) },
        },
      },
      async (req) => discussions.getThread(db, requireActor(req), req.params.id),
    );
    r.patch(
      "/api/discussions/threads/:id",
      {
        schema: {
          tags,
          summary: "Pin, lock, rename or set post first (teachers; the author may rename)",
          params: ZIdParams,
          body: ZThreadUpdate,
          response: { 200: ZEnvelope(ZThreadSummary) },
        },
      },
      async (req) => ({ data: await discussions.updateThread(db, requireActor(req), req.params.id, req.body) }),
    );
    r.post(
      "/api/discussions/threads/:id/read",
      { schema: { tags, summary: "Mark the thread as read now", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await discussions.markThreadRead(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    r.put(
      "/api/discussions/threads/:id/follow",
      {
        schema: {
          tags,
          summary: "Follow the thread (notified of replies)",
          params: ZIdParams,
          response: { 200: ZEnvelope(z.object({ following: z.boolean() })) },
        },
      },
      async (req) => ({ data: await discussions.setFollowing(db, requireActor(req), req.params.id, true) }),
    );
    r.delete(
      "/api/discussions/threads/:id/follow",
      {
        schema: {
          tags,
          summary: "Stop following the thread",
          params: ZIdParams,
          response: { 200: ZEnvelope(z.object({ following: z.boolean() })) },
        },
      },
      async (req) => ({ data: await discussions.setFollowing(db, requireActor(req), req.params.id, false) }),
    );
    r.post(
      "/api/discussions/threads/:id/posts",
      {
        schema: {
          tags,
          summary: "Reply (send an Idempotency-Key header so that a retry is stored once)",
          params: ZIdParams,
          body: ZPostCreate,
          headers: z.object({ "idempotency-key": z.string().optional() }),
          response: { 200: ZEnvelope(ZPost), 201: ZEnvelope(ZPost) },
        },
      },
      async (req, reply) => {
        const idempotencyKey = posts.checkIdempotencyKey(req.headers["idempotency-key"]);
        const { post, created } = await posts.createPost(db, requireActor(req), req.params.id, req.body, { ...posting, idempotencyKey });
        return reply.status(created ? 201 : 200).send({ data: post });
      },
    );

    r.patch(
      "/api/discussions/posts/:id",
      {
        schema: {
          tags,
          summary: "Edit your post (the earlier version stays in its history)",
          params: ZIdParams,
          body: ZPostUpdate,
          response: { 200: ZEnvelope(ZPost) },
        },
      },
      async (req) => ({ data: await posts.updatePost(db, requireActor(req), req.params.id, req.body) }),
    );
    r.delete(
      "/api/discussions/posts/:id",
      {
        schema: {
          tags,
          summary: "Delete a post (author or teachers); it stays as deleted in the tree",
          params: ZIdParams,
          response: { 200: ZEnvelope(ZPost) },
        },
      },
      async (req) => ({ data: await posts.deletePost(db, requireActor(req), req.params.id) }),
    );
    r.get(
      "/api/discussions/posts/:id/edits",
      {
        schema: {
          tags,
          summary: "A post's earlier versions, newest first",
          params: ZIdParams,
          response: { 200: ZEnvelope(z.array(ZPostEdit)) },
        },
      },
      async (req) => ({ data: await posts.listEdits(db, requireActor(req), req.params.id) }),
    );
    r.post(
      "/api/discussions/posts/:id/hide",
      {
        schema: {
          tags,
          summary: "Hide a post with a reason (teachers)",
          params: ZIdParams,
          body: ZPostHide,
          response: { 200: ZEnvelope(ZPost) },
        },
      },
      async (req) => ({ data: await posts.setHidden(db, requireActor(req), req.params.id, req.body) }),
    );
    r.delete(
      "/api/discussions/posts/:id/hide",
      { schema: { tags, summary: "Show a hidden post again (teachers)", params: ZIdParams, response: { 200: ZEnvelope(ZPost) } } },
      async (req) => ({ data: await posts.setHidden(db, requireActor(req), req.params.id, null) }),
    );
    r.put(
      "/api/discussions/posts/:id/reactions/:kind",
      { schema: { tags, summary: "React to a post", params: ZReactionParams, response: { 200: ZEnvelope(ZPost) } } },
      async (req) => ({ data: await posts.setReaction(db, requireActor(req), req.params.id, req.params.kind, true) }),
    );
    r.delete(
      "/api/discussions/posts/:id/reactions/:kind",
      { schema: { tags, summary: "Take back a reaction", params: ZReactionParams, response: { 200: ZEnvelope(ZPost) } } },
      async (req) => ({ data: await posts.setReaction(db, requireActor(req), req.params.id, req.params.kind, false) }),
    );
    r.get(
      "/api/discussions/search",
      { schema: { tags, summary: "Search every post you may read", querystring: ZSearchQuery, response: { 200: ZEnvelope(ZSearchPage) } } },
      async (req) => ({ data: await discussions.search(db, requireActor(req), req.query) }),
    );
  };
}
