import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, testPassword, type TestDistrict, type TestUser } from "../../test/factories.js";
import { getTestApp, signIn } from "../../test/server.js";
import type { Db } from "../../db/client.js";
import { buildTaskFixture } from "./test-helpers.js";

let app: FastifyInstance;
let db: Db;
beforeAll(async () => {
  app = await getTestApp();
  db = (await getTestDatabase()).db;
});
afterAll(async () => {
  await app.close();
  await (await getTestDatabase()).close();
});

let ip = 1;
const as = (user: TestUser) => signIn(user.username, testPassword, `10.77.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`);

/** A multipart body with one file field. */
function multipart(name: string, content: Buffer, type = "text/plain") {
  const boundary = "----stoa-test-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe("group space over HTTP, every actor against a real task", () => {
  let d: TestDistrict;
  let fixture: Awaited<ReturnType<typeof buildTaskFixture>>;
  beforeAll(async () => {
    d = await buildDistrict(db);
    fixture = await buildTaskFixture(db, d);
  });

  it("answers reads and changes of a group's space by who is asking", async () => {
    const other = await buildDistrict(db);
    const url = `/api/tasks/${fixture.task.id}/groups/${fixture.red.id}`;
    const people: Record<string, TestUser> = {
      teacher: d.teacherA,
      member: d.studentA1,
      otherGroupStudent: fixture.studentA3,
      districtAdmin: d.districtAdmin,
      schoolAdmin: d.schoolAdminA,
      staff: d.counselorA,
      guardian: d.guardianA1,
      otherSchoolTeacher: d.teacherB,
      otherDistrictAdmin: other.districtAdmin,
    };
    const reads: Record<string, number> = {};
    const writes: Record<string, number> = {};
    for (const [who, user] of Object.entries(people)) {
      const session = await as(user);
      reads[who] = (await session.request("GET", url)).statusCode;
      writes[who] = (await session.request("POST", `${url}/cards`, { title: `Card by ${who}` })).statusCode;
    }
    const expected404 = {
      otherGroupStudent: 404,
      districtAdmin: 404,
      schoolAdmin: 404,
      staff: 404,
      guardian: 404,
      otherSchoolTeacher: 404,
      otherDistrictAdmin: 404,
    };
    expect(reads).toEqual({ teacher: 200, member: 200, ...expected404 });
    expect(writes).toEqual({ teacher: 403, member: 201, ...expected404 });
    expect((await app.inject({ method: "GET", url })).statusCode).toBe(401);
  });

  it("answers a stale save with 409, the message and the other person's version", async () => {
    const a1 = await as(d.studentA1);
    const a2 = await as(d.studentA2);
    const url = `/api/tasks/${fixture.task.id}/groups/${fixture.red.id}/submission`;
    expect((await a1.request("PUT", url, { version: 0, body: "<p>One</p>" })).statusCode).toBe(200);
    const res = await a2.request("PUT", url, { version: 0, body: "<p>Two</p>" });
    expect(res.statusCode).toBe(409);
    const body = res.json() as { error: { message: string }; data: { body: string; version: number } };
    expect(body.error.message).toMatch(/Someone else changed this/);
    expect(body.data).toMatchObject({ body: "<p>One</p>", version: 1 });
  });

  it("stores files and serves them as attachments with nosniff and a sanitised name", async () => {
    const a1 = await as(d.studentA1);
    const base = `/api/tasks/${fixture.task.id}/groups/${fixture.red.id}/submission/files`;
    const upload = multipart("../../notes;v2.html", Buffer.from("<script>alert(1)</script>"), "text/html");
    const res = await app.inject({
      method: "POST",
      url: base,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: a1.cookie, "x-csrf-token": a1.csrf },
    });
    expect(res.statusCode, res.body).toBe(200);
    const file = (res.json() as { data: { files: { id: string }[] } }).data.files[0]!;
    const download = await (await as(d.teacherA)).request("GET", `${base}/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-type"]).toBe("application/octet-stream");
    expect(download.headers["content-disposition"]).toMatch(/^attachment; filename="notes_v2.html"/);
    expect(download.body).toBe("<script>alert(1)</script>");
    expect((await (await as(fixture.studentA3)).request("GET", `${base}/${file.id}`)).statusCode).toBe(404);
  });

  it("saves the first text of a submission that so far holds only files", async () => {
    const a3 = await as(fixture.studentA3);
    const base = `/api/tasks/${fixture.task.id}/groups/${fixture.blue.id}/submission`;
    const upload = multipart("plan.txt", Buffer.from("first the files"), "text/plain");
    const res = await app.inject({
      method: "POST",
      url: `${base}/files`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: a3.cookie, "x-csrf-token": a3.csrf },
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = await a3.request("PUT", base, { version: 0, body: "<p>Then the text</p>" });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { data: { version: number } }).data.version).toBe(1);
    expect((await a3.request("PUT", base, { version: 0, body: "<p>Stale</p>" })).statusCode).toBe(409);
  });

  it("refuses a file over the size limit and records nothing", async () => {
    const a2 = await as(d.studentA2);
    const base = `/api/tasks/${fixture.task.id}/groups/${fixture.red.id}`;
    const before = (await a2.request("GET", base)).json() as { data: { submission: { files: unknown[] } } };
    const upload = multipart("big.bin", Buffer.alloc(5 * 1024 * 1024 + 10, 1));
    const res = await app.inject({
      method: "POST",
      url: `${base}/submission/files`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: a2.cookie, "x-csrf-token": a2.csrf },
    });
    expect(res.statusCode).toBe(413);
    const after = (await a2.request("GET", base)).json() as { data: { submission: { files: unknown[] } } };
    expect(after.data.submission.files).toHaveLength(before.data.submission.files.length);
  });

  it("refuses task settings with dates out of order with a clear message", async () => {
    const teacher = await as(d.teacherA);
    const res = await teacher.request("POST", "/api/tasks", {
      classId: d.classA.id,
      setId: fixture.set.id,
      title: "Backwards",
      startsAt: "2030-02-01T00:00:00Z",
      dueAt: "2030-01-01T00:00:00Z",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/due date must be after the start date/);
  });
});
