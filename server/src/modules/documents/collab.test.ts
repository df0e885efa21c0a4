import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { documentTooLargeReason } from "@stoa/contracts";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, testPassword, type TestDistrict } from "../../test/factories.js";
import { signIn } from "../../test/server.js";
import type { Database } from "../../db/client.js";
import * as repo from "./documents.repository.js";
import { buildDocumentFixture, connectDocument, eventually, startCollabApp, writeParagraph } from "./test-helpers.js";

let database: Database;
let app: FastifyInstance;
let url: string;
let d: TestDistrict;
let documentId: string;

const cookieOf = async (username: string) => (await signIn(username, testPassword)).cookie;
const storedHtml = async (id: string) => (await repo.findDocument(database.db, id))?.html ?? "";

beforeAll(async () => {
  database = await getTestDatabase();
  ({ app, url } = await startCollabApp(database));
  d = await buildDistrict(database.db);
  documentId = (await buildDocumentFixture(database.db, d)).document.id;
});
afterAll(async () => {
  await app.close();
});

describe("live co-editing socket", () => {
  it("stores a member's edits after the debounce, and another member receives them live and on reconnect", async () => {
    const ada = connectDocument(url, documentId, await cookieOf(d.studentA1.username));
    const ali = connectDocument(url, documentId, await cookieOf(d.studentA2.username));
    expect(await ada.outcome).toBe("authenticated");
    expect(await ali.outcome).toBe("authenticated");
    await Promise.all([ada.synced, ali.synced]);

    writeParagraph(ada.doc, "Rivers carry <b>silt</b>");
    await eventually(async () => ali.doc.getXmlFragment("default").toString().includes("Rivers carry"));
    await ada.settled();
    const html = await eventually(async () => {
      const stored = await storedHtml(documentId);
      return stored.includes("Rivers carry") ? stored : null;
    });
    // Escaped and sanitised: the text's markup is not markup.
    expect(html).toBe("<p>Rivers carry &lt;b&gt;silt&lt;/b&gt;</p>");
    ada.close();
    ali.close();

    const teacher = connectDocument(url, documentId, await cookieOf(d.teacherA.username));
    expect(await teacher.outcome).toBe("authenticated");
    await teacher.synced;
    expect(teacher.doc.getXmlFragment("default").toString()).toContain("Rivers carry");
    teacher.close();
  });

  it("refuses a person outside the group like a missing document, and stores nothing of theirs", async () => {
    for (const outsider of [d.teacherB, d.guardianA1, d.counselorA]) {
      const client = connectDocument(url, documentId, await cookieOf(outsider.username));
      expect(await client.outcome, outsider.username).toBe("denied");
      writeParagraph(client.doc, "outsider text");
      await new Promise((r) => setTimeout(r, 150));
      client.close();
    }
    const unknown = connectDocument(url, "00000000-0000-4000-8000-000000000000", await cookieOf(d.studentA1.username));
    expect(await unknown.outcome).toBe("denied");
    unknown.close();
    expect(await storedHtml(documentId)).not.toContain("outsider");
  });

  it("refuses an upgrade without a session or from another site", async () => {
    const anonymous = connectDocument(url, documentId, "stoa_session=not-a-session");
    expect(await anonymous.outcome).toBe("closed");
    anonymous.close();
    const foreign = connectDocument(url, documentId, await cookieOf(d.studentA1.username), { origin: "https://evil.example" });
    expect(await foreign.outcome).toBe("closed");
    foreign.close();
  });

  it("lets administrators read but not write", async () => {
    const admin = connectDocument(url, documentId, await cookieOf(d.schoolAdminA.username));
    expect(await admin.outcome).toBe("authenticated");
    await admin.synced;
    expect(admin.doc.getXmlFragment("default").toString()).toContain("Rivers carry");
    writeParagraph(admin.doc, "admin text");
    await new Promise((r) => setTimeout(r, 400));
    admin.close();
    expect(await storedHtml(documentId)).not.toContain("admin text");
  });
});

describe("awareness", () => {
  it("shows the signed-in person's name on their caret, whatever the client claims", async () => {
    const ada = connectDocument(url, documentId, await cookieOf(d.studentA1.username));
    const ali = connectDocument(url, documentId, await cookieOf(d.studentA2.username));
    await Promise.all([ada.synced, ali.synced]);
    ada.provider.setAwarenessField("user", { id: d.studentA2.id, name: "Mallory", color: "red; background:url(https://evil.example)" });
    const seen = await eventually(async () => {
      const state = ali.provider.awareness?.getStates().get(ada.doc.clientID) as { user?: { id: string; name: string; color?: string } } | undefined;
      return state?.user ?? null;
    });
    expect(seen).toEqual({ id: d.studentA1.id, name: await repo.displayNameOf(database.db, d.studentA1.id) });
    ada.close();
    ali.close();
  });
});

describe("limits and durability", () => {
  it("refuses an update that would make the document larger than the bound", async () => {
    const small = await startCollabApp(database, { maxBytes: 4096 });
    try {
      const { document } = await buildDocumentFixture(database.db, d);
      const ada = connectDocument(small.url, document.id, await cookieOf(d.studentA1.username));
      expect(await ada.outcome).toBe("authenticated");
      await ada.synced;
      writeParagraph(ada.doc, "small start");
      await ada.settled();
      const closed = new Promise<string>((resolve) => ada.provider.on("close", ({ event }: { event: { reason: string } }) => resolve(event.reason)));
      writeParagraph(ada.doc, "x".repeat(8000));
      expect(await closed).toBe(documentTooLargeReason);
      ada.close();
      await eventually(async () => (await storedHtml(document.id)).includes("small start"));
      expect(await storedHtml(document.id)).not.toContain("xxxx");
      expect((await repo.findDocument(database.db, document.id))!.size).toBeLessThanOrEqual(4096);
    } finally {
      await small.app.close();
    }
  });

  it("writes acknowledged edits to the database when the server stops before the debounce", async () => {
    const slow = await startCollabApp(database, { debounceMs: 60_000, maxDebounceMs: 120_000 });
    const { document } = await buildDocumentFixture(database.db, d);
    const ada = connectDocument(slow.url, document.id, await cookieOf(d.studentA1.username));
    expect(await ada.outcome).toBe("authenticated");
    await ada.synced;
    writeParagraph(ada.doc, "written just before a restart");
    await ada.settled();
    expect(await storedHtml(document.id)).toBe("");
    await slow.app.close();
    ada.close();
    expect(await storedHtml(document.id)).toBe("<p>written just before a restart</p>");
  });

  it("keeps an automatic version when a document has been edited for the configured interval", async () => {
    const eager = await startCollabApp(database, { autoVersionMinutes: 0 });
    try {
      const { document } = await buildDocumentFixture(database.db, d);
      const ada = connectDocument(eager.url, document.id, await cookieOf(d.studentA1.username));
      await ada.synced;
      writeParagraph(ada.doc, "kept automatically");
      await ada.settled();
      const versions = await eventually(async () => {
        const list = await repo.listVersions(database.db, document.id);
        return list.length > 0 ? list : null;
      });
      expect(versions[0]).toMatchObject({ reason: "auto", createdBy: d.studentA1.id });
      expect((await repo.findVersion(database.db, document.id, versions[0]!.number))!.html).toBe("<p>kept automatically</p>");
      ada.close();
    } finally {
      await eager.app.close();
    }
  });
});
