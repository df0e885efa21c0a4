import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZChangePasswordRequest, ZEnvelope, ZLoginRequest, ZMe } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import * as identity from "./identity.service.js";

/** Sign-in, sign-out, the current person and their password. */
export function identityRoutes(db: Db, settings: identity.SessionSettings) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const cookieOptions = (secure: boolean) => ({
      path: "/",
      httpOnly: true,
      sameSite: "lax" as const,
      secure,
      maxAge: settings.absoluteHours * 3600,
    });

    r.post(
      "/api/auth/login",
      { schema: { tags: ["identity"], summary: "Sign in", body: ZLoginRequest, response: { 200: ZEnvelope(ZMe) } } },
      async (request, reply) => {
        const session = await identity.login(db, {
          ...request.body,
          ip: request.ip,
          userAgent: request.headers["user-agent"] ?? null,
          previousToken: request.cookies[identity.sessionCookieName],
        });
        void reply.setCookie(identity.sessionCookieName, session.token, cookieOptions(request.protocol === "https"));
        const resolved = await identity.resolveSession(db, session.token, request.ip, settings);
        if (!resolved) throw new Error("a new session could not be read back");
        return { data: await identity.getMe(db, resolved.actor, session.csrfToken) };
      },
    );

    r.post("/api/auth/logout", { schema: { tags: ["identity"], summary: "Sign out", response: { 204: z.null() } } }, async (request, reply) => {
      const token = request.cookies[identity.sessionCookieName];
      if (token) await identity.logout(db, token);
      void reply.clearCookie(identity.sessionCookieName, { path: "/" });
      return reply.status(204).send(null);
    });

    r.get("/api/me", { schema: { tags: ["identity"], summary: "The signed-in person", response: { 200: ZEnvelope(ZMe) } } }, async (request) => {
      const actor = requireActor(request);
      return { data: await identity.getMe(db, actor, request.csrfToken ?? "") };
    });

    r.post(
      "/api/me/password",
      { schema: { tags: ["identity"], summary: "Change my password", body: ZChangePasswordRequest, response: { 204: z.null() } } },
      async (request, reply) => {
        const actor = requireActor(request);
        await identity.changePassword(db, actor, request.body, request.cookies[identity.sessionCookieName] ?? "");
        return reply.status(204).send(null);
      },
    );
  };
}
