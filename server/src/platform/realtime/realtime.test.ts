import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { TServerMessage } from "@stoa/contracts";
import { buildApp } from "../../app.js";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { signIn, testAppConfig, type Session } from "../../test/server.js";
import { connectSocket, eventIds, type TestSocket } from "../../test/ws-client.js";
import { testPassword } from "../../test/factories.js";
import { buildTaskFixture } from "../../modules/tasks/test-helpers.js";
import { localFileStorage } from "../storage.js";

let app: FastifyInstance;
let baseUrl: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  const database = await getTestDatabase();
  app = await buildApp(database, testAppConfig, {
    storage: localFileStorage(mkdtempSync(join(tmpdir(), "stoa-rt-files-"))),
    realtimeDispatcher: { holdMs: 300, pollMs: 500 },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
});

async function open(session: Session | null, origin?: string | null): Promise<TestSocket> {
  const socket = await connectSocket(baseUrl, { cookie: session?.cookie, origin });
  sockets.push(socket);
  return socket;
}

const as = (user: { username: string }) => signIn(user.username, testPassword);
const isEvent = (name: string) => (m: TServerMessage) => m.type === "event" && m.event === name;

describe("the WebSocket upgrade", () => {
  it("accepts a signed-in person from Stoa's own origin and answers pings", async () => {
    const d = await buildDistrict((await getTestDatabase()).db);
    const socket = await open(await as(d.teacherA));
    socket.send({ type: "ping" });
    await socket.waitFor((m) => m.type === "pong");
  });

  it("refuses an upgrade without a session (401)", async () => {
    await expect(connectSocket(baseUrl, {})).rejects.toThrow("upgrade refused: 401");
  });

  it("refuses an upgrade from another site's page (403), even with a valid session", async () => {
    const d = await buildDistrict((await getTestDatabase()).db);
    const session = await as(d.teacherA);
    await expect(connectSocket(baseUrl, { cookie: session.cookie, origin: "https://evil.example" })).rejects.toThrow(
      "upgrade refused: 403",
    );
  });

  it("answers malformed messages with an error and keeps the connection", async () => {
    const d = await buildDistrict((await getTestDatabase()).db);
    const socket = await open(await as(d.teacherA));
    socket.ws.send("not json");
    await socket.waitFor((m) => m.type === "error" && m.message.includes("JSON"));
    socket.send({ type: "subscribe", room: "NOT A ROOM" });
    await socket.waitFor((m) => m.type === "error" && m.message.includes("room"));
    socket.send({ type: "ping" });
    await socket.waitFor((m) => m.type === "pong");
  });
});

describe("subscriptions", () => {
  let d: TestDistrict;
  let fixture: Awaited<ReturnType<typeof buildTaskFixture>>;
  let other: TestDistrict;
  beforeAll(async () => {
    const { db } = await getTestDatabase();
    d = await buildDistrict(db);
    other = await buildDistrict(db);
    fixture = await buildTaskFixture(db, d);
  });

  // Each role, a teacher of another school and a person of another district, for each room kind.
  const cases: [string, (d: TestDistrict) => { username: string }, (d: TestDistrict, f: typeof fixture) => string, boolean][] = [];
  const people: [string, (d: TestDistrict) => { username: string }][] = [
    ["district admin", (x) => x.districtAdmin],
    ["school admin", (x) => x.schoolAdminA],
    ["teacher of the class", (x) => x.teacherA],
    ["staff", (x) => x.counselorA],
    ["student member", (x) => x.studentA1],
    ["guardian", (x) => x.guardianA1],
    ["teacher of another school", (x) => x.teacherB],
    ["student of another school", (x) => x.studentB1],
  ];
  const rooms: [string, (x: TestDistrict, f: typeof fixture) => string, Record<string, boolean>][] = [
    [
      "class",
      (x) => `class:${x.classA.id}`,
      {
        "district admin": true,
        "school admin": true,
        "teacher of the class": true,
        staff: true,
        "student member": true,
        guardian: true,
        "teacher of another school": false,
        "student of another school": false,
      },
    ],
    [
      "group",
      (_x, f) => `group:${f.red.id}`,
      {
        "district admin": true,
        "school admin": true,
        "teacher of the class": true,
        staff: false, // as the REST read: counselors do not see group spaces
        "student member": true,
        guardian: false,
        "teacher of another school": false,
        "student of another school": false,
      },
    ],
    [
      "school",
      (x) => `school:${x.schoolA.id}`,
      {
        "district admin": true,
        "school admin": true,
        "teacher of the class": false,
        staff: false,
        "student member": false,
        guardian: false,
        "teacher of another school": false,
        "student of another school": false,
      },
    ],
    [
      "district",
      (x) => `district:${x.district.id}`,
      {
        "district admin": true,
        "school admin": false,
        "teacher of the class": false,
        staff: false,
        "student member": false,
        guardian: false,
        "teacher of another school": false,
        "student of another school": false,
      },
    ],
    [
      "user (the student's own)",
      (x) => `user:${x.studentA1.id}`,
      {
        "district admin": false,
        "school admin": false,
        "teacher of the class": false,
        staff: false,
        "student member": true,
        guardian: false,
        "teacher of another school": false,
        "student of another school": false,
      },
    ],
  ];
  for (const [kind, room, expected] of rooms) {
    for (const [who, pick] of people) cases.push([`${kind} / ${who}`, pick, room, expected[who]!]);
  }

  it.each(cases)("%s", async (_name, pick, room, allowed) => {
    const socket = await open(await as(pick(d)));
    const answer = await socket.subscribe(room(d, fixture));
    expect(answer.type).toBe(allowed ? "subscribed" : "denied");
  });

  it.each([
    ["class", (x: TestDistrict) => `class:${x.classA.id}`],
    ["school", (x: TestDistrict) => `school:${x.schoolA.id}`],
    ["district", (x: TestDistrict) => `district:${x.district.id}`],
    ["group", () => `group:${fixture.red.id}`],
    ["user", (x: TestDistrict) => `user:${x.studentA1.id}`],
  ])("a district admin of another district is denied the %s room", async (_kind, room) => {
    const socket = await open(await as(other.districtAdmin));
    expect((await socket.subscribe(room(d))).type).toBe("denied");
  });

  it("denies a student the group of another student, unknown rooms and unknown kinds alike", async () => {
    const socket = await open(await as(fixture.studentA3));
    expect((await socket.subscribe(`group:${fixture.red.id}`)).type).toBe("denied");
    expect((await socket.subscribe(`group:00000000-0000-4000-8000-000000000000`)).type).toBe("denied");
    expect((await socket.subscribe(`group:not-a-uuid`)).type).toBe("denied");
    expect((await socket.subscribe(`nothing:${fixture.red.id}`)).type).toBe("denied");
    expect((await socket.subscribe(`group:${fixture.blue.id}`)).type).toBe("subscribed");
  });
});

describe("delivery", () => {
  it("delivers an event from a real API change to the room's subscribers only, once each", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const f = await buildTaskFixture(db, d);
    const ada = await as(d.studentA1);
    const adaSocket = await open(ada);
    const teacher = await open(await as(d.teacherA));
    const blue = await open(await as(f.studentA3));
    await adaSocket.subscribe(`group:${f.red.id}`);
    await teacher.subscribe(`group:${f.red.id}`);
    await teacher.subscribe(`class:${d.classA.id}`);
    await blue.subscribe(`group:${f.blue.id}`);

    const res = await ada.request("POST", `/api/tasks/${f.task.id}/groups/${f.red.id}/cards`, { title: "Measure depth" });
    expect(res.statusCode).toBe(201);
    const event = await teacher.waitFor((m) => m.type === "event" && m.rooms.includes(`group:${f.red.id}`));
    expect(event).toMatchObject({ type: "event", payload: { taskId: f.task.id, groupId: f.red.id } });
    await adaSocket.waitFor((m) => m.type === "event" && m.id === (event as { id: number }).id);
    // Later events on the teacher's socket prove the blue socket had time to receive one.
    await new Promise((r) => setTimeout(r, 300));
    expect(eventIds(blue)).toEqual([]);
    expect(eventIds(teacher).filter((id) => id === (event as { id: number }).id)).toHaveLength(1);
  });

  it("resumes with `since`: exactly the missed events of the room, in order, then live ones", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const f = await buildTaskFixture(db, d);
    const ada = await as(d.studentA1);
    const first = await open(ada);
    const subscribed = await first.subscribe(`group:${f.red.id}`);
    if (subscribed.type !== "subscribed") throw new Error("not subscribed");
    const card = (title: string) => ada.request("POST", `/api/tasks/${f.task.id}/groups/${f.red.id}/cards`, { title });
    expect((await card("one")).statusCode).toBe(201);
    const seen = await first.waitFor(isEvent("task.card.created"));
    first.close();
    await first.closed;
    // Missed while offline: two cards in Red and one in Blue (another room).
    expect((await card("two")).statusCode).toBe(201);
    expect((await card("three")).statusCode).toBe(201);
    const ari = await as(f.studentA3);
    expect((await ari.request("POST", `/api/tasks/${f.task.id}/groups/${f.blue.id}/cards`, { title: "blue" })).statusCode).toBe(201);
    const missed = await waitForOutbox(db, `group:${f.red.id}`, (seen as { id: number }).id, 2);

    const again = await open(ada);
    await again.subscribe(`group:${f.red.id}`, (seen as { id: number }).id);
    await again.waitFor((m) => m.type === "event" && m.id === missed[1]);
    expect(eventIds(again)).toEqual(missed);
    expect((await card("four")).statusCode).toBe(201);
    await again.waitFor((m) => m.type === "event" && m.id > missed[1]!);
    expect(eventIds(again)).toHaveLength(3);
  });

  it("revokes a group room at once when the student is moved out, and sends none of its later events", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const f = await buildTaskFixture(db, d);
    const ali = await open(await as(d.studentA2));
    expect((await ali.subscribe(`group:${f.red.id}`)).type).toBe("subscribed");
    const teacher = await as(d.teacherA);
    const set = (await teacher.request("GET", `/api/group-sets/${f.set.id}`)).json() as { data: { version: number } };
    const moved = await teacher.request("POST", `/api/group-sets/${f.set.id}/moves`, {
      version: set.data.version,
      userId: d.studentA2.id,
      toGroupId: f.blue.id,
    });
    expect(moved.statusCode).toBe(200);
    await ali.waitFor((m) => m.type === "revoked" && m.room === `group:${f.red.id}`);
    const ada = await as(d.studentA1);
    expect((await ada.request("POST", `/api/tasks/${f.task.id}/groups/${f.red.id}/cards`, { title: "secret" })).statusCode).toBe(201);
    const adaSocket = await open(ada);
    await adaSocket.subscribe(`group:${f.red.id}`);
    expect((await ada.request("POST", `/api/tasks/${f.task.id}/groups/${f.red.id}/cards`, { title: "secret 2" })).statusCode).toBe(201);
    await adaSocket.waitFor(isEvent("task.card.created"));
    await new Promise((r) => setTimeout(r, 200));
    expect(
      ali.messages.filter((m) => m.type === "event" && m.rooms.includes(`group:${f.red.id}`) && m.event === "task.card.created"),
    ).toEqual([]);
    // And a new subscription is denied.
    ali.send({ type: "subscribe", room: `group:${f.red.id}` });
    await ali.waitFor((m) => m.type === "denied" && m.room === `group:${f.red.id}`);
  });

  it("revokes the class room when the student is removed from the class", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const socket = await open(await as(d.studentA2));
    expect((await socket.subscribe(`class:${d.classA.id}`)).type).toBe("subscribed");
    const admin = await as(d.schoolAdminA);
    const res = await admin.request("DELETE", `/api/classes/${d.classA.id}/enrolments/${d.studentA2.id}`);
    expect(res.statusCode).toBeLessThan(300);
    await socket.waitFor((m) => m.type === "revoked" && m.room === `class:${d.classA.id}`);
  });

  it("closes the sockets of a session when it signs out, and only those", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const one = await as(d.teacherA);
    const two = await as(d.teacherA);
    const a = await open(one);
    const b = await open(two);
    await a.subscribe(`user:${d.teacherA.id}`);
    await b.subscribe(`user:${d.teacherA.id}`);
    expect((await one.request("POST", "/api/auth/logout")).statusCode).toBe(204);
    expect(await a.closed).toBe(4401);
    b.send({ type: "ping" });
    await b.waitFor((m) => m.type === "pong");
    expect(b.ws.readyState).toBe(b.ws.OPEN);
  });

  it("closes a person's sockets when an admin deactivates them or resets their password", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const admin = await as(d.schoolAdminA);
    const ada = await open(await as(d.studentA1));
    await ada.subscribe(`class:${d.classA.id}`);
    const reset = await admin.request("POST", `/api/people/${d.studentA1.id}/password`, { newPassword: "copper-lantern-harbour-77" });
    expect(reset.statusCode).toBe(204);
    expect(await ada.closed).toBe(4401);
    const ali = await open(await as(d.studentA2));
    await ali.subscribe(`class:${d.classA.id}`);
    const off = await admin.request("PATCH", `/api/people/${d.studentA2.id}`, { status: "inactive" });
    expect(off.statusCode).toBe(200);
    expect(await ali.closed).toBe(4401);
  });

  it("re-checks a person's rooms when a role is taken away", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const { buildUser } = await import("../../test/factories.js");
    const both = await buildUser(db, d.district.id, {
      name: "Bo",
      roles: [
        { role: "teacher", schoolId: d.schoolA.id },
        { role: "school_admin", schoolId: d.schoolA.id },
      ],
    });
    const socket = await open(await as(both));
    expect((await socket.subscribe(`school:${d.schoolA.id}`)).type).toBe("subscribed");
    const person = (await (await as(d.districtAdmin)).request("GET", `/api/people/${both.id}`)).json() as {
      data: { roles: { id: string; role: string }[] };
    };
    const adminRole = person.data.roles.find((r) => r.role === "school_admin")!;
    const res = await (await as(d.districtAdmin)).request("DELETE", `/api/people/${both.id}/roles/${adminRole.id}`);
    expect(res.statusCode).toBe(200);
    await socket.waitFor((m) => m.type === "revoked" && m.room === `school:${d.schoolA.id}`);
  });

  it("shares presence and typing among the room's subscribers", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const f = await buildTaskFixture(db, d);
    const ada = await open(await as(d.studentA1));
    const ali = await open(await as(d.studentA2));
    await ada.subscribe(`group:${f.red.id}`);
    await ali.subscribe(`group:${f.red.id}`);
    await ada.waitFor((m) => m.type === "presence" && m.members.length === 2);
    ali.send({ type: "typing", room: `group:${f.red.id}` });
    const typing = await ada.waitFor((m) => m.type === "typing");
    expect(typing).toMatchObject({ member: { userId: d.studentA2.id } });
    ali.close();
    await ada.waitFor((m) => m.type === "presence" && m.members.length === 1 && m.members[0]!.userId === d.studentA1.id);
  });
});

/** The ids of a room's events after `since` once at least `count` are stored. */
async function waitForOutbox(db: Awaited<ReturnType<typeof getTestDatabase>>["db"], room: string, since: number, count: number) {
  const { sql } = await import("drizzle-orm");
  for (let i = 0; i < 50; i++) {
    const result = (await db.execute(sql`select id from events where id > ${since} and ${room} = any(rooms) order by id`)) as unknown as {
      rows: { id: string | number }[];
    };
    if (result.rows.length >= count) return result.rows.map((r) => Number(r.id));
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("events did not arrive");
}
