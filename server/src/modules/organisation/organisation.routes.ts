import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZEnvelope,
  ZGuardianLinkCreate,
  ZId,
  ZPeoplePage,
  ZPeopleQuery,
  ZPersonCreate,
  ZPersonDetail,
  ZPersonUpdate,
  ZResetPasswordRequest,
  ZRoleGrant,
  ZSchool,
  ZSchoolCreate,
  ZSchoolUpdate,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import * as people from "./people.service.js";
import * as roles from "./roles.service.js";
import * as schools from "./schools.service.js";

const ZIdParams = z.object({ id: ZId });
const ZRoleParams = z.object({ id: ZId, roleId: ZId });
const ZChildParams = z.object({ id: ZId, studentId: ZId });
const ZPersonEnvelope = ZEnvelope(ZPersonDetail);
const ZSchoolEnvelope = ZEnvelope(ZSchool);

/** Schools of the district and the people directory: roles, passwords, guardians. */
export function organisationRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["organisation"];

    r.get("/api/schools", { schema: { tags, summary: "The district's schools", response: { 200: ZEnvelope(z.array(ZSchool)) } } }, async (request) =>
      schools.listSchools(db, requireActor(request)),
    );

    r.post(
      "/api/schools",
      { schema: { tags, summary: "Add a school (district admins)", body: ZSchoolCreate, response: { 201: ZSchoolEnvelope } } },
      async (request, reply) => reply.status(201).send(await schools.createSchool(db, requireActor(request), request.body)),
    );

    r.get("/api/schools/:id", { schema: { tags, summary: "One school", params: ZIdParams, response: { 200: ZSchoolEnvelope } } }, async (request) =>
      schools.getSchool(db, requireActor(request), request.params.id),
    );

    r.patch(
      "/api/schools/:id",
      { schema: { tags, summary: "Change a school", params: ZIdParams, body: ZSchoolUpdate, response: { 200: ZSchoolEnvelope } } },
      async (request) => schools.updateSchool(db, requireActor(request), request.params.id, request.body),
    );

    r.get(
      "/api/people",
      { schema: { tags, summary: "Search the people you may see", querystring: ZPeopleQuery, response: { 200: ZEnvelope(ZPeoplePage) } } },
      async (request) => people.listPeople(db, requireActor(request), request.query),
    );

    r.post(
      "/api/people",
      { schema: { tags, summary: "Add a person with their roles", body: ZPersonCreate, response: { 201: ZPersonEnvelope } } },
      async (request, reply) => reply.status(201).send(await people.createPerson(db, requireActor(request), request.body)),
    );

    r.get("/api/people/:id", { schema: { tags, summary: "One person's record", params: ZIdParams, response: { 200: ZPersonEnvelope } } }, async (request) =>
      people.getPerson(db, requireActor(request), request.params.id),
    );

    r.patch(
      "/api/people/:id",
      { schema: { tags, summary: "Change or deactivate a person", params: ZIdParams, body: ZPersonUpdate, response: { 200: ZPersonEnvelope } } },
      async (request) => people.updatePerson(db, requireActor(request), request.params.id, request.body),
    );

    r.post(
      "/api/people/:id/roles",
      { schema: { tags, summary: "Give a person a role", params: ZIdParams, body: ZRoleGrant, response: { 201: ZPersonEnvelope } } },
      async (request, reply) => reply.status(201).send(await roles.grantRole(db, requireActor(request), request.params.id, request.body)),
    );

    r.delete(
      "/api/people/:id/roles/:roleId",
      { schema: { tags, summary: "Take a role away", params: ZRoleParams, response: { 200: ZPersonEnvelope } } },
      async (request) => roles.revokeRole(db, requireActor(request), request.params.id, request.params.roleId),
    );

    r.post(
      "/api/people/:id/password",
      { schema: { tags, summary: "Set a new password for someone", params: ZIdParams, body: ZResetPasswordRequest, response: { 204: z.null() } } },
      async (request, reply) => {
        await people.resetPassword(db, requireActor(request), request.params.id, request.body.newPassword);
        return reply.status(204).send(null);
      },
    );

    r.post(
      "/api/people/:id/children",
      { schema: { tags, summary: "Link a guardian to a child", params: ZIdParams, body: ZGuardianLinkCreate, response: { 201: ZPersonEnvelope } } },
      async (request, reply) => reply.status(201).send(await roles.linkChild(db, requireActor(request), request.params.id, request.body.studentId)),
    );

    r.delete(
      "/api/people/:id/children/:studentId",
      { schema: { tags, summary: "Unlink a guardian from a child", params: ZChildParams, response: { 200: ZPersonEnvelope } } },
      async (request) => roles.unlinkChild(db, requireActor(request), request.params.id, request.params.studentId),
    );
  };
}
