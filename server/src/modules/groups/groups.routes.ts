import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZAttributeCsv,
  ZAttributeInfo,
  ZAttributeTable,
  ZAttributeValues,
  ZEnvelope,
  ZGroupLock,
  ZGroupMove,
  ZGroupRerun,
  ZGroupSetCreate,
  ZGroupSetDetail,
  ZGroupSetSummary,
  ZGroupSetUpdate,
  ZGroupSetVersion,
  ZId,
  ZMyGroup,
  ZSignupView,
  ZSurvey,
  ZSurveyAnswer,
  ZSurveyForStudent,
  ZSurveySettings,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import * as attributes from "./attributes.service.js";
import * as sets from "./groups.service.js";
import * as signup from "./signup.service.js";

const ZClassParams = z.object({ id: ZId });
const ZSetParams = z.object({ id: ZId });

/** Group sets, their formation and sign-up, the class survey and student attributes. */
export function groupsRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["groups"];
    const detail = { 200: ZEnvelope(ZGroupSetDetail) };

    r.get(
      "/api/classes/:id/group-sets",
      {
        schema: {
          tags,
          summary: "A class's group sets (students: published ones)",
          params: ZClassParams,
          response: { 200: ZEnvelope(z.array(ZGroupSetSummary)) },
        },
      },
      async (req) => ({
        data: await sets.listSets(db, requireActor(req), req.params.id),
      }),
    );
    r.post(
      "/api/classes/:id/group-sets",
      {
        schema: {
          tags,
          summary: "Create a group set by a strategy",
          params: ZClassParams,
          body: ZGroupSetCreate,
          response: { 201: ZEnvelope(ZGroupSetDetail) },
        },
      },
      async (req, reply) => reply.status(201).send(await sets.createSet(db, requireActor(req), req.params.id, req.body)),
    );
    r.get(
      "/api/group-sets/:id",
      {
        schema: {
          tags,
          summary: "A group set with groups, locks and scores (teachers, school admins)",
          params: ZSetParams,
          response: detail,
        },
      },
      async (req) => sets.getSet(db, requireActor(req), req.params.id),
    );
    r.patch(
      "/api/group-sets/:id",
      {
        schema: {
          tags,
          summary: "Rename, archive or change the sign-up window",
          params: ZSetParams,
          body: ZGroupSetUpdate,
          response: detail,
        },
      },
      async (req) => sets.updateSet(db, requireActor(req), req.params.id, req.body),
    );
    r.delete(
      "/api/group-sets/:id",
      { schema: { tags, summary: "Delete a group set", params: ZSetParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await sets.deleteSet(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    r.post(
      "/api/group-sets/:id/moves",
      {
        schema: {
          tags,
          summary: "Move a student to another group (scores update)",
          params: ZSetParams,
          body: ZGroupMove,
          response: detail,
        },
      },
      async (req) => sets.moveMember(db, requireActor(req), req.params.id, req.body),
    );
    r.post(
      "/api/group-sets/:id/locks",
      { schema: { tags, summary: "Lock or unlock a member in their group", params: ZSetParams, body: ZGroupLock, response: detail } },
      async (req) => sets.lockMember(db, requireActor(req), req.params.id, req.body),
    );
    r.post(
      "/api/group-sets/:id/rerun",
      { schema: { tags, summary: "Form the set again, keeping locked members", params: ZSetParams, body: ZGroupRerun, response: detail } },
      async (req) => sets.rerun(db, requireActor(req), req.params.id, req.body),
    );
    r.post(
      "/api/group-sets/:id/publish",
      { schema: { tags, summary: "Publish: students see their own group", params: ZSetParams, body: ZGroupSetVersion, response: detail } },
      async (req) => sets.publish(db, requireActor(req), req.params.id, req.body.version, true),
    );
    r.post(
      "/api/group-sets/:id/unpublish",
      { schema: { tags, summary: "Hide the set from students again", params: ZSetParams, body: ZGroupSetVersion, response: detail } },
      async (req) => sets.publish(db, requireActor(req), req.params.id, req.body.version, false),
    );
    r.get(
      "/api/group-sets/:id/signup",
      {
        schema: {
          tags,
          summary: "A self-signup set: seats left and the caller's group",
          params: ZSetParams,
          response: { 200: ZEnvelope(ZSignupView) },
        },
      },
      async (req) => ({
        data: await signup.getSignup(db, requireActor(req), req.params.id),
      }),
    );
    r.post(
      "/api/group-sets/:id/join",
      {
        schema: {
          tags,
          summary: "Join a group of a self-signup set",
          params: ZSetParams,
          body: z.object({ groupId: ZId }),
          response: { 200: ZEnvelope(ZSignupView) },
        },
      },
      async (req) => ({ data: await signup.join(db, requireActor(req), req.params.id, req.body.groupId) }),
    );
    r.post(
      "/api/group-sets/:id/leave",
      {
        schema: { tags, summary: "Leave one's group of a self-signup set", params: ZSetParams, response: { 200: ZEnvelope(ZSignupView) } },
      },
      async (req) => ({
        data: await signup.leave(db, requireActor(req), req.params.id),
      }),
    );
    r.get(
      "/api/me/groups",
      { schema: { tags, summary: "The caller's groups in published sets, with members", response: { 200: ZEnvelope(z.array(ZMyGroup)) } } },
      async (req) => ({
        data: await signup.listMyGroups(db, requireActor(req)),
      }),
    );

    r.get(
      "/api/classes/:id/group-survey",
      {
        schema: {
          tags,
          summary: "The class grouping survey and how many answered",
          params: ZClassParams,
          response: { 200: ZEnvelope(ZSurvey) },
        },
      },
      async (req) => ({
        data: await attributes.getSurvey(db, requireActor(req), req.params.id),
      }),
    );
    r.put(
      "/api/classes/:id/group-survey",
      {
        schema: {
          tags,
          summary: "Set up, open or close the survey",
          params: ZClassParams,
          body: ZSurveySettings,
          response: { 200: ZEnvelope(ZSurvey) },
        },
      },
      async (req) => ({
        data: await attributes.saveSurvey(db, requireActor(req), req.params.id, req.body),
      }),
    );
    r.get(
      "/api/classes/:id/group-survey/mine",
      {
        schema: {
          tags,
          summary: "The survey for a student, with their answer",
          params: ZClassParams,
          response: { 200: ZEnvelope(ZSurveyForStudent) },
        },
      },
      async (req) => ({
        data: await attributes.getSurveyForStudent(db, requireActor(req), req.params.id),
      }),
    );
    r.put(
      "/api/classes/:id/group-survey/mine",
      {
        schema: {
          tags,
          summary: "Answer the survey",
          params: ZClassParams,
          body: ZSurveyAnswer,
          response: { 200: ZEnvelope(ZSurveyForStudent) },
        },
      },
      async (req) => ({
        data: await attributes.answerSurvey(db, requireActor(req), req.params.id, req.body),
      }),
    );
    r.get(
      "/api/classes/:id/group-attributes",
      {
        schema: {
          tags,
          summary: "Attributes criteria can use, with coverage",
          params: ZClassParams,
          response: { 200: ZEnvelope(z.array(ZAttributeInfo)) },
        },
      },
      async (req) => ({
        data: await attributes.listCatalogue(db, requireActor(req), req.params.id),
      }),
    );
    r.get(
      "/api/classes/:id/student-attributes",
      { schema: { tags, summary: "The class's student attributes", params: ZClassParams, response: { 200: ZEnvelope(ZAttributeTable) } } },
      async (req) => ({
        data: await attributes.getAttributeTable(db, requireActor(req), req.params.id),
      }),
    );
    r.put(
      "/api/classes/:id/student-attributes",
      {
        schema: {
          tags,
          summary: "Set one attribute's values",
          params: ZClassParams,
          body: ZAttributeValues,
          response: { 200: ZEnvelope(ZAttributeTable) },
        },
      },
      async (req) => ({
        data: await attributes.writeAttributeValues(db, requireActor(req), req.params.id, req.body),
      }),
    );
    r.post(
      "/api/classes/:id/student-attributes/csv",
      {
        schema: {
          tags,
          summary: "Paste attributes as CSV (checked whole first)",
          params: ZClassParams,
          body: ZAttributeCsv,
          response: { 200: ZEnvelope(ZAttributeTable) },
        },
      },
      async (req) => ({
        data: await attributes.importAttributeCsv(db, requireActor(req), req.params.id, req.body),
      }),
    );
    r.delete(
      "/api/classes/:id/student-attributes/:name",
      {
        schema: {
          tags,
          summary: "Delete an attribute",
          params: z.object({ id: ZId, name: z.string().min(1).max(60) }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await attributes.deleteAttribute(db, requireActor(req), req.params.id, req.params.name);
        return reply.status(204).send(null);
      },
    );
  };
}
