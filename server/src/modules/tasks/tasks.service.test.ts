import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict } from "../../test/factories.js";
import { events, groupSets } from "../../db/schema/index.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../platform/errors.js";
import * as tasks from "./tasks.service.js";
import * as space from "./space.service.js";
import * as board from "./board.service.js";
import * as submission from "./submission.service.js";
import { StaleVersion } from "./stale-version.js";
import { buildTaskFixture } from "./test-helpers.js";

let db: Db;
afterAll(async () => (await getTestDatabase()).close());
beforeAll(async () => {
  db = (await getTestDatabase()).db;
});

/** The status of the AppError a promise rejects with. */
async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.statusCode;
    throw error;
  }
  return 200;
}

async function setup() {
  const d = await buildDistrict(db);
  const f = await buildTaskFixture(db, d);
  return { d, ...f, a1: actorOf(d.studentA1), a2: actorOf(d.studentA2), teacher: actorOf(d.teacherA) };
}

describe("tasks", () => {
  it("stores the settings with instructions sanitised and the spec's default roles", async () => {
    const { task } = await setup();
    expect(task.instructions).toBe("<p>Measure the river.</p>");
    expect(task.roles).toEqual(["facilitator", "recorder", "researcher", "presenter", "timekeeper", "skeptic"]);
    expect(task.peerWeight).toBe(50);
  });

  it("lets only the class's teachers create and edit tasks", async () => {
    const { d, set, task, a1 } = await setup();
    const input = { classId: d.classA.id, setId: set.id, title: "X", dueAt: new Date(Date.now() + 86_400_000).toISOString() };
    expect(await statusOf(tasks.createTask(db, a1, input))).toBe(403);
    expect(await statusOf(tasks.createTask(db, actorOf(d.teacherB), input))).toBe(404);
    expect(await statusOf(tasks.updateTask(db, a1, task.id, { ...input, version: task.version }))).toBe(403);
  });

  it("refuses a set of another class", async () => {
    const { d, set } = await setup();
    const input = { classId: d.classB.id, setId: set.id, title: "X", dueAt: new Date(Date.now() + 86_400_000).toISOString() };
    expect(await statusOf(tasks.createTask(db, actorOf(d.teacherB), input))).toBe(400);
  });

  it("refuses settings whose dates are out of order", async () => {
    const { d, set } = await setup();
    const due = new Date(Date.now() + 86_400_000).toISOString();
    await expect(
      tasks.createTask(db, actorOf(d.teacherA), {
        classId: d.classA.id,
        setId: set.id,
        title: "X",
        dueAt: due,
        startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      }),
    ).rejects.toThrow(/due date must be after the start date/);
  });

  it("answers a stale task edit with the current version", async () => {
    const { task, teacher } = await setup();
    const edit = { ...task, title: "First edit" };
    await tasks.updateTask(db, teacher, task.id, edit);
    const error = await tasks.updateTask(db, teacher, task.id, { ...task, title: "Second edit" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleVersion);
    expect((error as StaleVersion).current).toMatchObject({ title: "First edit", version: 2 });
  });

  it("shows students only tasks of published sets where they have a group", async () => {
    const { d, set, task, a1 } = await setup();
    expect((await tasks.listMyTasks(db, a1)).map((t) => t.task.id)).toContain(task.id);
    expect((await tasks.listTasksOfClass(db, a1, d.classA.id)).data.map((t) => t.id)).toEqual([task.id]);
    await db.update(groupSets).set({ publishedAt: null }).where(eq(groupSets.id, set.id));
    expect((await tasks.listMyTasks(db, a1)).map((t) => t.task.id)).not.toContain(task.id);
    expect(await tasks.getTaskForActor(db, a1, task.id)).toBeNull();
    expect(await tasks.getTaskForActor(db, actorOf(d.teacherA), task.id)).not.toBeNull();
  });
});

describe("group space policy", () => {
  it("shows a group's space to its members and the class's teachers only", async () => {
    const { d, task, red, studentA3, a1, teacher } = await setup();
    expect((await space.getSpace(db, a1, task.id, red.id)).members.map((m) => m.id).sort()).toEqual(
      [d.studentA1.id, d.studentA2.id].sort(),
    );
    expect((await space.getSpace(db, teacher, task.id, red.id)).viewer).toMatchObject({ isTeacher: true, canEdit: false });
    for (const outsider of [studentA3, d.teacherB, d.schoolAdminA, d.districtAdmin, d.guardianA1, d.counselorA, d.studentB1]) {
      expect(await statusOf(space.getSpace(db, actorOf(outsider), task.id, red.id)), outsider.givenName).toBe(404);
    }
  });

  it("lets teachers read but not change a space", async () => {
    const { task, red, teacher } = await setup();
    expect(await statusOf(board.createCard(db, teacher, task.id, red.id, { title: "Teacher card" }))).toBe(403);
  });
});

describe("charter", () => {
  it("is agreed once every member signs, and asks again after an edit", async () => {
    const { task, red, a1, a2 } = await setup();
    const text = { goals: "Finish the study", norms: "Be kind", decisions: "Vote", fallingBehind: "We talk first" };
    let charter = await space.updateCharter(db, a1, task.id, red.id, { ...text, version: 0 });
    expect(charter).toMatchObject({ version: 1, agreed: false });
    charter = await space.signCharter(db, a1, task.id, red.id, 1);
    expect(charter.agreed).toBe(false);
    charter = await space.signCharter(db, a2, task.id, red.id, 1);
    expect(charter).toMatchObject({ agreed: true });
    expect(charter.signatures).toHaveLength(2);

    charter = await space.updateCharter(db, a2, task.id, red.id, { ...text, norms: "Be kind and on time", version: 1 });
    expect(charter).toMatchObject({ version: 2, agreed: false, signatures: [] });
    // Signing the text one read before the edit is refused: read the new text first.
    expect(await statusOf(space.signCharter(db, a1, task.id, red.id, 1))).toBe(409);
    // A stale edit loses nothing: 409 with the current text.
    const stale = await space.updateCharter(db, a1, task.id, red.id, { ...text, version: 1 }).catch((e: unknown) => e);
    expect((stale as StaleVersion).current).toMatchObject({ norms: "Be kind and on time", version: 2 });
  });
});

describe("roles", () => {
  it("lets members propose roles to members, and the person named accept", async () => {
    const { d, task, red, studentA3, a1, a2 } = await setup();
    let roles = await space.proposeRole(db, a1, task.id, red.id, { role: "recorder", userId: d.studentA2.id });
    expect(roles).toMatchObject([{ role: "recorder", accepted: false, user: { id: d.studentA2.id } }]);
    roles = await space.acceptRole(db, a2, task.id, red.id, { role: "recorder" });
    expect(roles[0]?.accepted).toBe(true);
    expect(await statusOf(space.proposeRole(db, a1, task.id, red.id, { role: "recorder", userId: studentA3.id }))).toBe(400);
    expect(await statusOf(space.proposeRole(db, a1, task.id, red.id, { role: "wizard", userId: d.studentA1.id }))).toBe(400);
    expect(await statusOf(space.proposeRole(db, a1, task.id, red.id, { role: "recorder", userId: d.studentA1.id, phase: 1 }))).toBe(400);
  });
});

describe("board", () => {
  it("logs every change and refuses a card for a non-member", async () => {
    const { task, red, studentA3, a1, a2, d } = await setup();
    expect(await statusOf(board.createCard(db, a1, task.id, red.id, { title: "Outsider", ownerId: studentA3.id }))).toBe(400);
    const card = await board.createCard(db, a1, task.id, red.id, {
      title: "Measure depth",
      ownerId: d.studentA2.id,
      checklist: [{ id: "1", text: "Find a ruler", done: false }],
    });
    const moved = await board.updateCard(db, a2, task.id, red.id, card.id, { version: card.version, status: "doing" });
    await board.updateCard(db, a2, task.id, red.id, card.id, {
      version: moved.version,
      checklist: [{ id: "1", text: "Find a ruler", done: true }],
    });
    const log = await board.listCardLog(db, a1, task.id, red.id);
    expect(log.map((l) => l.action)).toEqual(["checklist", "moved", "created"]);
    expect(log[1]?.details).toMatchObject({ status: { from: "todo", to: "doing" } });
  });

  it("answers a concurrent change made from a stale version with 409 and the current card", async () => {
    const { task, red, a1, a2 } = await setup();
    const card = await board.createCard(db, a1, task.id, red.id, { title: "Draw map" });
    await board.updateCard(db, a1, task.id, red.id, card.id, { version: card.version, title: "Draw the map" });
    const error = await board
      .updateCard(db, a2, task.id, red.id, card.id, { version: card.version, status: "done" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleVersion);
    expect((error as StaleVersion).current).toMatchObject({ title: "Draw the map", status: "todo", version: 2 });
    expect(await statusOf(board.deleteCard(db, a2, task.id, red.id, card.id, card.version))).toBe(409);
  });
});

describe("submission", () => {
  it("keeps every version, refuses stale saves and shows who changed what", async () => {
    const { task, red, a1, a2, d } = await setup();
    let s = await submission.saveSubmission(db, a1, task.id, red.id, { version: 0, body: "<p>Draft</p><img src=x onerror=alert(1)>" });
    expect(s).toMatchObject({ version: 1, body: "<p>Draft</p>", updatedBy: { id: d.studentA1.id } });
    s = await submission.saveSubmission(db, a2, task.id, red.id, { version: 1, body: "<p>Draft by two</p>" });
    const stale = await submission.saveSubmission(db, a1, task.id, red.id, { version: 1, body: "<p>Mine</p>" }).catch((e: unknown) => e);
    expect((stale as StaleVersion).current).toMatchObject({ version: 2, body: "<p>Draft by two</p>" });
    const history = await submission.listVersions(db, a1, task.id, red.id);
    expect(history.map((h) => [h.version, h.author.id])).toEqual([
      [2, d.studentA2.id],
      [1, d.studentA1.id],
    ]);
    expect((await submission.getVersion(db, a2, task.id, red.id, 1)).body).toBe("<p>Draft</p>");
  });

  it("is submitted once, and must be taken back before more edits", async () => {
    const { task, red, a1, a2 } = await setup();
    expect(await statusOf(submission.submit(db, a1, task.id, red.id))).toBe(400);
    await submission.saveSubmission(db, a1, task.id, red.id, { version: 0, body: "<p>Done</p>" });
    expect((await submission.submit(db, a2, task.id, red.id)).submittedAt).not.toBeNull();
    expect(await statusOf(submission.saveSubmission(db, a1, task.id, red.id, { version: 1, body: "<p>More</p>" }))).toBe(409);
    await submission.unsubmit(db, a1, task.id, red.id);
    expect((await submission.saveSubmission(db, a1, task.id, red.id, { version: 1, body: "<p>More</p>" })).version).toBe(2);
  });

  it("refuses every change after the deadline and changes nothing", async () => {
    const d = await buildDistrict(db);
    const { task, red } = await buildTaskFixture(db, d, { dueAt: new Date(Date.now() - 60_000).toISOString() });
    const a1 = actorOf(d.studentA1);
    expect(await statusOf(submission.saveSubmission(db, a1, task.id, red.id, { version: 0, body: "<p>Late</p>" }))).toBe(400);
    expect(await statusOf(board.createCard(db, a1, task.id, red.id, { title: "Late card" }))).toBe(400);
    expect(
      await statusOf(space.updateCharter(db, a1, task.id, red.id, { goals: "", norms: "", decisions: "", fallingBehind: "", version: 0 })),
    ).toBe(400);
    const read = await space.getSpace(db, a1, task.id, red.id);
    expect(read).toMatchObject({ deadlinePassed: true, cards: [], submission: { version: 0 }, viewer: { canEdit: false } });
  });
});

describe("contribution record", () => {
  it("counts time on task from bounded heartbeat intervals, not from a tab left open", async () => {
    const { task, red, a1, a2, teacher, d } = await setup();
    const t0 = Date.now() - 3_600_000;
    const at = (s: number) => new Date(t0 + s * 1000);
    for (const s of [0, 30, 60, 90, 600, 630]) await space.recordHeartbeat(db, a1, task.id, red.id, at(s));
    await space.recordHeartbeat(db, a2, task.id, red.id, at(0));
    await space.recordHeartbeat(db, teacher, task.id, red.id, at(10));
    const card = await board.createCard(db, a2, task.id, red.id, { title: "Count fish", ownerId: d.studentA2.id });
    await board.updateCard(db, a2, task.id, red.id, card.id, { version: 1, status: "done" });
    await submission.saveSubmission(db, a1, task.id, red.id, { version: 0, body: "<p>x</p>" });

    const record = await space.getContributions(db, a2, task.id, red.id);
    const of = (id: string) => record.find((r) => r.user.id === id);
    expect(of(d.studentA1.id)).toMatchObject({ activeSeconds: 120, submissionEdits: 1, cardsDone: 0, boardActions: 0 });
    expect(of(d.studentA2.id)).toMatchObject({ activeSeconds: 0, cardsDone: 1, cardsOwned: 1, boardActions: 2 });

    const [redSummary] = await space.listGroupSummaries(db, teacher, task.id);
    expect(redSummary).toMatchObject({
      group: { name: "Red" },
      cards: { done: 1, todo: 0 },
      charterAgreed: false,
      submission: { version: 1 },
    });
    expect(await statusOf(space.listGroupSummaries(db, a1, task.id))).toBe(404);
  });

  it("records outbox events for changes in the space", async () => {
    const { task, red, a1 } = await setup();
    await board.createCard(db, a1, task.id, red.id, { title: "Event card" });
    const rows = await db.select().from(events).where(eq(events.type, "task.card.created"));
    expect(rows.some((e) => e.rooms.includes(`group:${red.id}`) && e.payload.taskId === task.id)).toBe(true);
  });
});
