import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { discussionPosts } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, testPassword, type TestDistrict } from "../../test/factories.js";
import { getTestApp, signIn } from "../../test/server.js";
import { buildMatrixBoard } from "../brainstorm/test-helpers.js";
import { buildDiscussionFixture } from "../discussions/test-helpers.js";

// The two "work from Stoa" routes over HTTP: what a student gets back, and the answers to bad input.

let app: FastifyInstance;
let d: TestDistrict;
let fx: Awaited<ReturnType<typeof buildDiscussionFixture>>;
let board: Awaited<ReturnType<typeof buildMatrixBoard>>["board"];
let mineId: string;

const as = (user: { username: string }) => signIn(user.username, testPassword);

beforeAll(async () => {
  app = await getTestApp();
  const { db } = await getTestDatabase();
  d = await buildDistrict(db);
  fx = await buildDiscussionFixture(db, d);
  const [mine] = await db
    .insert(discussionPosts)
    .values({ districtId: d.district.id, threadId: fx.thread.id, parentId: fx.opening.id, authorId: d.studentA1.id, body: "<p>My idea</p>" })
    .returning();
  mineId = mine!.id;
  board = (await buildMatrixBoard(db, d)).board;
});
afterAll(async () => {
  await app.close();
  await (await getTestDatabase()).close();
});

describe("POST /api/portfolio/artifacts/from-discussion-post", () => {
  it("adds the student's own post and answers 404 for a classmate's", async () => {
    const student = await as(d.studentA1);
    const res = await student.request("POST", "/api/portfolio/artifacts/from-discussion-post", { postId: mineId, title: "My idea" });
    expect(res.statusCode, res.body).toBe(201);
    const data = (res.json() as { data: { title: string; body: string; source: { type: string; title: string } } }).data;
    expect(data).toMatchObject({ title: "My idea", body: "<p>My idea</p>", source: { type: "discussionPost", title: "Welcome" } });
    const other = await student.request("POST", "/api/portfolio/artifacts/from-discussion-post", { postId: fx.reply.id });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain("Hello teacher");
  });

  it("answers 400 with a readable message for a malformed id or a missing post id", async () => {
    const student = await as(d.studentA1);
    for (const payload of [{ postId: "not-an-id" }, {}, { postId: mineId, title: "" }]) {
      const res = await student.request("POST", "/api/portfolio/artifacts/from-discussion-post", payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});

describe("POST /api/portfolio/artifacts/from-brainstorm", () => {
  it("adds a board the student sees, with its cards; a malformed id is a 400", async () => {
    const student = await as(d.studentA2);
    const res = await student.request("POST", "/api/portfolio/artifacts/from-brainstorm", { boardId: board.id });
    expect(res.statusCode, res.body).toBe(201);
    const data = (res.json() as { data: { body: string; source: { type: string; id: string } } }).data;
    expect(data.source).toMatchObject({ type: "brainstormBoard", id: board.id });
    expect(data.body).toContain("Matrix card");
    expect((await student.request("POST", "/api/portfolio/artifacts/from-brainstorm", { boardId: "x" })).statusCode).toBe(400);
  });
});
