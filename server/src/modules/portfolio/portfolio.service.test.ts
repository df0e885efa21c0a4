import { Readable } from "node:stream";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.js";
import { AppError } from "../../platform/errors.js";
import { localFileStorage } from "../../platform/storage.js";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, type TestDistrict } from "../../test/factories.js";
import * as artifacts from "./artifacts.service.js";
import * as collections from "./collections.service.js";
import * as pages from "./pages.service.js";
import * as templates from "./templates.service.js";
import { uploadFile, getUsage } from "./uploads.service.js";
import { usedBytes } from "./uploads.repository.js";

let db: Db;
let d: TestDistrict;
const storage = localFileStorage(mkdtempSync(join(tmpdir(), "stoa-portfolio-service-")));
const settings = { maxFileBytes: 1024 * 1024, quotaBytes: 10 * 1024 * 1024 };

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  d = await buildDistrict(db);
});
afterAll(async () => {
  await (await getTestDatabase()).close();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const common = { description: "", tags: [], skills: [], occurredOn: null, coOwnerIds: [] };

describe("artifacts", () => {
  it("adds text, link and Stoa work; cleans text; refuses teachers and unknown Stoa kinds", async () => {
    const me = actorOf(d.studentA1);
    const text = await artifacts.createArtifact(db, me, {
      kind: "text",
      title: "Poem",
      body: '<p onclick="x()">Hi<script>bad()</script></p>',
      ...common,
      tags: ["poetry", "poetry"],
    });
    expect(text.data.body).toBe("<p>Hi</p>");
    expect(text.data.tags).toEqual(["poetry"]);
    const work = await artifacts.createArtifact(db, me, {
      kind: "stoa",
      title: "Class notes",
      source: { type: "text", id: "n1", classId: d.classA.id, title: "Notes", text: "<p>Photosynthesis</p>" },
      ...common,
    });
    expect(work.data.source).toMatchObject({ type: "text", classId: d.classA.id });
    expect(
      (
        await failure(
          artifacts.createArtifact(db, me, {
            kind: "stoa",
            title: "X",
            source: { type: "text", id: "n2", classId: d.classB.id, title: "Notes", text: null },
            ...common,
          }),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await failure(
          artifacts.createArtifact(db, me, {
            kind: "stoa",
            title: "X",
            source: { type: "boardSnapshot", id: "b", classId: null, title: "Board", text: null },
            ...common,
          }),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await failure(
          artifacts.createArtifact(db, actorOf(d.teacherA), { kind: "link", title: "Site", url: "https://example.org", ...common }),
        )
      ).statusCode,
    ).toBe(403);
    const mine = await artifacts.listArtifacts(db, me, { page: 1, pageSize: 50, tag: "poetry" });
    expect(mine.items.map((a) => a.id)).toEqual([text.data.id]);
  });

  it("shares group work with classmates only, and every co-owner sees and edits it", async () => {
    const me = actorOf(d.studentA1);
    const group = await artifacts.createArtifact(db, me, {
      kind: "text",
      title: "Group poster",
      body: "<p>Poster</p>",
      ...common,
      coOwnerIds: [d.studentA2.id],
    });
    expect(group.data.coOwners.map((c) => c.id)).toEqual([d.studentA2.id]);
    const mate = actorOf(d.studentA2);
    expect((await artifacts.listArtifacts(db, mate, { page: 1, pageSize: 50 })).items.map((a) => a.id)).toContain(group.data.id);
    expect((await artifacts.updateArtifact(db, mate, group.data.id, { title: "Our poster" })).data.title).toBe("Our poster");
    expect((await failure(artifacts.deleteArtifact(db, storage, mate, group.data.id))).statusCode).toBe(403);
    expect(
      (
        await failure(
          artifacts.createArtifact(db, me, { kind: "text", title: "X", body: "<p>x</p>", ...common, coOwnerIds: [d.studentB1.id] }),
        )
      ).statusCode,
    ).toBe(400);
    expect((await failure(artifacts.getArtifact(db, actorOf(d.studentB1), group.data.id))).statusCode).toBe(404);
  });

  it("keeps reflections to owners and records the prompt's words", async () => {
    const me = actorOf(d.studentA1);
    const prompt = await templates.createPrompt(db, actorOf(d.teacherA), d.classA.id, { text: "What did you learn?" });
    const art = await artifacts.createArtifact(db, me, { kind: "text", title: "Essay", body: "<p>Essay</p>", ...common });
    const reflection = await artifacts.createReflection(
      db,
      me,
      { type: "artifact", id: art.data.id },
      { body: "<p>Plan first</p>", promptId: prompt.id },
    );
    expect(reflection.promptText).toBe("What did you learn?");
    expect((await templates.listMyPrompts(db, me)).map((p) => p.id)).toContain(prompt.id);
    const other = await templates.createPrompt(db, actorOf(d.teacherB), d.classB.id, { text: "Not your class" });
    expect(
      (await failure(artifacts.createReflection(db, me, { type: "artifact", id: art.data.id }, { body: "<p>x</p>", promptId: other.id })))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await failure(
          artifacts.createReflection(db, actorOf(d.studentA2), { type: "artifact", id: art.data.id }, { body: "<p>x</p>", promptId: null }),
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await failure(artifacts.createReflection(db, me, { type: "artifact", id: art.data.id }, { body: "<p> </p>", promptId: null })))
        .statusCode,
    ).toBe(400);
    expect((await failure(templates.createPrompt(db, actorOf(d.studentA1), d.classA.id, { text: "Mine" }))).statusCode).toBe(403);
  });

  it("frees the quota when a file's artifact is deleted", async () => {
    const me = actorOf(d.studentA2);
    const file = await uploadFile(db, storage, settings, me, Readable.from(Buffer.from("hello notes\n")), "notes.txt");
    const art = await artifacts.createArtifact(db, me, { kind: "file", fileId: file.id, title: "Notes", ...common });
    expect((await getUsage(db, me, settings)).usedBytes).toBe(12);
    await artifacts.deleteArtifact(db, storage, me, art.data.id);
    expect(await usedBytes(db, d.studentA2.id)).toBe(0);
    expect(
      (await failure(artifacts.createArtifact(db, actorOf(d.studentA1), { kind: "file", fileId: file.id, title: "Stolen", ...common })))
        .statusCode,
    ).toBe(400);
  });
});

describe("pages, collections and templates", () => {
  it("places only the owner's artifacts, refuses stale versions and moves blocks by index", async () => {
    const me = actorOf(d.studentA1);
    const a = await artifacts.createArtifact(db, me, { kind: "text", title: "A", body: "<p>A</p>", ...common });
    const theirs = await artifacts.createArtifact(db, actorOf(d.studentA2), { kind: "text", title: "B", body: "<p>B</p>", ...common });
    const layout = (ids: string[]) => ({
      sections: [
        {
          id: "s1",
          columns: [
            {
              id: "c1",
              blocks: [
                { id: "t", type: "text" as const, html: "<p>Intro</p>" },
                ...ids.map((id, i) => ({ id: `b${i}`, type: "artifact" as const, artifactId: id, showReflections: true })),
              ],
            },
          ],
        },
      ],
    });
    expect(
      (await failure(pages.createPage(db, me, { title: "P", description: "", purpose: "showcase", layout: layout([theirs.data.id]) })))
        .statusCode,
    ).toBe(400);
    const page = await pages.createPage(db, me, { title: "P", description: "", purpose: "showcase", layout: layout([a.data.id]) });
    expect(page.data.artifacts.map((x) => x.id)).toEqual([a.data.id]);
    const moved = await pages.moveBlock(db, me, page.data.id, { blockId: "b0", toSection: 0, toColumn: 0, toIndex: 0, version: 1 });
    expect(moved.data.layout.sections[0]?.columns[0]?.blocks.map((b) => b.id)).toEqual(["b0", "t"]);
    expect((await failure(pages.updatePage(db, me, page.data.id, { title: "Old tab", version: 1 }))).statusCode).toBe(409);
    expect((await pages.updatePage(db, me, page.data.id, { title: "New", version: 2 })).data.version).toBe(3);
  });

  it("orders a collection's pages and moves one by index", async () => {
    const me = actorOf(d.studentA1);
    const ids = [];
    for (const title of ["One", "Two", "Three"])
      ids.push((await pages.createPage(db, me, { title, description: "", purpose: "showcase" })).data.id);
    const collection = await collections.createCollection(db, me, {
      title: "Year",
      description: "",
      purpose: "presentation",
      pageIds: ids,
    });
    const moved = await collections.movePage(db, me, collection.id, { pageId: ids[2] as string, toIndex: 0 });
    expect(moved.pages.map((p) => p.title)).toEqual(["Three", "One", "Two"]);
    const theirs = (await pages.createPage(db, actorOf(d.studentA2), { title: "Not mine", description: "", purpose: "showcase" })).data.id;
    expect((await failure(collections.updateCollection(db, me, collection.id, { pageIds: [theirs] }))).statusCode).toBe(400);
  });

  it("lets a teacher make a template that the class's students copy into their own pages", async () => {
    const teacher = actorOf(d.teacherA);
    const layout = {
      sections: [{ id: "s1", columns: [{ id: "c1", blocks: [{ id: "p", type: "placeholder" as const, hint: "Your best work" }] }] }],
    };
    const template = await templates.createTemplate(db, teacher, d.classA.id, {
      kind: "collection",
      title: "Term 1",
      description: "",
      purpose: "assessment",
      pages: [
        { title: "Intro", layout },
        { title: "Best work", layout },
      ],
    });
    const copy = await templates.copyTemplate(db, actorOf(d.studentA1), template.id);
    expect(copy.kind).toBe("collection");
    const collection = await collections.getCollection(db, actorOf(d.studentA1), copy.id);
    expect(collection.pages.map((p) => p.title)).toEqual(["Intro", "Best work"]);
    expect((await failure(templates.copyTemplate(db, actorOf(d.studentB1), template.id))).statusCode).toBe(404);
    expect(
      (
        await failure(
          templates.createTemplate(db, actorOf(d.teacherB), d.classA.id, {
            kind: "page",
            title: "X",
            description: "",
            purpose: "showcase",
            pages: [{ title: "X", layout }],
          }),
        )
      ).statusCode,
    ).toBe(404);
  });
});
