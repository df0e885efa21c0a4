import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { TChatMessage, TChatPage } from "@stoa/contracts";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, buildUser, enrol, testPassword, type TestDistrict, type TestUser } from "../../test/factories.js";
import { getTestApp, signIn, type Session } from "../../test/server.js";
import type { Db } from "../../db/client.js";
import { chatMessages, events, notificationPreferences, notifications } from "../../db/schema/index.js";
import { mayJoinRoom } from "../../platform/realtime/room-policies.js";
import { buildChatGroup } from "./test-helpers.js";
import { mentionedUsernames } from "./mentions.js";

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
const as = (user: TestUser) => signIn(user.username, testPassword, `10.81.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`);
const page = (res: { json(): unknown }) => (res.json() as { data: TChatPage; policies: Record<string, boolean> });
const sent = (res: { json(): unknown }) => (res.json() as { data: TChatMessage }).data;
const send = (s: Session, classId: string, body: string) => s.request("POST", `/api/classes/${classId}/chat/messages`, { body });

describe("class chat", () => {
  let d: TestDistrict;
  let teacher: Session;
  let ada: Session;
  let ali: Session;
  beforeAll(async () => {
    d = await buildDistrict(db);
    [teacher, ada, ali] = await Promise.all([as(d.teacherA), as(d.studentA1), as(d.studentA2)]);
  });

  it("keeps text as typed (never HTML) and shows it to the class, newest first", async () => {
    const body = `<img src=x onerror=alert(1)> & "quotes" <script>alert(1)</script>`;
    const first = await send(ada, d.classA.id, body);
    expect(first.statusCode).toBe(201);
    expect(sent(first).body).toBe(body);
    await send(teacher, d.classA.id, "Second");
    const read = await ali.request("GET", `/api/classes/${d.classA.id}/chat`);
    expect(read.statusCode).toBe(200);
    const { data, policies } = page(read);
    expect(data.messages.map((m) => m.body)).toEqual(["Second", body]);
    expect(data.messages[1]!.author).toEqual({ id: d.studentA1.id, name: "Ada Person" });
    expect(data.room).toBe(`chat-class:${d.classA.id}`);
    expect(policies).toEqual({ write: true, moderate: false, toggle: false });
  });

  it("refuses an empty or too long message with a message to fix it", async () => {
    const empty = await send(ada, d.classA.id, "   ");
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/Write a message/);
    const long = await send(ada, d.classA.id, "x".repeat(2001));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toMatch(/at most 2000/);
    expect((await send(ada, d.classA.id, "x".repeat(2000))).statusCode).toBe(201);
  });

  it("records the presented message in an event to the chat room", async () => {
    const res = await send(ali, d.classA.id, "Event please");
    const message = sent(res);
    const [event] = await db
      .select()
      .from(events)
      .where(and(eq(events.type, "chat.message_created"), sql`${events.payload}->'message'->>'id' = ${message.id}`));
    expect(event!.rooms).toEqual([`chat-class:${d.classA.id}`]);
    expect(event!.payload).toEqual({ message });
  });

  it("lets people delete their own messages and the teacher delete any; the place stays", async () => {
    const mine = sent(await send(ada, d.classA.id, "Oops"));
    const theirs = sent(await send(ali, d.classA.id, "Not yours"));
    expect((await ada.request("DELETE", `/api/chat/messages/${theirs.id}`)).statusCode).toBe(403);
    const deleted = await ada.request("DELETE", `/api/chat/messages/${mine.id}`);
    expect(deleted.statusCode).toBe(200);
    expect(sent(deleted)).toMatchObject({ id: mine.id, deleted: true, body: "" });
    expect(sent(await teacher.request("DELETE", `/api/chat/messages/${theirs.id}`)).deleted).toBe(true);
    const [stored] = await db.select().from(chatMessages).where(eq(chatMessages.id, mine.id));
    expect(stored!.body).toBe("");
    const list = page(await ali.request("GET", `/api/classes/${d.classA.id}/chat`)).data.messages;
    expect(list.find((m) => m.id === mine.id)).toMatchObject({ deleted: true, body: "" });
    const [event] = await db.select().from(events).where(and(eq(events.type, "chat.message_deleted"), sql`${events.payload}->'message'->>'id' = ${theirs.id}`));
    expect(event!.payload).toMatchObject({ message: { deleted: true, body: "" } });
  });

  it("becomes read-only for students when the teacher turns it off, and writable again when on", async () => {
    expect((await teacher.request("PUT", `/api/classes/${d.classA.id}/chat/settings`, { enabled: false })).statusCode).toBe(200);
    const refused = await send(ada, d.classA.id, "Anyone?");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/turned this chat off/);
    const read = page(await ada.request("GET", `/api/classes/${d.classA.id}/chat`));
    expect(read.data.enabled).toBe(false);
    expect(read.policies.write).toBe(false);
    expect((await send(teacher, d.classA.id, "Chat is closed for the test")).statusCode).toBe(201);
    await teacher.request("PUT", `/api/classes/${d.classA.id}/chat/settings`, { enabled: true });
    expect((await send(ada, d.classA.id, "Back")).statusCode).toBe(201);
  });

  it("stores a retried send with the same Idempotency-Key once", async () => {
    const key = `key-${Date.now()}`;
    const headers = { cookie: ada.cookie, "x-csrf-token": ada.csrf, "idempotency-key": key };
    const url = `/api/classes/${d.classA.id}/chat/messages`;
    const one = await app.inject({ method: "POST", url, headers, payload: { body: "Only once" }, remoteAddress: "10.81.200.1" });
    const two = await app.inject({ method: "POST", url, headers, payload: { body: "Only once" }, remoteAddress: "10.81.200.1" });
    expect(one.statusCode).toBe(201);
    expect(two.statusCode).toBe(200);
    expect(two.headers["idempotent-replayed"]).toBe("true");
    expect(sent(two).id).toBe(sent(one).id);
    const stored = await db.select().from(chatMessages).where(and(eq(chatMessages.authorId, d.studentA1.id), eq(chatMessages.body, "Only once")));
    expect(stored).toHaveLength(1);
    const bad = await app.inject({ method: "POST", url, headers: { ...headers, "idempotency-key": "has space" }, payload: { body: "x" } });
    expect(bad.statusCode).toBe(400);
  });

  it("answers 429 with Retry-After past 20 messages in 10 seconds", async () => {
    const quick = await buildUser(db, d.district.id, { name: "Quick", roles: [{ role: "student", schoolId: d.schoolA.id }] });
    await enrol(db, d.classA, quick, "student");
    const s = await as(quick);
    for (let i = 0; i < 20; i++) expect((await send(s, d.classA.id, `m${i}`)).statusCode).toBe(201);
    const limited = await send(s, d.classA.id, "one too many");
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(limited.json().error.message).toMatch(/too fast/);
  });

  it("notifies the people @mentioned who take part in the chat, and nobody else", async () => {
    const res = await send(ali, d.classA.id, `Hi @${d.studentA1.username.toUpperCase()} and @${d.teacherA.username}, not @${d.guardianA1.username} nor me @${d.studentA2.username}`);
    expect(sent(res).mentions.map((m) => m.userId).sort()).toEqual([d.studentA1.id, d.teacherA.id].sort());
    const rows = await db.select().from(notifications).where(eq(notifications.kind, "mention"));
    const forUs = rows.filter((n) => [d.studentA1.id, d.teacherA.id, d.guardianA1.id, d.studentA2.id].includes(n.userId));
    expect(forUs.map((n) => n.userId).sort()).toEqual([d.studentA1.id, d.teacherA.id].sort());
    expect(forUs[0]!.link).toBe(`/chat/classes/${d.classA.id}`);
    expect(forUs[0]!.title).toMatch(/Ali Person mentioned you/);
  });

  it("does not notify a person who turned mentions off", async () => {
    await db.insert(notificationPreferences).values({ userId: d.teacherA.id, kind: "mention", channel: "off" });
    const before = await db.select().from(notifications).where(eq(notifications.userId, d.teacherA.id));
    await send(ali, d.classA.id, `@${d.teacherA.username} are you there?`);
    const after = await db.select().from(notifications).where(eq(notifications.userId, d.teacherA.id));
    expect(after.length).toBe(before.length);
  });
});

describe("who may read and write a class chat", () => {
  it("gives admins the history read-only and everyone else a 404", async () => {
    const d = await buildDistrict(db);
    const teacher = await as(d.teacherA);
    await send(teacher, d.classA.id, "Welcome");
    const admin = await as(d.schoolAdminA);
    const read = page(await admin.request("GET", `/api/classes/${d.classA.id}/chat`));
    expect(read.data.messages).toHaveLength(1);
    expect(read.policies).toEqual({ write: false, moderate: false, toggle: false });
    expect((await send(admin, d.classA.id, "Hi")).statusCode).toBe(403);
    for (const user of [d.guardianA1, d.counselorA, d.teacherB, d.studentB1]) {
      const s = await as(user);
      expect((await s.request("GET", `/api/classes/${d.classA.id}/chat`)).statusCode, user.username).toBe(404);
      expect((await send(s, d.classA.id, "Hi")).statusCode, user.username).toBe(404);
    }
  });

  it("lets into the chat room exactly who may read the chat", async () => {
    const d = await buildDistrict(db);
    const room = `chat-class:${d.classA.id}`;
    const verdicts: Record<string, boolean> = {};
    for (const [name, user] of Object.entries({ teacher: d.teacherA, student: d.studentA1, admin: d.schoolAdminA, guardian: d.guardianA1, staff: d.counselorA, other: d.teacherB })) {
      verdicts[name] = await mayJoinRoom(db, actorOf(user), room);
    }
    expect(verdicts).toEqual({ teacher: true, student: true, admin: true, guardian: false, staff: false, other: false });
    expect(await mayJoinRoom(db, actorOf(d.teacherA), "chat-class:not-a-uuid")).toBe(false);
  });
});

describe("history paging", () => {
  it("pages 50 at a time, newest first, with `before` the oldest id held", async () => {
    const d = await buildDistrict(db);
    await db.insert(chatMessages).values(
      Array.from({ length: 120 }, (_, i) => ({ districtId: d.district.id, classId: d.classA.id, authorId: d.studentA1.id, body: `n${i}` })),
    );
    const s = await as(d.studentA2);
    const url = `/api/classes/${d.classA.id}/chat`;
    const first = page(await s.request("GET", url)).data;
    expect(first.messages).toHaveLength(50);
    expect(first.hasMore).toBe(true);
    expect(first.messages[0]!.body).toBe("n119");
    const second = page(await s.request("GET", `${url}?before=${first.messages[49]!.id}`)).data;
    expect(second.messages[0]!.body).toBe("n69");
    expect(second.hasMore).toBe(true);
    const third = page(await s.request("GET", `${url}?before=${second.messages[49]!.id}`)).data;
    expect(third.messages.map((m) => m.body)).toEqual(Array.from({ length: 20 }, (_, i) => `n${19 - i}`));
    expect(third.hasMore).toBe(false);
    // A cursor from another chat, or not an id at all, is a clear 400.
    const other = await db
      .insert(chatMessages)
      .values({ districtId: d.district.id, classId: d.classB.id, authorId: d.studentB1.id, body: "elsewhere" })
      .returning();
    expect((await s.request("GET", `${url}?before=${other[0]!.id}`)).statusCode).toBe(400);
    expect((await s.request("GET", `${url}?before=nope`)).statusCode).toBe(400);
  });
});

describe("group chat", () => {
  it("is for the group's members and the class's teachers; admins read; other students 404", async () => {
    const d = await buildDistrict(db);
    const { group } = await buildChatGroup(db, d);
    const url = `/api/groups/${group.id}/chat`;
    const member = await as(d.studentA1);
    const res = await member.request("POST", `${url}/messages`, { body: `Plan for today @${d.teacherA.username}` });
    expect(res.statusCode).toBe(201);
    expect(sent(res).groupId).toBe(group.id);
    expect(sent(res).mentions).toHaveLength(1);
    const teacher = await as(d.teacherA);
    expect(page(await teacher.request("GET", url)).data.messages.map((m) => m.body)).toEqual([`Plan for today @${d.teacherA.username}`]);
    expect(page(await teacher.request("GET", url)).data.room).toBe(`chat-group:${group.id}`);
    const admin = await as(d.districtAdmin);
    expect((await admin.request("GET", url)).statusCode).toBe(200);
    expect((await admin.request("POST", `${url}/messages`, { body: "x" })).statusCode).toBe(403);
    // studentA2 is in the class but not in the group; the class chat has none of the group's messages.
    const outsider = await as(d.studentA2);
    expect((await outsider.request("GET", url)).statusCode).toBe(404);
    expect(page(await outsider.request("GET", `/api/classes/${d.classA.id}/chat`)).data.messages).toEqual([]);
    expect(await mayJoinRoom(db, actorOf(d.studentA2), `chat-group:${group.id}`)).toBe(false);
    expect(await mayJoinRoom(db, actorOf(d.studentA1), `chat-group:${group.id}`)).toBe(true);
  });

  it("follows the class's switch, and the switch's event reaches the group chat rooms", async () => {
    const d = await buildDistrict(db);
    const { group } = await buildChatGroup(db, d);
    const teacher = await as(d.teacherA);
    expect((await teacher.request("PUT", `/api/classes/${d.classA.id}/chat/settings`, { enabled: false })).statusCode).toBe(200);
    const member = await as(d.studentA1);
    expect((await member.request("POST", `/api/groups/${group.id}/chat/messages`, { body: "x" })).statusCode).toBe(403);
    const [event] = await db.select().from(events).where(and(eq(events.type, "chat.settings_changed"), eq(events.districtId, d.district.id)));
    expect(event!.rooms).toEqual([`chat-class:${d.classA.id}`, `chat-group:${group.id}`]);
    expect(event!.payload).toEqual({ classId: d.classA.id, enabled: false });
  });

  it("stays hidden from students while their group set is not published", async () => {
    const d = await buildDistrict(db);
    const { group } = await buildChatGroup(db, d, { published: false });
    expect((await (await as(d.studentA1)).request("GET", `/api/groups/${group.id}/chat`)).statusCode).toBe(404);
    expect((await (await as(d.teacherA)).request("GET", `/api/groups/${group.id}/chat`)).statusCode).toBe(200);
  });
});

describe("mentionedUsernames", () => {
  it("finds @names at the start or after a space, once each, not in email addresses", () => {
    expect(mentionedUsernames("@ada hi @Ben, mail me at x@y.org (@ada) @cara.")).toEqual(["ada", "Ben", "cara"]);
    expect(mentionedUsernames("no mentions here")).toEqual([]);
  });
});
