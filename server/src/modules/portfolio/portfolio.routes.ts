import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.js";
import type { FileStorage } from "../../platform/storage.js";
import { artifactRoutes } from "./artifacts.routes.js";
import { pageRoutes } from "./pages.routes.js";
import { sharingRoutes } from "./sharing.routes.js";
import { templateRoutes } from "./templates.routes.js";
import { uploadRoutes } from "./uploads.routes.js";
import type { PortfolioFileSettings } from "./uploads.service.js";

/** Every route of the portfolio core (P1): one registration in app.ts. */
export function portfolioRoutes(db: Db, storage: FileStorage, settings: PortfolioFileSettings) {
  return async (app: FastifyInstance) => {
    await app.register(uploadRoutes(db, storage, settings));
    await app.register(artifactRoutes(db, storage));
    await app.register(pageRoutes(db));
    await app.register(templateRoutes(db));
    await app.register(sharingRoutes(db, storage));
  };
}
