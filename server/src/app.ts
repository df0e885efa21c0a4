import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Fastify, { LogController, type FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import websocket from "@fastify/websocket";
import { jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { FileStorage } from "./platform/storage.js";
import { memoryRateLimiter, type RateLimiter } from "./platform/rate-limit.js";
import { registerAuthentication, registerErrorHandler, registerNotFound } from "./platform/http.js";
import { registerSecurityHeaders } from "./platform/security-headers.js";
import { fastSerializerCompiler } from "./platform/serializer.js";
import { healthRoutes } from "./platform/health.js";
import { localBus, type RealtimeBus } from "./platform/realtime/bus.js";
import type { DispatcherOptions } from "./platform/realtime/dispatcher.js";
import { registerRealtime, type Realtime } from "./platform/realtime/realtime.routes.js";
import { registerCoreRoomPolicies } from "./rooms.js";
import { identityRoutes } from "./modules/identity/identity.routes.js";
import * as identity from "./modules/identity/identity.service.js";
import { organisationRoutes } from "./modules/organisation/organisation.routes.js";
import { rosterRoutes } from "./modules/roster/roster.routes.js";
import { auditRoutes } from "./modules/audit/audit.routes.js";
import { onerosterRoutes } from "./modules/oneroster/oneroster.routes.js";
import { feedbackRoutes } from "./modules/portfolio/feedback.routes.js";
import { portfolioRoutes } from "./modules/portfolio/portfolio.routes.js";
import { assessmentRoutes } from "./modules/portfolio/assessment.routes.js";
import { exportRoutes } from "./modules/portfolio/export.routes.js";
import { tasksRoutes } from "./modules/tasks/tasks.routes.js";
import { groupsRoutes } from "./modules/groups/groups.routes.js";
import { peerRoutes } from "./modules/peer/peer.routes.js";
import { createCollab, type CollabOptions } from "./modules/documents/collab.js";
import { documentsRoutes } from "./modules/documents/documents.routes.js";
import { moderationRoutes } from "./modules/discussions/moderation.routes.js";
import { discussionsRoutes } from "./modules/discussions/discussions.routes.js";
import { mayWatchBoard, mayWatchThread } from "./modules/discussions/discussions.service.js";
import { chatRoutes } from "./modules/chat/chat.routes.js";
import { mayJoinChat } from "./modules/chat/chat.service.js";
import { notificationsRoutes } from "./modules/notifications/notifications.routes.js";
import { brainstormRoutes } from "./modules/brainstorm/brainstorm.routes.js";
import { mayJoinBrainstormRoom } from "./modules/brainstorm/brainstorm.access.js";
import { registerRoomPolicy } from "./platform/realtime/room-policies.js";

const webDist = fileURLToPath(new URL("../../web/dist", import.meta.url));

export type AppConfig = Pick<
  Config,
  | "SESSION_IDLE_MINUTES"
  | "SESSION_ABSOLUTE_HOURS"
  | "SESSION_CACHE_SECONDS"
  | "PUBLIC_ORIGIN"
  | "TRUST_PROXY"
  | "LOG_LEVEL"
  | "MAX_UPLOAD_MB"
> &
  Partial<Pick<Config, "PORTFOLIO_MAX_FILE_MB" | "PORTFOLIO_QUOTA_MB" | "REDIS_URL" | "DISCUSSION_POSTS_PER_MINUTE">>;

/** The mechanisms the process provides to modules. */
export interface AppServices {
  storage: FileStorage;
  /** Per-person limits on posting and chat; counters in this process unless given a shared one. */
  rateLimiter?: RateLimiter;
  /** SMTP is configured: mails are sent, and the development mail outbox page does not exist. */
  smtpConfigured?: boolean;
  /** How events reach every process: Redis pub/sub when scaled out; in this process by default. */
  realtimeBus?: RealtimeBus;
  /** Outbox reader settings (tests shorten the hold on gaps). */
  realtimeDispatcher?: DispatcherOptions;
  /** Settings of live co-editing beyond the config (tests shorten the store debounce). */
  collab?: Omit<CollabOptions, "redisUrl" | "publicOrigin">;
}

declare module "fastify" {
  interface FastifyInstance {
    /** This process's real-time hub and outbox reader (decision 013). */
    realtime: Realtime;
  }
}

/** Builds the Fastify instance: platform plugins, then each module's routes, then the web app. */
export async function buildApp(database: Database, config: AppConfig, services: AppServices): Promise<FastifyInstance> {
  const rateLimiter = services.rateLimiter ?? memoryRateLimiter();
  const app = Fastify({
    logger:
      config.LOG_LEVEL === "silent"
        ? false
        : { level: config.LOG_LEVEL, redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'] },
    // Two log lines per request cost more CPU than a cached read: request logs only at debug and
    // trace; errors are still logged (error handler) at every level.
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== "debug" && config.LOG_LEVEL !== "trace" }),
    trustProxy: config.TRUST_PROXY === "true",
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(fastSerializerCompiler);
  registerErrorHandler(app);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets inline style attributes; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: { maxAge: 15552000, includeSubDomains: true },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Stoa API",
        version: "0.1.0",
        description: "Stoa's JSON API. Sign in with POST /api/auth/login; send X-CSRF-Token on changes.",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  // Once for the whole app: real time and other areas' live routes (co-editing) upgrade through it.
  // 4 MB: a co-editing update near a document's 2 MB bound must fit; the real-time protocol
  // bounds its own messages far below that.
  await app.register(websocket, {
    options: { maxPayload: 4 * 1024 * 1024 },
    errorHandler: (_error, socket) => socket.terminate(),
  });

  const settings = {
    idleMinutes: config.SESSION_IDLE_MINUTES,
    absoluteHours: config.SESSION_ABSOLUTE_HOURS,
    cacheSeconds: config.SESSION_CACHE_SECONDS,
  };
  registerAuthentication(
    app,
    {
      cookieName: identity.sessionCookieName,
      tokenExempt: new Set(["/api/auth/login"]),
      resolve: (token, ip) => identity.resolveSession(database.db, token, ip, settings),
    },
    config.PUBLIC_ORIGIN,
  );

  await app.register(healthRoutes(database));
  registerCoreRoomPolicies();
  app.decorate(
    "realtime",
    registerRealtime(app, {
      database,
      bus: services.realtimeBus ?? localBus(),
      cookieName: identity.sessionCookieName,
      publicOrigin: config.PUBLIC_ORIGIN,
      // Re-checks read the session from the database: roles may have changed in another process.
      resolveFresh: (token, ip) => identity.resolveSession(database.db, token, ip, { ...settings, cacheSeconds: 0 }),
      dispatcher: services.realtimeDispatcher,
    }),
  );
  await app.register(identityRoutes(database.db, settings));
  await app.register(organisationRoutes(database.db));
  await app.register(rosterRoutes(database.db));
  await app.register(auditRoutes(database.db));
  await app.register(onerosterRoutes(database.db, config.MAX_UPLOAD_MB));
  await app.register(feedbackRoutes(database.db));
  await app.register(portfolioRoutes(database.db, services.storage, portfolioFileSettings(config)));
  await app.register(assessmentRoutes(database.db, services.storage));
  await app.register(exportRoutes(database.db, services.storage));
  await app.register(tasksRoutes(database.db, services.storage, config.MAX_UPLOAD_MB));
  await app.register(groupsRoutes(database.db));
  await app.register(peerRoutes(database.db));
  const collab = createCollab(database.db, { ...services.collab, redisUrl: config.REDIS_URL, publicOrigin: config.PUBLIC_ORIGIN });
  await app.register(collab.routes);
  await app.register(documentsRoutes(database.db, collab));
  // Live edits not yet stored are written before the process stops.
  app.addHook("preClose", async () => collab.shutdown());
  await app.register(moderationRoutes(database.db, rateLimiter));
  await app.register(discussionsRoutes(database.db, services.storage, { limiter: rateLimiter, perMinute: config.DISCUSSION_POSTS_PER_MINUTE }));
  registerRoomPolicy("board", mayWatchBoard);
  registerRoomPolicy("thread", mayWatchThread);
  await app.register(chatRoutes(database.db, rateLimiter));
  await app.register(notificationsRoutes(database.db, { captureMail: !services.smtpConfigured }));
  registerChatRooms();
  await app.register(brainstormRoutes(database.db, rateLimiter));
  registerRoomPolicy("brainstorm", mayJoinBrainstormRoom);
  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());

  await registerWebApp(app);
  return app;
}

/** Chat rooms carry message text, so they have their own kinds: only people who may read the chat join them. */
function registerChatRooms() {
  registerRoomPolicy("chat-class", (db, actor, id) => mayJoinChat(db, actor, { kind: "class", id }));
  registerRoomPolicy("chat-group", (db, actor, id) => mayJoinChat(db, actor, { kind: "group", id }));
}

/** Portfolio upload limits in bytes (defaults when the caller's config leaves them out, as tests do). */
function portfolioFileSettings(config: AppConfig) {
  const mb = 1024 * 1024;
  return { maxFileBytes: (config.PORTFOLIO_MAX_FILE_MB ?? 50) * mb, quotaBytes: (config.PORTFOLIO_QUOTA_MB ?? 500) * mb };
}

/** Serves the built web app, with index.html for every client-side route. */
async function registerWebApp(app: FastifyInstance) {
  const built = existsSync(webDist);
  if (built) await app.register(fastifyStatic, { root: webDist, index: ["index.html"] });
  else app.log.warn("web/dist is missing: run `npm run build` to serve the web app");
  registerNotFound(app, built);
}
