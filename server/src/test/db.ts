import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, type Database } from "../db/client.js";

let shared: Promise<Database> | undefined;

/**
 * The test database for this test file: PostgreSQL when DATABASE_URL is set, else a PGlite
 * loaded from the migrated template. Tests build their own district, so nothing is truncated.
 */
export function getTestDatabase(): Promise<Database> {
  shared ??= (async () => {
    const databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl) return openDatabase({ databaseUrl, poolSize: 4 });
    const file = inject("pgliteTemplate");
    const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
    return openDatabase({ pglite });
  })();
  return shared;
}
