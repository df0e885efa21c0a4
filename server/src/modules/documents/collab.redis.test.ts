import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, testPassword, type TestDistrict } from "../../test/factories.js";
import { signIn } from "../../test/server.js";
import type { Database } from "../../db/client.js";
import * as repo from "./documents.repository.js";
import { buildDocumentFixture, connectDocument, eventually, startCollabApp, writeParagraph } from "./test-helpers.js";

const redisUrl = process.env.REDIS_URL;
// Two processes share live edits through Redis and store to one PostgreSQL.
const enabled = Boolean(redisUrl && process.env.DATABASE_URL);

describe.skipIf(!enabled)("co-editing across two server processes (Redis + PostgreSQL)", () => {
  let database: Database;
  let one: { app: FastifyInstance; url: string };
  let two: { app: FastifyInstance; url: string };
  let d: TestDistrict;

  beforeAll(async () => {
    database = await getTestDatabase();
    const prefix = `stoa-test-docs-${randomBytes(4).toString("hex")}`;
    one = await startCollabApp(database, { redisPrefix: prefix }, redisUrl);
    two = await startCollabApp(database, { redisPrefix: prefix }, redisUrl);
    d = await buildDistrict(database.db);
  });
  afterAll(async () => {
    await one.app.close();
    await two.app.close();
  });

  it("delivers each side's edits to the other and stores the merged document", async () => {
    const { document } = await buildDocumentFixture(database.db, d);
    const ada = connectDocument(one.url, document.id, (await signIn(d.studentA1.username, testPassword)).cookie);
    const ali = connectDocument(two.url, document.id, (await signIn(d.studentA2.username, testPassword)).cookie);
    expect(await ada.outcome).toBe("authenticated");
    expect(await ali.outcome).toBe("authenticated");
    await Promise.all([ada.synced, ali.synced]);

    writeParagraph(ada.doc, "from process one");
    await eventually(async () => ali.doc.getXmlFragment("default").toString().includes("from process one"));
    writeParagraph(ali.doc, "from process two");
    await eventually(async () => ada.doc.getXmlFragment("default").toString().includes("from process two"));
    await Promise.all([ada.settled(), ali.settled()]);

    const html = await eventually(async () => {
      const stored = (await repo.findDocument(database.db, document.id))?.html ?? "";
      return stored.includes("from process one") && stored.includes("from process two") ? stored : null;
    });
    expect(html).toBe("<p>from process one</p><p>from process two</p>");
    ada.close();
    ali.close();
  });
});
