/**
 * Real server processes (`tsx server/src/main.ts`) on one PostgreSQL and one Redis: runs when
 * DATABASE_URL and REDIS_URL are set, skipped otherwise (decision 013).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, testPassword, uniqueSuffix } from "../../test/factories.js";
import { connectSocket, eventIds, type TestSocket } from "../../test/ws-client.js";
import { buildTaskFixture } from "../../modules/tasks/test-helpers.js";

const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const root = resolve(fileURLToPath(new URL("../../../..", import.meta.url)));
const prefix = `stoa:test-${uniqueSuffix()}:`;
const children = new Set<ChildProcess>();
const sockets: TestSocket[] = [];

afterAll(() => {
  for (const s of sockets) s.close();
  for (const child of children) child.kill("SIGKILL");
});

/** A free TCP port on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts one Stoa process and waits until it answers. */
async function startServer(port: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      STOA_SEED_DEMO: "false",
      STOA_DATA_DIR: mkdtempSync(join(tmpdir(), "stoa-xp-")),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  child.on("exit", () => children.delete(child));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output}`);
}

/** Signs in over HTTP; returns the cookie and CSRF token. */
async function signInAt(url: string, login: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ login, password: testPassword }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const csrf = ((await res.json()) as { data: { csrfToken: string } }).data.csrfToken;
  return { cookie, csrf };
}

async function addCard(url: string, who: { cookie: string; csrf: string }, taskId: string, groupId: string, title: string) {
  return fetch(`${url}/api/tasks/${taskId}/groups/${groupId}/cards`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: who.cookie, "x-csrf-token": who.csrf, origin: url },
    body: JSON.stringify({ title }),
  });
}

async function open(url: string, cookie: string) {
  const socket = await connectSocket(url, { cookie });
  sockets.push(socket);
  return socket;
}

// Each test starts real processes (tsx compiles on start): slow on a loaded machine.
describe.skipIf(!enabled)("across server processes (PostgreSQL + Redis)", { timeout: 180_000 }, () => {
  it("a change made through one process reaches subscribers on both; presence spans both", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const f = await buildTaskFixture(db, d);
    const a = await startServer(await freePort());
    const b = await startServer(await freePort());
    const ada = await signInAt(a.url, d.studentA1.username);
    const ali = await signInAt(b.url, d.studentA2.username);
    const onA = await open(a.url, ada.cookie);
    const onB = await open(b.url, ali.cookie);
    const room = `group:${f.red.id}`;
    expect((await onA.subscribe(room)).type).toBe("subscribed");
    expect((await onB.subscribe(room)).type).toBe("subscribed");
    await onA.waitFor((m) => m.type === "presence" && m.members.length === 2, 10_000);
    await onB.waitFor((m) => m.type === "presence" && m.members.length === 2, 10_000);

    expect((await addCard(a.url, ada, f.task.id, f.red.id, "via A")).status).toBe(201);
    const first = await onB.waitFor((m) => m.type === "event" && m.event === "task.card.created", 10_000);
    await onA.waitFor((m) => m.type === "event" && m.id === (first as { id: number }).id, 10_000);
    expect((await addCard(b.url, ali, f.task.id, f.red.id, "via B")).status).toBe(201);
    await onA.waitFor((m) => m.type === "event" && m.id > (first as { id: number }).id, 10_000);
    await onB.waitFor((m) => m.type === "event" && m.id > (first as { id: number }).id, 10_000);
    expect(eventIds(onA, (e) => e === "task.card.created")).toEqual(eventIds(onB, (e) => e === "task.card.created"));

    // Typing on B reaches A.
    onB.send({ type: "typing", room });
    await onA.waitFor((m) => m.type === "typing" && m.member.userId === d.studentA2.id, 10_000);
    // Sign-out on A closes the session's socket on A (the event crosses the bus like any other).
    const second = await open(b.url, ada.cookie);
    await second.subscribe(`user:${d.studentA1.id}`);
    const out = await fetch(`${a.url}/api/auth/logout`, {
      method: "POST",
      headers: { cookie: ada.cookie, "x-csrf-token": ada.csrf, origin: a.url },
    });
    expect(out.status).toBe(204);
    expect(await second.closed).toBe(4401);
    expect(await onA.closed).toBe(4401);
  });

  it("a change answered 2xx survives kill -9; a reconnecting client gets the missed event", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const f = await buildTaskFixture(db, d);
    const port = await freePort();
    let server = await startServer(port);
    const ada = await signInAt(server.url, d.studentA1.username);
    const before = await open(server.url, ada.cookie);
    const subscribed = await before.subscribe(`group:${f.red.id}`);
    if (subscribed.type !== "subscribed") throw new Error("not subscribed");
    const since = subscribed.lastEventId;
    before.close();

    const title = `kept ${uniqueSuffix()}`;
    expect((await addCard(server.url, ada, f.task.id, f.red.id, title)).status).toBe(201);
    server.child.kill("SIGKILL");
    await new Promise((r) => server.child.once("exit", r));

    server = await startServer(port);
    const space = await fetch(`${server.url}/api/tasks/${f.task.id}/groups/${f.red.id}`, { headers: { cookie: ada.cookie } });
    expect(space.status).toBe(200);
    expect(JSON.stringify(await space.json())).toContain(title);
    const after = await open(server.url, ada.cookie);
    await after.subscribe(`group:${f.red.id}`, since);
    const missed = await after.waitFor((m) => m.type === "event" && m.event === "task.card.created", 10_000);
    expect(missed).toMatchObject({ payload: { taskId: f.task.id, groupId: f.red.id } });
  });
});
