import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../app.js";
import { getTestDatabase } from "../../test/db.js";
import { testAppConfig } from "../../test/server.js";
import { buildDistrict, testPassword, type TestDistrict } from "../../test/factories.js";
import { localFileStorage } from "../../platform/storage.js";
import { jpegWithGps, multipart } from "./test-helpers.js";

// Uploads over HTTP with small limits: 1 MB per file, 2 MB per student.

let app: FastifyInstance;
let d: TestDistrict;

async function signInTo(username: string) {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: username, password: testPassword } });
  const cookie = `stoa_session=${res.cookies.find((c) => c.name === "stoa_session")?.value ?? ""}`;
  const csrf = (res.json() as { data: { csrfToken: string } }).data.csrfToken;
  return { cookie, csrf };
}

async function upload(session: { cookie: string; csrf: string }, name: string, content: Buffer, type?: string) {
  const { payload, headers } = multipart(name, content, type);
  return app.inject({
    method: "POST",
    url: "/api/portfolio/files",
    payload,
    headers: { ...headers, cookie: session.cookie, "x-csrf-token": session.csrf },
  });
}

beforeAll(async () => {
  const database = await getTestDatabase();
  app = await buildApp(
    database,
    { ...testAppConfig, PORTFOLIO_MAX_FILE_MB: 1, PORTFOLIO_QUOTA_MB: 2 },
    { storage: localFileStorage(mkdtempSync(join(tmpdir(), "stoa-upload-routes-"))) },
  );
  await app.ready();
  d = await buildDistrict(database.db);
});
afterAll(async () => {
  await app.close();
  await (await getTestDatabase()).close();
});

describe("uploading and serving portfolio files", () => {
  it("stores a phone photo without its GPS position and serves it safely", async () => {
    const student = await signInTo(d.studentA1.username);
    const res = await upload(student, "beach.png", await jpegWithGps(), "image/png");
    expect(res.statusCode, res.body).toBe(201);
    const file = (res.json() as { data: { id: string; mediaType: string; fileName: string; url: string; inline: boolean } }).data;
    // The claimed type and name do not decide: the bytes do.
    expect(file).toMatchObject({ mediaType: "image/jpeg", fileName: "beach.jpg", inline: true });

    const download = await app.inject({ method: "GET", url: file.url, headers: { cookie: student.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toMatch(/^attachment; filename="beach.jpg"/);
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-security-policy"]).toMatch(/^sandbox/);
    expect((await sharp(download.rawPayload).metadata()).exif).toBeUndefined();
    expect(download.rawPayload.includes(Buffer.from("SecretCam"))).toBe(false);

    const inline = await app.inject({ method: "GET", url: `${file.url}?inline=1`, headers: { cookie: student.cookie } });
    expect(inline.headers["content-disposition"]).toMatch(/^inline/);
    expect(inline.headers["content-type"]).toBe("image/jpeg");
  });

  it("never serves a text file inline, even when asked", async () => {
    const student = await signInTo(d.studentA1.username);
    const res = await upload(student, "notes.txt", Buffer.from("my notes about plants\n"), "text/html");
    expect(res.statusCode, res.body).toBe(201);
    const url = (res.json() as { data: { url: string } }).data.url;
    const download = await app.inject({ method: "GET", url: `${url}?inline=1`, headers: { cookie: student.cookie } });
    expect(download.headers["content-disposition"]).toMatch(/^attachment/);
    expect(download.headers["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("refuses a web page disguised as a PNG with a 415 and a plain message", async () => {
    const student = await signInTo(d.studentA1.username);
    const res = await upload(
      student,
      "cute-cat.png",
      Buffer.from("<!DOCTYPE html><html><body><script>fetch('/api/me')</script></body></html>"),
      "image/png",
    );
    expect(res.statusCode).toBe(415);
    expect((res.json() as { error: { code: string; message: string } }).error).toMatchObject({ code: "file_type_not_allowed" });
  });

  it("refuses a file over the size limit with a 413 saying the limit", async () => {
    const student = await signInTo(d.studentA1.username);
    const res = await upload(student, "long.txt", Buffer.alloc(1024 * 1024 + 10, 0x61));
    expect(res.statusCode).toBe(413);
    expect((res.json() as { error: { code: string; message: string } }).error).toMatchObject({
      code: "file_too_large",
      message: expect.stringMatching(/1 MB/) as unknown,
    });
  });

  it("refuses an upload past the student's quota with a 413, and counts only that student's files", async () => {
    const student = await signInTo(d.studentA2.username);
    const chunk = Buffer.alloc(900 * 1024, 0x62);
    expect((await upload(student, "one.txt", chunk)).statusCode).toBe(201);
    expect((await upload(student, "two.txt", chunk)).statusCode).toBe(201);
    const third = await upload(student, "three.txt", chunk);
    expect(third.statusCode).toBe(413);
    expect((third.json() as { error: { code: string; message: string } }).error.code).toBe("quota_exceeded");
    const usage = await app.inject({ method: "GET", url: "/api/portfolio/usage", headers: { cookie: student.cookie } });
    expect((usage.json() as { data: { usedBytes: number; quotaBytes: number } }).data).toEqual({
      usedBytes: 2 * 900 * 1024,
      quotaBytes: 2 * 1024 * 1024,
      maxFileBytes: 1024 * 1024,
    });
  });

  it("lets only students upload, and keeps a file private to its owner until shared", async () => {
    const teacher = await signInTo(d.teacherA.username);
    expect((await upload(teacher, "x.txt", Buffer.from("hello\n"))).statusCode).toBe(403);
    const owner = await signInTo(d.studentA1.username);
    const res = await upload(owner, "secret.txt", Buffer.from("secret\n"));
    const url = (res.json() as { data: { url: string } }).data.url;
    const peer = await signInTo(d.studentB1.username);
    expect((await app.inject({ method: "GET", url, headers: { cookie: peer.cookie } })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url })).statusCode).toBe(401);
  });
});
