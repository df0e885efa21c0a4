import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "drizzle-orm";
import { ZHealth } from "@stoa/contracts";
import type { Database } from "../db/client.js";

/** GET /api/health: the process is up and the database answers. */
export function healthRoutes(database: Database) {
  return async (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        "/api/health",
        { schema: { tags: ["platform"], summary: "Health check (no sign-in needed)", response: { 200: ZHealth } } },
        async () => {
          await database.db.execute(sql`select 1`);
          return { status: "ok" as const, database: database.kind };
        },
      );
  };
}
