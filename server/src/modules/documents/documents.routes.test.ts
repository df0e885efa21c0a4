import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { and, eq } from "drizzle-orm";
import type { TSharedDocumentDetail, TDocumentVersion, TSubmission } from "@stoa/contracts";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, testPassword, type TestDistrict } from "../../test/factories.js";
import { signIn } from "../../test/server.js";
import type { Database } from "../../db/client.js";
import { events } from "../../db/schema/index.js";
import { buildTaskFixture } from "../tasks/test-helpers.js";
import { createDocument } from "./documents.service.js";
import { buildDocumentFixture, connectDocument, eventually, startCollabApp, writeParagraph } from "./test-helpers.js";

let database: Database;
let app: FastifyInstance;
let url: string;
let d: TestDistrict;

/** A client of the collab app (REST and socket on one process), signed in as `username`. */
async function as(username: string) {
  const { cookie, csrf } = await signIn(username, testPassword);
  const request = (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, payload?: unknown) =>
    app.inject({ method, url: path, headers: { cookie, ...(method === "GET" ? {} : { "x-csrf-token": csrf }) }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { cookie, request };
}

const text = (client: ReturnType<typeof connectDocument>) => client.doc.getXmlFragment("default").toString();

beforeAll(async () => {
  database = await getTestDatabase();
  // A long debounce: whatever the REST side reads must come from flushing the live document.
  ({ app, url } = await startCollabApp(database, { debounceMs: 60_000, maxDebounceMs: 120_000 }));
  d = await buildDistrict(database.db);
});
afterAll(async () => {
  await app.close();
});

describe("documents of a group", () => {
  it("creates, lists, renames and deletes, with an event for the group each time", async () => {
    const { red } = await buildDocumentFixture(database.db, d);
    const ada = await as(d.studentA1.username);
    const created = await ada.request("POST", `/api/groups/${red.id}/documents`, { title: "  Field notes  " });
    expect(created.statusCode).toBe(201);
    const doc = (created.json() as { data: TSharedDocumentDetail }).data;
    expect(doc).toMatchObject({ title: "Field notes", canEdit: true, group: { id: red.id, name: "Red" } });

    const list = (await ada.request("GET", `/api/groups/${red.id}/documents`)).json() as { data: { title: string }[]; policies: { edit: boolean } };
    expect(list.data.map((x) => x.title)).toContain("Field notes");
    expect(list.policies.edit).toBe(true);

    const admin = await as(d.schoolAdminA.username);
    expect(((await admin.request("GET", `/api/documents/${doc.id}`)).json() as { data: TSharedDocumentDetail }).data.canEdit).toBe(false);

    expect((await ada.request("PATCH", `/api/documents/${doc.id}`, { title: "" })).json()).toMatchObject({
      error: { message: expect.stringContaining("title") as string },
    });
    expect((await ada.request("PATCH", `/api/documents/${doc.id}`, { title: "Field notes, week 2" })).statusCode).toBe(200);
    expect((await ada.request("DELETE", `/api/documents/${doc.id}`)).statusCode).toBe(204);
    expect((await ada.request("GET", `/api/documents/${doc.id}`)).statusCode).toBe(404);

    const recorded = await database.db.select().from(events).where(and(eq(events.districtId, d.district.id)));
    const mine = recorded.filter((e) => e.payload.documentId === doc.id);
    expect(mine.map((e) => e.type)).toEqual(["document.created", "document.renamed", "document.deleted"]);
    expect(mine.every((e) => e.rooms.length === 1 && e.rooms[0] === `group:${red.id}`)).toBe(true);
    // Ids only: no title, no content in the payload.
    expect(Object.keys(mine[0]!.payload).sort()).toEqual(["documentId", "groupId"]);
  });

  it("refuses a live connection to a deleted document", async () => {
    const { red } = await buildDocumentFixture(database.db, d);
    const doc = await createDocument(database.db, actorOf(d.studentA1), red.id, { title: "Short-lived" });
    const ada = await as(d.studentA1.username);
    await ada.request("DELETE", `/api/documents/${doc.id}`);
    const client = connectDocument(url, doc.id, ada.cookie);
    expect(await client.outcome).toBe("denied");
    client.close();
  });
});

describe("history", () => {
  it("saves the live content as a version, shows it read-only, and restores it as a new change", async () => {
    const { document } = await buildDocumentFixture(database.db, d);
    const ada = await as(d.studentA1.username);
    const live = connectDocument(url, document.id, ada.cookie);
    expect(await live.outcome).toBe("authenticated");
    await live.synced;
    writeParagraph(live.doc, "First draft");
    await live.settled();

    const saved = await ada.request("POST", `/api/documents/${document.id}/versions`);
    expect(saved.statusCode).toBe(201);
    const v1 = (saved.json() as { data: TDocumentVersion }).data;
    expect(v1.reason).toBe("manual");
    const body = (await ada.request("GET", `/api/documents/${document.id}/versions/${v1.number}`)).json() as { data: { html: string } };
    expect(body.data.html).toBe("<p>First draft</p>");

    live.doc.getXmlFragment("default").delete(0, 1);
    writeParagraph(live.doc, "Second draft");
    await live.settled();

    const restored = await ada.request("POST", `/api/documents/${document.id}/versions/${v1.number}/restore`);
    expect(restored.statusCode).toBe(200);
    await eventually(async () => text(live).includes("First draft") && !text(live).includes("Second draft"));

    const history = ((await ada.request("GET", `/api/documents/${document.id}/versions`)).json() as { data: TDocumentVersion[] }).data;
    // Newest first: the restore, the second draft kept before it, the manual save.
    expect(history.map((v) => v.reason)).toEqual(["restore", "auto", "manual"]);
    const kept = (await ada.request("GET", `/api/documents/${document.id}/versions/${history[1]!.number}`)).json() as { data: { html: string } };
    expect(kept.data.html).toBe("<p>Second draft</p>");
    expect(((await ada.request("GET", `/api/documents/${document.id}`)).json() as { data: { html: string } }).data.html).toBe("<p>First draft</p>");
    expect((await ada.request("GET", `/api/documents/${document.id}/versions/99`)).statusCode).toBe(404);
    live.close();
  });

  it("exports the live content as an HTML file with an escaped title", async () => {
    const { red } = await buildDocumentFixture(database.db, d);
    const doc = await createDocument(database.db, actorOf(d.studentA1), red.id, { title: "<b>Report</b>" });
    const ada = await as(d.studentA1.username);
    const live = connectDocument(url, doc.id, ada.cookie);
    await live.synced;
    writeParagraph(live.doc, "Exported text");
    await live.settled();
    const res = await (await as(d.districtAdmin.username)).request("GET", `/api/documents/${doc.id}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.headers["content-disposition"]).toContain("attachment");
    expect(res.body).toContain("<p>Exported text</p>");
    expect(res.body).toContain("<h1>&lt;b&gt;Report&lt;/b&gt;</h1>");
    live.close();
  });
});

describe("handing a document in for a group task", () => {
  it("stores the document's content at that moment; later edits do not change the submission", async () => {
    const fixture = await buildTaskFixture(database.db, d);
    const doc = await createDocument(database.db, actorOf(d.studentA1), fixture.red.id, { title: "River report" });
    const other = await createDocument(database.db, actorOf(fixture.studentA3), fixture.blue.id, { title: "Blue's" });
    const ada = await as(d.studentA1.username);
    const live = connectDocument(url, doc.id, ada.cookie);
    await live.synced;
    writeParagraph(live.doc, "Our measurements");
    await live.settled();

    const base = `/api/tasks/${fixture.task.id}/groups/${fixture.red.id}/submission/document`;
    expect((await ada.request("POST", base, { documentId: other.id })).statusCode).toBe(404);
    const handed = await ada.request("POST", base, { documentId: doc.id });
    expect(handed.statusCode).toBe(200);
    const submission = (handed.json() as { data: TSubmission }).data;
    expect(submission.body).toBe("<p>Our measurements</p>");
    expect(submission.submittedAt).not.toBeNull();

    writeParagraph(live.doc, "Added after handing in");
    await live.settled();
    const teacher = await as(d.teacherA.username);
    const space = (await teacher.request("GET", `/api/tasks/${fixture.task.id}/groups/${fixture.red.id}`)).json() as { data: { submission: TSubmission } };
    expect(space.data.submission.body).toBe("<p>Our measurements</p>");
    const from = (await teacher.request("GET", base)).json() as { data: { documentId: string; versionNumber: number; title: string } };
    expect(from.data).toMatchObject({ documentId: doc.id, title: "River report" });
    const version = (await ada.request("GET", `/api/documents/${doc.id}/versions/${from.data.versionNumber}`)).json() as { data: { html: string; reason: string } };
    expect(version.data).toMatchObject({ html: "<p>Our measurements</p>", reason: "submitted" });

    expect((await ada.request("POST", base, { documentId: doc.id })).statusCode).toBe(409);
    live.close();
  });
});
