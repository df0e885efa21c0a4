import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZChild,
  ZClassCreate,
  ZClassPage,
  ZClassQuery,
  ZClassSummary,
  ZClassUpdate,
  ZCourse,
  ZCourseCreate,
  ZEnrolmentCreate,
  ZEnvelope,
  ZId,
  ZRosterEntry,
  ZTerm,
  ZTermCreate,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import { sendJsonText } from "../../platform/serializer.js";
import * as roster from "./roster.service.js";

const ZClassParams = z.object({ id: ZId });
const ZPolicies = z.record(z.string(), z.boolean()).optional();

/** Classes, rosters, terms, courses and a guardian's children. */
export function rosterRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["roster"];

    r.get(
      "/api/classes",
      {
        schema: {
          tags,
          summary: "The caller's classes (all in reach for admins and staff)",
          querystring: ZClassQuery,
          response: { 200: ZEnvelope(ZClassPage) },
        },
      },
      async (req, reply) => sendJsonText(reply, await roster.listClasses(db, requireActor(req), req.query)),
    );
    r.post(
      "/api/classes",
      { schema: { tags, summary: "Create a class", body: ZClassCreate, response: { 201: ZEnvelope(ZClassSummary) } } },
      async (req, reply) => reply.status(201).send(await roster.createClass(db, requireActor(req), req.body)),
    );
    r.get(
      "/api/classes/:id",
      { schema: { tags, summary: "One class", params: ZClassParams, response: { 200: ZEnvelope(ZClassSummary) } } },
      async (req) => roster.getClass(db, requireActor(req), req.params.id),
    );
    r.patch(
      "/api/classes/:id",
      { schema: { tags, summary: "Edit a class", params: ZClassParams, body: ZClassUpdate, response: { 200: ZEnvelope(ZClassSummary) } } },
      async (req) => roster.updateClass(db, requireActor(req), req.params.id, req.body),
    );
    r.get(
      "/api/classes/:id/roster",
      {
        schema: {
          tags,
          summary: "A class's members",
          params: ZClassParams,
          response: { 200: z.object({ data: z.array(ZRosterEntry), policies: ZPolicies }) },
        },
      },
      async (req, reply) => sendJsonText(reply, await roster.getRoster(db, requireActor(req), req.params.id)),
    );
    r.post(
      "/api/classes/:id/enrolments",
      {
        schema: {
          tags,
          summary: "Enrol a person",
          params: ZClassParams,
          body: ZEnrolmentCreate,
          response: { 201: z.object({ data: z.array(ZRosterEntry), policies: ZPolicies }) },
        },
      },
      async (req, reply) => sendJsonText(reply.status(201), await roster.enrol(db, requireActor(req), req.params.id, req.body)),
    );
    r.delete(
      "/api/classes/:id/enrolments/:userId",
      {
        schema: {
          tags,
          summary: "Remove a person from a class (their work stays)",
          params: z.object({ id: ZId, userId: ZId }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await roster.unenrol(db, requireActor(req), req.params.id, req.params.userId);
        return reply.status(204).send(null);
      },
    );
    r.get(
      "/api/terms",
      { schema: { tags, summary: "Terms of the district", response: { 200: ZEnvelope(z.array(ZTerm)) } } },
      async (req) => ({
        data: await roster.listTerms(db, requireActor(req)),
      }),
    );
    r.post(
      "/api/terms",
      { schema: { tags, summary: "Create a term", body: ZTermCreate, response: { 201: ZEnvelope(ZTerm) } } },
      async (req, reply) => reply.status(201).send({ data: await roster.createTerm(db, requireActor(req), req.body) }),
    );
    r.get(
      "/api/courses",
      { schema: { tags, summary: "Courses of the district", response: { 200: ZEnvelope(z.array(ZCourse)) } } },
      async (req) => ({
        data: await roster.listCourses(db, requireActor(req)),
      }),
    );
    r.post(
      "/api/courses",
      { schema: { tags, summary: "Create a course", body: ZCourseCreate, response: { 201: ZEnvelope(ZCourse) } } },
      async (req, reply) => reply.status(201).send({ data: await roster.createCourse(db, requireActor(req), req.body) }),
    );
    r.get(
      "/api/children",
      { schema: { tags, summary: "A guardian's children and their classes", response: { 200: ZEnvelope(z.array(ZChild)) } } },
      async (req) => ({
        data: await roster.listChildren(db, requireActor(req)),
      }),
    );
  };
}
