import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZCard,
  ZCardCreate,
  ZCardLogEntry,
  ZCardUpdate,
  ZCharter,
  ZCharterUpdate,
  ZContribution,
  ZEnvelope,
  ZGroupSpace,
  ZGroupTaskSummary,
  ZId,
  ZMyTask,
  ZRoleAccept,
  ZRoleProposal,
  ZSubmission,
  ZSubmissionSave,
  ZSubmissionVersion,
  ZSubmissionVersionBody,
  ZTask,
  ZTaskCreate,
  ZTaskRoleAssignment,
  ZTaskUpdate,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { badRequest } from "../../platform/errors.js";
import { requireActor } from "../../platform/http.js";
import type { FileStorage } from "../../platform/storage.js";
import * as tasks from "./tasks.service.js";
import * as space from "./space.service.js";
import * as board from "./board.service.js";
import * as submission from "./submission.service.js";
import { contentDisposition } from "../../platform/downloads.js";
import { StaleVersion } from "./stale-version.js";

const ZTaskParams = z.object({ id: ZId });
const ZSpaceParams = z.object({ id: ZId, groupId: ZId });
const ZCardParams = ZSpaceParams.extend({ cardId: ZId });
const ZFileParams = ZSpaceParams.extend({ fileId: ZId });
const ZVersionParams = ZSpaceParams.extend({ version: z.coerce.number().int().min(1) });
const ZPolicies = z.record(z.string(), z.boolean()).optional();
const ZStale = z.object({ error: z.object({ code: z.string(), message: z.string() }), data: z.unknown() });

/** Runs a change; a stale version answers 409 with the current version in `data` so the UI can offer to reload. */
async function orStale<T>(reply: FastifyReply, change: () => Promise<T>) {
  try {
    return { data: await change() };
  } catch (error) {
    if (error instanceof StaleVersion)
      return reply.status(409).send({ error: { code: error.code, message: error.message }, data: error.current });
    throw error;
  }
}

/** Group tasks and each group's space: roles, charter, board, submission, contributions. */
export function tasksRoutes(db: Db, storage: FileStorage, maxUploadMb: number) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["tasks"];
    const space409 = (data: z.ZodType) => ({ 200: ZEnvelope(data), 409: ZStale });

    r.get(
      "/api/classes/:id/tasks",
      {
        schema: {
          tags,
          summary: "A class's group tasks (students: their own)",
          params: ZTaskParams,
          response: { 200: z.object({ data: z.array(ZTask), policies: ZPolicies }) },
        },
      },
      async (req) => tasks.listTasksOfClass(db, requireActor(req), req.params.id),
    );
    r.get(
      "/api/tasks/mine",
      { schema: { tags, summary: "The caller's group tasks with their group", response: { 200: ZEnvelope(z.array(ZMyTask)) } } },
      async (req) => ({
        data: await tasks.listMyTasks(db, requireActor(req)),
      }),
    );
    r.post(
      "/api/tasks",
      { schema: { tags, summary: "Create a group task for a class's group set", body: ZTaskCreate, response: { 201: ZEnvelope(ZTask) } } },
      async (req, reply) => reply.status(201).send({ data: await tasks.createTask(db, requireActor(req), req.body) }),
    );
    r.get(
      "/api/tasks/:id",
      {
        schema: {
          tags,
          summary: "One task with the caller's group",
          params: ZTaskParams,
          response: {
            200: z.object({
              data: z.object({ task: ZTask, myGroup: z.object({ id: ZId, name: z.string() }).nullable() }),
              policies: ZPolicies,
            }),
          },
        },
      },
      async (req) => tasks.getTask(db, requireActor(req), req.params.id),
    );
    r.put(
      "/api/tasks/:id",
      {
        schema: {
          tags,
          summary: "Edit a task's settings (send the version read)",
          params: ZTaskParams,
          body: ZTaskUpdate,
          response: space409(ZTask),
        },
      },
      async (req, reply) => orStale(reply, () => tasks.updateTask(db, requireActor(req), req.params.id, req.body)),
    );
    r.delete(
      "/api/tasks/:id",
      { schema: { tags, summary: "Archive a task (its group work stays)", params: ZTaskParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await tasks.archiveTask(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    r.get(
      "/api/tasks/:id/summaries",
      {
        schema: {
          tags,
          summary: "Per-group progress for the teacher",
          params: ZTaskParams,
          response: { 200: ZEnvelope(z.array(ZGroupTaskSummary)) },
        },
      },
      async (req) => ({
        data: await space.listGroupSummaries(db, requireActor(req), req.params.id),
      }),
    );

    const base = "/api/tasks/:id/groups/:groupId";
    r.get(
      base,
      {
        schema: {
          tags,
          summary: "A group's space: members, roles, charter, board, submission",
          params: ZSpaceParams,
          response: { 200: ZEnvelope(ZGroupSpace) },
        },
      },
      async (req) => ({
        data: await space.getSpace(db, requireActor(req), req.params.id, req.params.groupId),
      }),
    );
    r.post(
      `${base}/roles`,
      {
        schema: {
          tags,
          summary: "Propose who takes a role",
          params: ZSpaceParams,
          body: ZRoleProposal,
          response: { 200: ZEnvelope(z.array(ZTaskRoleAssignment)) },
        },
      },
      async (req) => ({
        data: await space.proposeRole(db, requireActor(req), req.params.id, req.params.groupId, req.body),
      }),
    );
    r.post(
      `${base}/roles/accept`,
      {
        schema: {
          tags,
          summary: "Accept a role proposed to you",
          params: ZSpaceParams,
          body: ZRoleAccept,
          response: { 200: ZEnvelope(z.array(ZTaskRoleAssignment)) },
        },
      },
      async (req) => ({
        data: await space.acceptRole(db, requireActor(req), req.params.id, req.params.groupId, req.body),
      }),
    );
    r.put(
      `${base}/charter`,
      {
        schema: {
          tags,
          summary: "Edit the charter (signatures are cleared)",
          params: ZSpaceParams,
          body: ZCharterUpdate,
          response: space409(ZCharter),
        },
      },
      async (req, reply) => orStale(reply, () => space.updateCharter(db, requireActor(req), req.params.id, req.params.groupId, req.body)),
    );
    r.post(
      `${base}/charter/sign`,
      {
        schema: {
          tags,
          summary: "Sign the charter version you read",
          params: ZSpaceParams,
          body: z.object({ version: z.number().int().min(1) }),
          response: space409(ZCharter),
        },
      },
      async (req, reply) =>
        orStale(reply, () => space.signCharter(db, requireActor(req), req.params.id, req.params.groupId, req.body.version)),
    );
    r.post(
      `${base}/cards`,
      {
        schema: { tags, summary: "Add a card to the board", params: ZSpaceParams, body: ZCardCreate, response: { 201: ZEnvelope(ZCard) } },
      },
      async (req, reply) =>
        reply.status(201).send({ data: await board.createCard(db, requireActor(req), req.params.id, req.params.groupId, req.body) }),
    );
    r.patch(
      `${base}/cards/:cardId`,
      {
        schema: {
          tags,
          summary: "Change, move or tick a card (send the version read)",
          params: ZCardParams,
          body: ZCardUpdate,
          response: space409(ZCard),
        },
      },
      async (req, reply) =>
        orStale(reply, () => board.updateCard(db, requireActor(req), req.params.id, req.params.groupId, req.params.cardId, req.body)),
    );
    r.delete(
      `${base}/cards/:cardId`,
      {
        schema: {
          tags,
          summary: "Remove a card",
          params: ZCardParams,
          querystring: z.object({ version: z.coerce.number().int().min(1) }),
          response: { 204: z.null(), 409: ZStale },
        },
      },
      async (req, reply) => {
        await orStale(reply, () =>
          board.deleteCard(db, requireActor(req), req.params.id, req.params.groupId, req.params.cardId, req.query.version),
        );
        if (!reply.sent) await reply.status(204).send(null);
        return reply;
      },
    );
    r.get(
      `${base}/cards-log`,
      { schema: { tags, summary: "The board's change log", params: ZSpaceParams, response: { 200: ZEnvelope(z.array(ZCardLogEntry)) } } },
      async (req) => ({
        data: await board.listCardLog(db, requireActor(req), req.params.id, req.params.groupId),
      }),
    );
    r.put(
      `${base}/submission`,
      {
        schema: {
          tags,
          summary: "Save the submission text (send the version read)",
          params: ZSpaceParams,
          body: ZSubmissionSave,
          response: space409(ZSubmission),
        },
      },
      async (req, reply) =>
        orStale(reply, () => submission.saveSubmission(db, requireActor(req), req.params.id, req.params.groupId, req.body)),
    );
    r.post(
      `${base}/submission/submit`,
      { schema: { tags, summary: "Hand the submission in", params: ZSpaceParams, response: { 200: ZEnvelope(ZSubmission) } } },
      async (req) => ({
        data: await submission.submit(db, requireActor(req), req.params.id, req.params.groupId),
      }),
    );
    r.post(
      `${base}/submission/unsubmit`,
      { schema: { tags, summary: "Take the submission back to edit it", params: ZSpaceParams, response: { 200: ZEnvelope(ZSubmission) } } },
      async (req) => ({
        data: await submission.unsubmit(db, requireActor(req), req.params.id, req.params.groupId),
      }),
    );
    r.get(
      `${base}/submission/versions`,
      {
        schema: {
          tags,
          summary: "The submission's history",
          params: ZSpaceParams,
          response: { 200: ZEnvelope(z.array(ZSubmissionVersion)) },
        },
      },
      async (req) => ({
        data: await submission.listVersions(db, requireActor(req), req.params.id, req.params.groupId),
      }),
    );
    r.get(
      `${base}/submission/versions/:version`,
      {
        schema: {
          tags,
          summary: "One older version of the submission",
          params: ZVersionParams,
          response: { 200: ZEnvelope(ZSubmissionVersionBody) },
        },
      },
      async (req) => ({
        data: await submission.getVersion(db, requireActor(req), req.params.id, req.params.groupId, req.params.version),
      }),
    );
    r.post(
      `${base}/submission/files`,
      {
        schema: {
          tags,
          summary: "Attach a file (multipart field `file`)",
          params: ZSpaceParams,
          consumes: ["multipart/form-data"],
          response: { 200: ZEnvelope(ZSubmission) },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        // Check access before reading a byte of the upload.
        await space.requireChangeableSpace(db, actor, req.params.id, req.params.groupId);
        if (!req.isMultipart()) throw badRequest("Send the file as multipart/form-data in a field named file");
        const part = await req.file();
        if (!part) throw badRequest("Choose a file to attach", [{ path: "file", message: "No file was sent" }]);
        const maxBytes = maxUploadMb * 1024 * 1024;
        const data = await submission.addFile(db, storage, actor, req.params.id, req.params.groupId, {
          fileName: part.filename,
          contentType: part.mimetype,
          stream: part.file,
          maxBytes,
          truncated: () => part.file.truncated,
        });
        return { data };
      },
    );
    r.get(
      `${base}/submission/files/:fileId`,
      { schema: { tags, summary: "Download an attached file", params: ZFileParams } },
      async (req, reply) => {
        const file = await submission.readFile(db, storage, requireActor(req), req.params.id, req.params.groupId, req.params.fileId);
        return reply
          .header("content-type", "application/octet-stream")
          .header("x-content-type-options", "nosniff")
          .header("content-disposition", contentDisposition(file.name))
          .header("content-length", String(file.size))
          .send(file.stream);
      },
    );
    r.delete(
      `${base}/submission/files/:fileId`,
      { schema: { tags, summary: "Remove an attached file", params: ZFileParams, response: { 200: ZEnvelope(ZSubmission) } } },
      async (req) => ({
        data: await submission.removeFile(db, storage, requireActor(req), req.params.id, req.params.groupId, req.params.fileId),
      }),
    );
    r.get(
      `${base}/contributions`,
      {
        schema: {
          tags,
          summary: "Each member's contribution record",
          params: ZSpaceParams,
          response: { 200: ZEnvelope(z.array(ZContribution)) },
        },
      },
      async (req) => ({
        data: await space.getContributions(db, requireActor(req), req.params.id, req.params.groupId),
      }),
    );
    r.post(
      `${base}/activity`,
      { schema: { tags, summary: "Heartbeat: the space is visible and in use", params: ZSpaceParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await space.recordHeartbeat(db, requireActor(req), req.params.id, req.params.groupId);
        return reply.status(204).send(null);
      },
    );
  };
}
