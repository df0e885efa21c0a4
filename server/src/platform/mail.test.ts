import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { getTestDatabase } from "../test/db.js";
import { buildDistrict } from "../test/factories.js";
import type { Db } from "../db/client.js";
import { mailOutbox, notificationPreferences } from "../db/schema/index.js";
import { notify } from "../modules/notifications/notify.js";
import { retryDelaySeconds, smtpSender, startMailWorker, withOrigin, type MailWorker } from "./mail.js";

interface Received {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

let db: Db;
let server: SMTPServer;
let port: number;
const received: Received[] = [];
/** Recipients the server refuses (to test retries). */
const refused = new Set<string>();

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "stoa" && auth.password === "smtp-secret") return callback(null, { user: auth.username });
      return callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) return callback(new Error("Mailbox unavailable"));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await (await getTestDatabase()).close();
});

const settings = () => ({ host: "127.0.0.1", port, secure: false, user: "stoa", password: "smtp-secret", from: "Stoa <stoa@example.test>" });

/** A district whose studentA1 gets mentions by email; returns it after queuing one mention. */
async function queueMention(title: string) {
  const d = await buildDistrict(db);
  await db.insert(notificationPreferences).values({ userId: d.studentA1.id, kind: "mention", channel: "email" });
  await db.transaction((tx) => notify(tx, { districtId: d.district.id, userIds: [d.studentA1.id], kind: "mention", title, body: "Body text", link: "/chat/classes/x" }));
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.userId, d.studentA1.id));
  return { d, row: row! };
}

describe("mail worker", () => {
  it("sends a queued notification email through a real SMTP server and marks it sent", async () => {
    const { d, row } = await queueMention("Ali mentioned you");
    expect(row.status).toBe("pending");
    const worker: MailWorker = startMailWorker(db, { send: smtpSender(settings()), intervalSeconds: 3600, linkOrigin: "https://stoa.example.org/" });
    try {
      // The worker looks at once on start; wait for that round, then run another to be sure.
      await worker.runOnce();
      await worker.runOnce();
    } finally {
      await worker.stop();
    }
    const [after] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id));
    expect(after!.status).toBe("sent");
    expect(after!.sentAt).not.toBeNull();
    const mail = received.find((m) => m.to.includes(d.studentA1.email!));
    expect(mail).toBeDefined();
    expect(mail!.from).toBe("stoa@example.test");
    expect(mail!.user).toBe("stoa");
    expect(mail!.raw).toMatch(/Subject: Ali mentioned you/);
    expect(mail!.raw).toMatch(/Open it in Stoa: https:\/\/stoa\.example\.org\/chat\/classes\/x/);
  });

  it("retries a refused mail later and marks it failed after the last attempt", async () => {
    const { d, row } = await queueMention("Will bounce");
    refused.add(d.studentA1.email!);
    const worker = startMailWorker(db, { send: smtpSender(settings()), intervalSeconds: 3600, maxAttempts: 2 });
    try {
      await worker.runOnce();
      await worker.runOnce();
      const [first] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id));
      expect(first!.status).toBe("pending");
      expect(first!.attempts).toBe(1);
      expect(first!.error).toMatch(/Mailbox unavailable/);
      expect(first!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
      // Not due yet: another round leaves it alone.
      await worker.runOnce();
      expect((await db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id)))[0]!.attempts).toBe(1);
      await db.update(mailOutbox).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(mailOutbox.id, row.id));
      await worker.runOnce();
    } finally {
      await worker.stop();
    }
    const [last] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id));
    expect(last!.status).toBe("failed");
    expect(last!.attempts).toBe(2);
    expect(received.some((m) => m.to.includes(d.studentA1.email!))).toBe(false);
  });

  it("never logs or stores the SMTP password when the server refuses the login", async () => {
    const { row } = await queueMention("Wrong password");
    const lines: string[] = [];
    const log = { warn: (obj: object, msg: string) => lines.push(JSON.stringify(obj) + msg), info: () => undefined };
    const worker = startMailWorker(db, { send: smtpSender({ ...settings(), password: "not-the-secret-xyz" }), intervalSeconds: 3600, log });
    try {
      await worker.runOnce();
      await worker.runOnce();
    } finally {
      await worker.stop();
    }
    const [after] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id));
    expect(after!.status).toBe("pending");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toMatch(/not-the-secret-xyz/);
    expect(after!.error ?? "").not.toMatch(/not-the-secret-xyz/);
  });

  it("captures mails without SMTP, for the development outbox page", async () => {
    const { row } = await queueMention("Captured");
    const worker = startMailWorker(db, { send: null, intervalSeconds: 3600 });
    try {
      await worker.runOnce();
      await worker.runOnce();
    } finally {
      await worker.stop();
    }
    const [after] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, row.id));
    expect(after!.status).toBe("captured");
  });

  it("never sends one mail twice when two workers run at once (FOR UPDATE SKIP LOCKED)", async () => {
    const d = await buildDistrict(db);
    await db.insert(notificationPreferences).values({ userId: d.studentA1.id, kind: "mention", channel: "email" });
    await db.transaction(async (tx) => {
      for (let i = 0; i < 6; i++) await notify(tx, { districtId: d.district.id, userIds: [d.studentA1.id], kind: "mention", title: `Burst ${i}`, link: "/" });
    });
    const sends: string[] = [];
    const send = smtpSender(settings());
    const counting = async (mail: { to: string; subject: string; text: string }) => {
      sends.push(mail.subject);
      await send(mail);
    };
    const a = startMailWorker(db, { send: counting, intervalSeconds: 3600, batchSize: 2 });
    const b = startMailWorker(db, { send: counting, intervalSeconds: 3600, batchSize: 2 });
    try {
      await Promise.all([a.runOnce(), b.runOnce()]);
      await Promise.all([a.runOnce(), b.runOnce()]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const rows = await db.select().from(mailOutbox).where(eq(mailOutbox.userId, d.studentA1.id));
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill("sent"));
    const mine = sends.filter((s) => s.startsWith("Burst"));
    expect(mine.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `Burst ${i}`));
  });

  it("makes the app path a full link only on the notify line", () => {
    expect(withOrigin("Hi /x\n\nOpen it in Stoa: /chat/1", "https://s.example")).toBe("Hi /x\n\nOpen it in Stoa: https://s.example/chat/1");
    expect(withOrigin("Open it in Stoa: /chat/1", undefined)).toBe("Open it in Stoa: /chat/1");
  });

  it("spaces retries out, up to an hour", () => {
    expect([1, 2, 3, 10, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 3600, 3600]);
  });
});
