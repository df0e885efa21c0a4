import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { TChatMessage } from "@stoa/contracts";
import { buildApp } from "../../app.js";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, testPassword } from "../../test/factories.js";
import { signIn, testAppConfig } from "../../test/server.js";
import { connectSocket, type TestSocket } from "../../test/ws-client.js";
import { localFileStorage } from "../../platform/storage.js";

let app: FastifyInstance;
let baseUrl: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  app = await buildApp(await getTestDatabase(), testAppConfig, {
    storage: localFileStorage(mkdtempSync(join(tmpdir(), "stoa-chat-rt-"))),
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
  await (await getTestDatabase()).close();
});

const as = (user: { username: string }) => signIn(user.username, testPassword);
async function open(cookie: string) {
  const socket = await connectSocket(baseUrl, { cookie });
  sockets.push(socket);
  return socket;
}

describe("chat over the real-time connection", () => {
  it("delivers a sent message to the chat room's members and denies the room to guardians and staff", async () => {
    const d = await buildDistrict((await getTestDatabase()).db);
    const room = `chat-class:${d.classA.id}`;
    const teacher = await as(d.teacherA);
    const teacherSocket = await open(teacher.cookie);
    expect((await teacherSocket.subscribe(room)).type).toBe("subscribed");
    for (const outsider of [d.guardianA1, d.counselorA, d.teacherB]) {
      const socket = await open((await as(outsider)).cookie);
      expect((await socket.subscribe(room)).type, outsider.username).toBe("denied");
    }

    const student = await as(d.studentA1);
    const res = await student.request("POST", `/api/classes/${d.classA.id}/chat/messages`, { body: "Live hello" });
    const sent = (res.json() as { data: TChatMessage }).data;
    const event = await teacherSocket.waitFor((m) => m.type === "event" && m.event === "chat.message_created", 5_000);
    expect(event.type === "event" && event.payload).toEqual({ message: sent });
  });
});
