import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "../../db/client.js";
import { districts } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { runImportCommand, type CommandIo } from "./oneroster.cli.js";
import { releaseNames, samples } from "./test-helpers.js";

/**
 * The command opens its own database from the environment: PostgreSQL when DATABASE_URL is set
 * (as in CI), else an embedded PGlite in a temporary STOA_DATA_DIR made for this file.
 */
const dataDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), "stoa-cli-"));
const env: NodeJS.ProcessEnv = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { STOA_DATA_DIR: dataDir as string };

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> {
  if (!dataDir) return fn((await getTestDatabase()).db);
  const database = await openDatabase({ dataDir });
  try {
    await migrateDatabase(database);
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

function capture(): CommandIo & { output: () => string } {
  const lines: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => lines.push(l), env, output: () => lines.join("\n") };
}

describe("stoa import oneroster", () => {
  afterAll(async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    else await (await getTestDatabase()).close();
  });

  // Opens and migrates its own database like the real command: slow on a busy 2-core machine.
  it("imports into the named district, prints a summary, and refuses a bad bundle with its problems", { timeout: 120_000 }, async () => {
    const name = `CLI district ${randomUUID().slice(0, 8)}`;
    const districtId = await withDatabase(async (db) => {
      const [row] = await db.insert(districts).values({ name }).returning();
      return row?.id as string;
    });
    try {
      const ok = capture();
      expect(await runImportCommand([`${samples}catalyst-v1p1`, "--district", name], ok)).toBe(0);
      expect(ok.output()).toMatch(/Imported catalyst-v1p1 into "CLI district .*" \(OneRoster 1\.2\)/);
      expect(ok.output()).toMatch(/users\s+delta\s+1\s+0\s+0\s+0/);

      const refused = capture();
      expect(await runImportCommand([`${samples}oat-v1p1`, `--district=${name}`], refused)).toBe(1);
      expect(refused.output()).toContain("Refused oat-v1p1: 4 error(s). Nothing was changed.");
      expect(refused.output()).toMatch(/orgs\.csv:2\s+dateLastModified\s+'2017-05-06 08:01:05'\s+an ISO 8601 date-time/);
    } finally {
      await withDatabase((db) => releaseNames(db, districtId));
    }
  });

  it("explains bad usage and an unknown district", async () => {
    const usage = capture();
    expect(await runImportCommand([], usage)).toBe(2);
    expect(usage.output()).toContain("Usage: stoa import oneroster <zip-or-folder>");
    const unknown = capture();
    expect(await runImportCommand([`${samples}catalyst-v1p1`, "--district", `nowhere-${randomUUID()}`], unknown)).toBe(1);
    expect(unknown.output()).toMatch(/No district has the sourcedId or name "nowhere-/);
  });
});
