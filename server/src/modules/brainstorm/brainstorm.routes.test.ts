import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, testPassword, type TestUser } from "../../test/factories.js";
import { getTestApp, signIn } from "../../test/server.js";
import type { Db } from "../../db/client.js";
import { mayJoinRoom } from "../../platform/realtime/room-policies.js";
import * as boards from "./brainstorm.service.js";
import { buildGroups } from "./test-helpers.js";

let db: Db;
beforeAll(async () => {
  await getTestApp();
  db = (await getTestDatabase()).db;
});
afterAll(async () => {
  await (await getTestApp()).close();
  await (await getTestDatabase()).close();
});

let ip = 1;
const as = (user: TestUser) => signIn(user.username, testPassword, `10.78.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`);

async function setup(anonymous = false) {
  const d = await buildDistrict(db);
  await buildGroups(db, d);
  const board = await boards.createBoard(db, actorOf(d.teacherA), { classId: d.classA.id, title: "Flood ideas", anonymous });
  return { d, board, url: `/api/brainstorm-boards/${board.id}` };
}

describe("brainstorm over HTTP", () => {
  it("answers bad input with 400 and a message that says what to fix", async () => {
    const { d, url } = await setup();
    const student = await as(d.studentA1);
    const empty = await student.request("POST", `${url}/cards`, { text: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Write something on the card");
    const long = await student.request("POST", `${url}/cards`, { text: "x".repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain("at most 500 characters");
    expect((await student.request("POST", `${url}/cards`, { text: "ok", x: 99_999, y: 1 })).statusCode).toBe(400);
    expect((await student.request("POST", `${url}/cards`, { text: "ok", colour: "neon" })).statusCode).toBe(400);
    const card = (await student.request("POST", `${url}/cards`, { text: "ok" })).json().data;
    expect((await student.request("POST", `${url}/cards/${card.id}/move`, { x: 5 })).statusCode).toBe(400);
    expect((await student.request("POST", `${url}/cards/${card.id}/move`, {})).statusCode).toBe(400);
    expect((await student.request("PATCH", `${url}/cards/${card.id}`, { version: 1 })).statusCode).toBe(400);
    expect((await student.request("GET", "/api/brainstorm-boards/not-an-id")).statusCode).toBe(400);
    const teacher = await as(d.teacherA);
    expect((await teacher.request("PATCH", url, {})).statusCode).toBe(400);
    expect((await teacher.request("PATCH", url, { votesPerPerson: 50 })).statusCode).toBe(400);
    expect((await teacher.request("POST", "/api/brainstorm-boards", { classId: d.classA.id, title: "" })).statusCode).toBe(400);
  });

  it("answers a stale edit with 409 and the current card in data", async () => {
    const { d, url } = await setup();
    const student = await as(d.studentA1);
    const teacher = await as(d.teacherA);
    const card = (await student.request("POST", `${url}/cards`, { text: "first" })).json().data;
    expect((await teacher.request("PATCH", `${url}/cards/${card.id}`, { version: 1, text: "teacher" })).statusCode).toBe(200);
    const stale = await student.request("PATCH", `${url}/cards/${card.id}`, { version: 1, text: "mine" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: { code: "stale_version" },
      data: { id: card.id, text: "teacher", version: 2, mine: true },
    });
  });

  it("keeps authors out of a peer's answer on an anonymous board and gives them to the teacher", async () => {
    const { d, url } = await setup(true);
    const author = await as(d.studentA1);
    await author.request("POST", `${url}/cards`, { text: "secret idea" });
    const peer = (await (await as(d.studentA2)).request("GET", url)).json().data;
    expect(peer.viewer.authorsHidden).toBe(true);
    expect(peer.cards[0].author).toBeNull();
    expect(JSON.stringify(peer)).not.toContain(d.studentA1.id);
    const teacher = (await (await as(d.teacherA)).request("GET", url)).json().data;
    expect(teacher.cards[0].author.id).toBe(d.studentA1.id);
  });

  it("limits how fast one person adds cards (429 with Retry-After)", async () => {
    const { d, url } = await setup();
    const student = await as(d.studentA2);
    let last = 0;
    let retryAfter: string | undefined;
    for (let i = 0; i < 31; i++) {
      const res = await student.request("POST", `${url}/cards`, { text: `idea ${i}` });
      last = res.statusCode;
      retryAfter = res.headers["retry-after"] as string | undefined;
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("lets exactly the board's readers join its room (the policy app.ts registers), for a class board and a group board", async () => {
    const d = await buildDistrict(db);
    const other = await buildDistrict(db);
    const g = await buildGroups(db, d);
    const classBoard = await boards.createBoard(db, actorOf(d.teacherA), { classId: d.classA.id, title: "Class" });
    const groupBoard = await boards.createBoard(db, actorOf(d.studentA1), { groupId: g.red.id, title: "Red" });
    const people = {
      districtAdmin: d.districtAdmin,
      schoolAdmin: d.schoolAdminA,
      teacher: d.teacherA,
      staff: d.counselorA,
      student: d.studentA1,
      otherGroupStudent: g.studentA3,
      guardian: d.guardianA1,
      otherSchoolTeacher: d.teacherB,
      otherDistrictAdmin: other.districtAdmin,
    };
    const answers: Record<string, [boolean, boolean]> = {};
    for (const [who, user] of Object.entries(people))
      answers[who] = [
        await mayJoinRoom(db, actorOf(user), `brainstorm:${classBoard.id}`),
        await mayJoinRoom(db, actorOf(user), `brainstorm:${groupBoard.id}`),
      ];
    expect(answers).toEqual({
      districtAdmin: [true, true],
      schoolAdmin: [true, true],
      teacher: [true, true],
      staff: [false, false],
      student: [true, true],
      otherGroupStudent: [true, false],
      guardian: [false, false],
      otherSchoolTeacher: [false, false],
      otherDistrictAdmin: [false, false],
    });
    // A removed board's room is closed to everyone.
    await boards.archiveBoard(db, actorOf(d.teacherA), classBoard.id);
    expect(await mayJoinRoom(db, actorOf(d.teacherA), `brainstorm:${classBoard.id}`)).toBe(false);
  });
});
