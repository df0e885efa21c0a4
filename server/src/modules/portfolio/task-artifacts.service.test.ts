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
import { addFile, saveSubmission } from "../tasks/submission.service.js";
import { buildTaskFixture } from "../tasks/test-helpers.js";
import { getArtifact, listArtifacts } from "./artifacts.service.js";
import { createArtifactFromTask } from "./task-artifacts.service.js";

let db: Db;
let d: TestDistrict;
let other: TestDistrict;
let fixture: Awaited<ReturnType<typeof buildTaskFixture>>;
const storage = localFileStorage(mkdtempSync(join(tmpdir(), "stoa-task-artifacts-")));

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  d = await buildDistrict(db);
  other = await buildDistrict(db);
  fixture = await buildTaskFixture(db, d);
  const { task, red } = fixture;
  await saveSubmission(db, actorOf(d.studentA1), task.id, red.id, {
    version: 0,
    body: "<p>We measured <strong>3 m</strong>.</p><img src=x onerror=alert(1)><script>alert(1)</script>",
  });
  await addFile(db, storage, actorOf(d.studentA2), task.id, red.id, {
    fileName: "river-photo.png",
    contentType: "image/png",
    stream: Readable.from([Buffer.from("not really a png")]),
    maxBytes: 1024 * 1024,
    truncated: () => false,
  });
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

describe("adding a group task submission to a portfolio", () => {
  it("snapshots the sanitised text, file names and task title for a member; the other members co-own it", async () => {
    const { task, red } = fixture;
    const { data } = await createArtifactFromTask(db, actorOf(d.studentA1), { taskId: task.id, groupId: red.id });
    expect(data.kind).toBe("stoa");
    expect(data.title).toBe("River study (Red)");
    expect(data.source).toMatchObject({
      type: "taskSubmission",
      title: "River study",
      classId: d.classA.id,
      fileNames: ["river-photo.png"],
    });
    expect(data.body).toContain("<strong>3 m</strong>");
    expect(data.body).not.toMatch(/script|onerror/);
    expect(data.source?.text).toBe(data.body);
    expect(data.coOwners.map((p) => p.id)).toEqual([d.studentA2.id]);

    // The co-owner finds it among their own work; later edits of the submission do not change the snapshot.
    const mine = await listArtifacts(db, actorOf(d.studentA2), { page: 1, pageSize: 50 });
    expect(mine.items.map((a) => a.id)).toContain(data.id);
    await saveSubmission(db, actorOf(d.studentA2), task.id, red.id, { version: 1, body: "<p>Changed later</p>" });
    expect((await getArtifact(db, actorOf(d.studentA2), data.id)).data.body).toContain("3 m");
  });

  it("uses the student's own title when given one", async () => {
    const { task, red } = fixture;
    const { data } = await createArtifactFromTask(db, actorOf(d.studentA2), { taskId: task.id, groupId: red.id, title: "Our river" });
    expect(data.title).toBe("Our river");
    expect(data.coOwners.map((p) => p.id)).toEqual([d.studentA1.id]);
  });

  it("answers 404 to a student of another group of the same task, as if it did not exist", async () => {
    const { task, red, studentA3 } = fixture;
    const error = await failure(createArtifactFromTask(db, actorOf(studentA3), { taskId: task.id, groupId: red.id }));
    expect(error.statusCode).toBe(404);
  });

  it("answers 404 to a student outside the class and in another district", async () => {
    const { task, red } = fixture;
    expect((await failure(createArtifactFromTask(db, actorOf(d.studentB1), { taskId: task.id, groupId: red.id }))).statusCode).toBe(404);
    expect((await failure(createArtifactFromTask(db, actorOf(other.studentA1), { taskId: task.id, groupId: red.id }))).statusCode).toBe(
      404,
    );
  });

  it("refuses the class's teacher, who keeps no portfolio", async () => {
    const { task, red } = fixture;
    expect((await failure(createArtifactFromTask(db, actorOf(d.teacherA), { taskId: task.id, groupId: red.id }))).statusCode).toBe(403);
  });
});
