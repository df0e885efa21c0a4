import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, unauthenticated } from "./errors.js";
import type { Actor } from "./actor.js";

/** What the identity module gives the platform: turn a session cookie into an actor. */
export interface SessionResolver {
  cookieName: string;
  /** Paths that need no CSRF token (sign-in: the browser may hold a stale session; Origin still guards it). */
  tokenExempt: ReadonlySet<string>;
  resolve(token: string, ip: string | null): Promise<{ actor: Actor; csrfToken: string } | null>;
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
}

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Authenticates every /api request from its session cookie and guards state changes against CSRF. */
export function registerAuthentication(app: FastifyInstance, sessions: SessionResolver, publicOrigin?: string) {
  app.decorateRequest("actor", null);
  app.decorateRequest("csrfToken", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    if (unsafeMethods.has(request.method)) checkOrigin(request, publicOrigin);
    const token = request.cookies[sessions.cookieName];
    if (!token) return;
    const found = await sessions.resolve(token, request.ip);
    if (!found) return;
    request.actor = found.actor;
    request.csrfToken = found.csrfToken;
    const path = request.url.split("?")[0] ?? "";
    if (unsafeMethods.has(request.method) && !sessions.tokenExempt.has(path) && request.headers["x-csrf-token"] !== found.csrfToken) {
      throw new AppError(403, "csrf", "This request lacks a valid X-CSRF-Token header; reload the page and try again");
    }
  });
}

/** A cross-site state-changing request is refused: the browser tells us through Origin and Sec-Fetch-Site. */
function checkOrigin(request: FastifyRequest, publicOrigin?: string) {
  if (request.headers["sec-fetch-site"] === "cross-site") throw crossSite();
  const origin = request.headers.origin;
  if (!origin) return;
  const own = `${request.protocol}://${request.host}`;
  if (origin !== own && origin !== publicOrigin) throw crossSite();
}

const crossSite = () => new AppError(403, "cross_site", "Requests from other sites are not accepted");

/** The signed-in actor, or a 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** Turns every error into `{ error: { code, message, fields? } }` with a 4xx the person can act on. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, fields: error.fields } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath).split("/").filter(Boolean)].join("."),
        message: v.message ?? "is not valid",
      }));
      const first = fields[0];
      const message = first
        ? `${first.path.replace(/^(body|querystring|params)\.?/, "") || "request"}: ${first.message}`
        : "The request is not valid";
      return reply.status(400).send({ error: { code: "invalid_request", message, fields } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500 && !isResponseSerializationError(error)) {
      if (status === 429)
        return reply.status(429).send({ error: { code: "too_many_requests", message: "Too many requests; wait a moment and try again" } });
      const message = (error as Error).message || "The request could not be handled";
      return reply.status(status).send({ error: { code: (error as { code?: string }).code ?? "bad_request", message } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: "internal", message: "Something went wrong on our side; please try again" } });
  });
}

/**
 * Unknown API paths and missing files get a 404; other page requests get the web app's index
 * (client-side routes) when there is one.
 */
export function registerNotFound(app: FastifyInstance, serveIndex: boolean) {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const page = (request.method === "GET" || request.method === "HEAD") && !path.startsWith("/api/") && !/\.[A-Za-z0-9]+$/.test(path);
    if (serveIndex && page) return reply.type("text/html").sendFile("index.html");
    return reply
      .status(404)
      .send({ error: { code: "not_found", message: `No such endpoint: ${request.method} ${request.url.split("?")[0]}` } });
  });
}
