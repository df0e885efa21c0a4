import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Fastify, { LogController, type FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { FileStorage } from "./platform/storage.js";
import { registerAuthentication, registerErrorHandler, registerNotFound } from "./platform/http.js";
import { registerSecurityHeaders } from "./platform/security-headers.js";
import { fastSerializerCompiler } from "./platform/serializer.js";
import { healthRoutes } from "./platform/health.js";
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
  Partial<Pick<Config, "PORTFOLIO_MAX_FILE_MB" | "PORTFOLIO_QUOTA_MB">>;

/** The mechanisms the process provides to modules (files now; mail and the event bus later). */
export interface AppServices {
  storage: FileStorage;
}

/** Builds the Fastify instance: platform plugins, then each module's routes, then the web app. */
export async function buildApp(database: Database, config: AppConfig, services: AppServices): Promise<FastifyInstance> {
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
  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());

  await registerWebApp(app);
  return app;
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
