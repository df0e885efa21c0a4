import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.js";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, testPassword } from "../../test/factories.js";
import { getTestApp, signIn } from "../../test/server.js";
import { multipart } from "../portfolio/test-helpers.js";
import { buildDiscussionFixture } from "./test-helpers.js";

let db: Db;
afterAll(async () => (await getTestDatabase()).close());
beforeAll(async () => {
  db = (await getTestDatabase()).db;
  await getTestApp();
});

let ipCounter = 0;
async function setup() {
  const d = await buildDistrict(db);
  const f = await buildDiscussionFixture(db, d);
  ipCounter += 1;
  const student = await signIn(d.studentA1.username, testPassword, `10.210.${ipCounter}.1`);
  return { d, f, student };
}

describe("discussions over HTTP", () => {
  it("stores a post sent twice with one Idempotency-Key once (201, then 200 with the same post)", async () => {
    const { f, student } = await setup();
    const app = await getTestApp();
    const send = () =>
      app.inject({
        method: "POST",
        url: `/api/discussions/threads/${f.thread.id}/posts`,
        headers: { cookie: student.cookie, "x-csrf-token": student.csrf, "idempotency-key": "retry-me-1" },
        payload: { body: "<p>Only once</p>" },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().data.id).toBe(first.json().data.id);
    const thread = await student.request("GET", `/api/discussions/threads/${f.thread.id}`);
    expect((thread.json().data.posts as { body: string }[]).filter((p) => p.body === "<p>Only once</p>")).toHaveLength(1);
  });

  it("refuses a malformed Idempotency-Key, bad bodies and unknown reactions with clear 400s", async () => {
    const { f, student } = await setup();
    const app = await getTestApp();
    const bad = await app.inject({
      method: "POST",
      url: `/api/discussions/threads/${f.thread.id}/posts`,
      headers: { cookie: student.cookie, "x-csrf-token": student.csrf, "idempotency-key": "x".repeat(300) },
      payload: { body: "<p>x</p>" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Idempotency-Key/);
    const tooLong = await student.request("POST", `/api/discussions/threads/${f.thread.id}/posts`, { body: "x".repeat(20_001) });
    expect(tooLong.statusCode).toBe(400);
    expect((await student.request("POST", `/api/discussions/threads/${f.thread.id}/posts`, { body: 42 })).statusCode).toBe(400);
    expect((await student.request("PUT", `/api/discussions/posts/${f.reply.id}/reactions/hate`)).statusCode).toBe(400);
    expect((await student.request("GET", "/api/discussions/threads/not-an-id")).statusCode).toBe(400);
    expect((await student.request("GET", "/api/discussions/search?q=a")).statusCode).toBe(400);
    expect((await student.request("PATCH", `/api/discussions/threads/${f.thread.id}`, {})).statusCode).toBe(400);
    expect(
      (await student.request("POST", `/api/discussions/threads/${f.thread.id}/posts`, { body: "<p>x</p>", parentId: "nope" })).statusCode,
    ).toBe(400);
  });

  it("answers 429 with Retry-After past 10 posts a minute", async () => {
    const { f, student } = await setup();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await student.request("POST", `/api/discussions/threads/${f.thread.id}/posts`, { body: `<p>${i}</p>` })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    const last = await student.request("POST", `/api/discussions/threads/${f.thread.id}/posts`, { body: "<p>again</p>" });
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("attaches an uploaded file to a post and serves it as an attachment with nosniff", async () => {
    const { d, f, student } = await setup();
    const app = await getTestApp();
    const { payload, headers } = multipart("notes.pdf", Buffer.from("%PDF-1.4\n% notes\n"), "text/html");
    const up = await app.inject({
      method: "POST",
      url: `/api/discussions/boards/${f.board.id}/attachments`,
      payload,
      headers: { ...headers, cookie: student.cookie, "x-csrf-token": student.csrf },
    });
    expect(up.statusCode).toBe(201);
    const file = up.json().data as { id: string; contentType: string };
    expect(file.contentType).toBe("application/pdf");
    const posted = await student.request("POST", `/api/discussions/threads/${f.thread.id}/posts`, {
      body: "<p>See file</p>",
      attachmentIds: [file.id],
    });
    expect(posted.statusCode).toBe(201);
    expect(posted.json().data.attachments).toHaveLength(1);
    // The same file cannot go on a second post.
    expect(
      (await student.request("POST", `/api/discussions/threads/${f.thread.id}/posts`, { body: "<p>Again</p>", attachmentIds: [file.id] }))
        .statusCode,
    ).toBe(400);
    // ... and the refused post was not stored either (the post and its file are one commit).
    const thread = await student.request("GET", `/api/discussions/threads/${f.thread.id}`);
    const bodies = (thread.json().data.posts as { body: string; attachments: unknown[] }[]).map((p) => p.body);
    expect(bodies).toContain("<p>See file</p>");
    expect(bodies).not.toContain("<p>Again</p>");
    const teacher = await signIn(d.teacherA.username, testPassword, `10.211.${ipCounter}.1`);
    const down = await teacher.request("GET", `/api/discussions/attachments/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(down.headers["content-disposition"])).toMatch(/^attachment;/);
    const outsider = await signIn(d.teacherB.username, testPassword, `10.212.${ipCounter}.1`);
    expect((await outsider.request("GET", `/api/discussions/attachments/${file.id}`)).statusCode).toBe(404);
    // A script disguised as a PDF is refused by its content.
    const fake = multipart("evil.pdf", Buffer.from("<script>alert(1)</script>"), "application/pdf");
    const refused = await app.inject({
      method: "POST",
      url: `/api/discussions/boards/${f.board.id}/attachments`,
      payload: fake.payload,
      headers: { ...fake.headers, cookie: student.cookie, "x-csrf-token": student.csrf },
    });
    expect(refused.statusCode).toBe(415);
  });
});
