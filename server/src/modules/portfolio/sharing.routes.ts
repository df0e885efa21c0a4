import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZEnvelope,
  ZId,
  ZLink,
  ZLinkCreate,
  ZLinkCreated,
  ZLinkView,
  ZShare,
  ZShareCreate,
  ZSharedView,
  ZSharedWithMePage,
  ZSharedWithMeQuery,
  ZSharingOverview,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import type { FileStorage } from "../../platform/storage.js";
import * as sharing from "./sharing.service.js";
import { findFile } from "./uploads.repository.js";
import { sendStoredFile } from "./uploads.service.js";

const ZIdParams = z.object({ id: ZId });
// Any string: a malformed or overlong token must answer exactly like a wrong one (404), never a 400.
const ZToken = z.string();
// Ours are 43 characters; the router itself answers past 100 (its parameter limit), with a different body but the same 404.
const plausibleToken = (token: string) => token.length <= 64;

/** Shares, secret links, "who can see what", "shared with me", and the public link view. */
export function sharingRoutes(db: Db, storage: FileStorage) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["portfolio sharing"];

    for (const type of ["page", "collection"] as const) {
      r.get(
        `/api/portfolio/${type}s/:id/shares`,
        { schema: { tags, summary: `Who your ${type} is shared with`, params: ZIdParams, response: { 200: ZEnvelope(z.array(ZShare)) } } },
        async (req) => ({
          data: await sharing.listShares(db, requireActor(req), { type, id: req.params.id }),
        }),
      );
      r.post(
        `/api/portfolio/${type}s/:id/shares`,
        {
          schema: {
            tags,
            summary: `Share your ${type} with a person, class, group, your guardians or your school`,
            params: ZIdParams,
            body: ZShareCreate,
            response: { 201: ZEnvelope(ZShare) },
          },
        },
        async (req, reply) =>
          reply.status(201).send({ data: await sharing.createShare(db, requireActor(req), { type, id: req.params.id }, req.body) }),
      );
      r.get(
        `/api/portfolio/${type}s/:id/links`,
        { schema: { tags, summary: `Secret links of your ${type}`, params: ZIdParams, response: { 200: ZEnvelope(z.array(ZLink)) } } },
        async (req) => ({
          data: await sharing.listLinks(db, requireActor(req), { type, id: req.params.id }),
        }),
      );
      r.post(
        `/api/portfolio/${type}s/:id/links`,
        {
          schema: {
            tags,
            summary: `Create a secret view-only link to your ${type} (the token is shown once)`,
            params: ZIdParams,
            body: ZLinkCreate,
            response: { 201: ZEnvelope(ZLinkCreated) },
          },
        },
        async (req, reply) =>
          reply.status(201).send({ data: await sharing.createLink(db, requireActor(req), { type, id: req.params.id }, req.body) }),
      );
    }
    r.delete(
      "/api/portfolio/shares/:id",
      { schema: { tags, summary: "Stop sharing", params: ZIdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await sharing.deleteShare(db, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    r.post(
      "/api/portfolio/links/:id/revoke",
      { schema: { tags, summary: "Turn a secret link off for good", params: ZIdParams, response: { 200: ZEnvelope(ZLink) } } },
      async (req) => ({
        data: await sharing.revokeLink(db, requireActor(req), req.params.id),
      }),
    );
    r.get(
      "/api/portfolio/links/:id/views",
      { schema: { tags, summary: "When a secret link was opened", params: ZIdParams, response: { 200: ZEnvelope(z.array(ZLinkView)) } } },
      async (req) => ({
        data: await sharing.listLinkViews(db, requireActor(req), req.params.id),
      }),
    );
    r.get(
      "/api/portfolio/sharing",
      { schema: { tags, summary: "Who can see what: every share and link of yours", response: { 200: ZEnvelope(ZSharingOverview) } } },
      async (req) => ({
        data: await sharing.sharingOverview(db, requireActor(req)),
      }),
    );
    r.get(
      "/api/portfolio/shared",
      {
        schema: {
          tags,
          summary: "Pages others shared with you",
          querystring: ZSharedWithMeQuery,
          response: { 200: ZEnvelope(ZSharedWithMePage) },
        },
      },
      async (req) => ({
        data: await sharing.sharedWithMe(db, requireActor(req), req.query),
      }),
    );

    // No sign-in: the token is the key. Every failure is the same 404.
    r.get(
      "/api/public/portfolio/:token",
      {
        schema: {
          tags,
          summary: "What a secret link shows (no sign-in)",
          params: z.object({ token: ZToken }),
          querystring: z.object({ page: z.string().optional() }),
          response: { 200: ZEnvelope(ZSharedView) },
        },
      },
      async (req, reply) => {
        void reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer").header("x-robots-tag", "noindex");
        if (!plausibleToken(req.params.token)) throw sharing.linkNotFound();
        // A page id that is not an id cannot be in the link: it gets the same 404 as any wrong page.
        const asked = req.query.page;
        const page = asked === undefined ? undefined : ZId.safeParse(asked).success ? asked : "00000000-0000-0000-0000-000000000000";
        return { data: await sharing.viewByLink(db, req.params.token, page) };
      },
    );
    r.get(
      "/api/public/portfolio/:token/files/:fileId",
      {
        schema: {
          tags,
          summary: "A file on a page a secret link shows",
          params: z.object({ token: ZToken, fileId: z.string() }),
          querystring: z.object({ inline: z.enum(["0", "1"]).optional() }),
        },
      },
      async (req, reply) => {
        if (!plausibleToken(req.params.token) || !ZId.safeParse(req.params.fileId).success) throw sharing.linkNotFound();
        const { districtId } = await sharing.fileForLink(db, req.params.token, req.params.fileId);
        const file = await findFile(db, districtId, req.params.fileId);
        if (!file) throw sharing.linkNotFound();
        void reply.header("referrer-policy", "no-referrer");
        return sendStoredFile(storage, file, req.query.inline === "1", reply);
      },
    );
  };
}
