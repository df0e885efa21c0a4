import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.js";
import { discussionPosts } from "../../db/schema/index.js";
import { AppError } from "../../platform/errors.js";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, type TestDistrict } from "../../test/factories.js";
import * as boards from "../brainstorm/brainstorm.service.js";
import * as cards from "../brainstorm/cards.service.js";
import { buildGroups } from "../brainstorm/test-helpers.js";
import { updatePost } from "../discussions/posts.service.js";
import { buildDiscussionFixture } from "../discussions/test-helpers.js";
import { getArtifact } from "./artifacts.service.js";
import { createArtifactFromBrainstorm, createArtifactFromDiscussionPost } from "./stoa-artifacts.service.js";

let db: Db;
let d: TestDistrict;
let other: TestDistrict;
let fx: Awaited<ReturnType<typeof buildDiscussionFixture>>;

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  d = await buildDistrict(db);
  other = await buildDistrict(db);
  fx = await buildDiscussionFixture(db, d);
});
afterAll(async () => {
  await (await getTestDatabase()).close();
});

async function status(promise: Promise<unknown>): Promise<number> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).statusCode;
}

async function insertPost(values: Partial<typeof discussionPosts.$inferInsert> & { authorId: string; body: string }) {
  const [row] = await db
    .insert(discussionPosts)
    .values({ districtId: d.district.id, threadId: fx.thread.id, parentId: fx.opening.id, bodyText: "", ...values })
    .returning();
  return row!;
}

describe("adding a discussion post to a portfolio", () => {
  it("snapshots the student's own published post, sanitised, with the thread's title and class", async () => {
    const post = await insertPost({ authorId: d.studentA1.id, body: "<p>Rivers <strong>flood</strong></p><img src=x onerror=alert(1)>" });
    const { data } = await createArtifactFromDiscussionPost(db, actorOf(d.studentA1), { postId: post.id });
    expect(data.kind).toBe("stoa");
    expect(data.title).toBe("Welcome");
    expect(data.owner.id).toBe(d.studentA1.id);
    expect(data.coOwners).toEqual([]);
    expect(data.body).toContain("<strong>flood</strong>");
    expect(data.body).not.toContain("onerror");
    expect(data.source).toMatchObject({ type: "discussionPost", id: post.id, classId: d.classA.id, title: "Welcome", text: data.body });
    expect(data.source?.capturedAt).toBeTruthy();
  });

  it("keeps the snapshot when the post is edited afterwards", async () => {
    const post = await insertPost({ authorId: d.studentA1.id, body: "<p>First thoughts</p>" });
    const { data } = await createArtifactFromDiscussionPost(db, actorOf(d.studentA1), { postId: post.id, title: "My first thoughts" });
    await updatePost(db, actorOf(d.studentA1), post.id, { body: "<p>Changed my mind</p>" });
    const again = (await getArtifact(db, actorOf(d.studentA1), data.id)).data;
    expect(again.title).toBe("My first thoughts");
    expect(again.body).toBe("<p>First thoughts</p>");
    expect(again.source?.text).toBe("<p>First thoughts</p>");
  });

  it("answers 404 for someone else's post, whoever wrote it", async () => {
    // studentA2's published reply, and the teacher's opening post: visible to studentA1, but not theirs.
    expect(await status(createArtifactFromDiscussionPost(db, actorOf(d.studentA1), { postId: fx.reply.id }))).toBe(404);
    expect(await status(createArtifactFromDiscussionPost(db, actorOf(d.studentA1), { postId: fx.opening.id }))).toBe(404);
  });

  it("answers 404 for own posts that are pending, hidden or deleted, and for posts of another district", async () => {
    const pending = await insertPost({ authorId: d.studentA1.id, body: "<p>Waiting</p>", status: "pending" });
    const hidden = await insertPost({ authorId: d.studentA1.id, body: "<p>Hidden</p>", hiddenAt: new Date(), hiddenBy: d.teacherA.id });
    const deleted = await insertPost({ authorId: d.studentA1.id, body: "<p>Gone</p>", deletedAt: new Date(), deletedBy: d.studentA1.id });
    for (const post of [pending, hidden, deleted])
      expect(await status(createArtifactFromDiscussionPost(db, actorOf(d.studentA1), { postId: post.id }))).toBe(404);
    const mine = await insertPost({ authorId: d.studentA1.id, body: "<p>Mine</p>" });
    expect(await status(createArtifactFromDiscussionPost(db, actorOf(other.studentA1), { postId: mine.id }))).toBe(404);
    expect(await status(createArtifactFromDiscussionPost(db, actorOf(d.studentA1), { postId: "00000000-0000-4000-8000-000000000000" }))).toBe(404);
  });

  it("refuses teachers, who keep no portfolio", async () => {
    expect(await status(createArtifactFromDiscussionPost(db, actorOf(d.teacherA), { postId: fx.opening.id }))).toBe(403);
  });
});

describe("adding a brainstorm board to a portfolio", () => {
  it("hides the authors of an anonymous board and keeps columns and votes", async () => {
    const teacher = actorOf(d.teacherA);
    const board = await boards.createBoard(db, teacher, {
      classId: d.classA.id,
      title: "Why do rivers flood?",
      layout: "columns",
      columns: ["Causes", "Effects"],
      anonymous: true,
    });
    const card = await cards.createCard(db, actorOf(d.studentA2), board.id, { text: "Too much <rain>", columnId: board.columns[0]!.id });
    await cards.setVote(db, actorOf(d.studentA1), board.id, card.id, true);
    const { data } = await createArtifactFromBrainstorm(db, actorOf(d.studentA1), { boardId: board.id });
    expect(data.title).toBe("Why do rivers flood?");
    expect(data.source).toMatchObject({ type: "brainstormBoard", id: board.id, classId: d.classA.id, title: "Why do rivers flood?" });
    expect(data.body).toContain("<h3>Causes</h3>");
    expect(data.body).toContain("Too much &lt;rain&gt;");
    expect(data.body).toContain("1 vote");
    expect(data.body).not.toContain(d.studentA2.givenName);
    expect(data.coOwners).toEqual([]);

    // Once the teacher reveals the names, a new snapshot names the author; the old one does not change.
    await boards.updateBoard(db, teacher, board.id, { revealNames: true });
    const named = (await createArtifactFromBrainstorm(db, actorOf(d.studentA1), { boardId: board.id, title: "Named" })).data;
    expect(named.body).toContain(d.studentA2.givenName);
    expect((await getArtifact(db, actorOf(d.studentA1), data.id)).data.body).not.toContain(d.studentA2.givenName);
  });

  it("makes a group board group work: the group's other members co-own it; other students get 404", async () => {
    const g = await buildGroups(db, other);
    const a1 = actorOf(other.studentA1);
    const board = await boards.createBoard(db, a1, { classId: other.classA.id, groupId: g.red.id, title: "Red ideas" });
    await cards.createCard(db, a1, board.id, { text: "A dam", x: 10, y: 10 });
    const { data } = await createArtifactFromBrainstorm(db, actorOf(other.studentA2), { boardId: board.id });
    expect(data.title).toBe("Red ideas (Red)");
    expect(data.owner.id).toBe(other.studentA2.id);
    expect(data.coOwners.map((o) => o.id)).toEqual([other.studentA1.id]);
    expect((await getArtifact(db, a1, data.id)).data.id).toBe(data.id);
    expect(await status(createArtifactFromBrainstorm(db, actorOf(g.studentA3), { boardId: board.id }))).toBe(404);
    expect(await status(createArtifactFromBrainstorm(db, actorOf(d.studentA1), { boardId: board.id }))).toBe(404);
    expect(await status(createArtifactFromBrainstorm(db, actorOf(other.teacherA), { boardId: board.id }))).toBe(403);
  });

  it("refuses an empty board with a message that says what to do", async () => {
    const board = await boards.createBoard(db, actorOf(d.teacherA), { classId: d.classA.id, title: "Empty" });
    expect(await status(createArtifactFromBrainstorm(db, actorOf(d.studentA1), { boardId: board.id }))).toBe(400);
  });
});
