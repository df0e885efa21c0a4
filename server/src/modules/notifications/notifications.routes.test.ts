import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { TNotificationPage, TNotificationPreferences, TOutboxMail } from "@stoa/contracts";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, buildUser, testPassword, type TestUser } from "../../test/factories.js";
import { getTestApp, signIn, testAppConfig } from "../../test/server.js";
import type { Db } from "../../db/client.js";
import { events, mailOutbox, notifications } from "../../db/schema/index.js";
import { buildApp } from "../../app.js";
import { localFileStorage } from "../../platform/storage.js";
import { notify } from "./notify.js";

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
const as = (user: TestUser) => signIn(user.username, testPassword, `10.82.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`);
const data = <T>(res: { json(): unknown }) => (res.json() as { data: T }).data;

describe("notification centre", () => {
  it("lists a person's own notifications newest first, counts unread, marks one and all read", async () => {
    const d = await buildDistrict(db);
    for (const title of ["First", "Second", "Third"]) {
      await db.transaction((tx) =>
        notify(tx, { districtId: d.district.id, userIds: [d.studentA1.id], actorId: d.teacherA.id, kind: "mention", title, link: "/x" }),
      );
    }
    await db.transaction((tx) =>
      notify(tx, { districtId: d.district.id, userIds: [d.studentA2.id], kind: "mention", title: "Not Ada's", link: "/y" }),
    );
    const ada = await as(d.studentA1);
    const list = data<TNotificationPage>(await ada.request("GET", "/api/notifications?pageSize=2"));
    expect(list.items.map((n) => n.title)).toEqual(["Third", "Second"]);
    expect(list).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
    expect(data<{ unread: number }>(await ada.request("GET", "/api/notifications/unread-count")).unread).toBe(3);

    const read = await ada.request("POST", `/api/notifications/${list.items[0]!.id}/read`);
    expect(data<{ unread: number }>(read).unread).toBe(2);
    const unreadOnly = data<TNotificationPage>(await ada.request("GET", "/api/notifications?unreadOnly=true"));
    expect(unreadOnly.items.map((n) => n.title)).toEqual(["Second", "First"]);

    // Someone else's notification is not there for Ada.
    const [alis] = await db.select().from(notifications).where(eq(notifications.userId, d.studentA2.id));
    expect((await ada.request("POST", `/api/notifications/${alis!.id}/read`)).statusCode).toBe(404);
    const [stillUnread] = await db.select().from(notifications).where(eq(notifications.id, alis!.id));
    expect(stillUnread!.readAt).toBeNull();

    expect(data<{ unread: number }>(await ada.request("POST", "/api/notifications/read-all")).unread).toBe(0);
    expect(data<{ unread: number }>(await ada.request("GET", "/api/notifications/unread-count")).unread).toBe(0);
    const readEvents = await db
      .select()
      .from(events)
      .where(and(eq(events.type, "notification.read"), eq(events.districtId, d.district.id)));
    expect(readEvents.map((e) => e.rooms)).toEqual([[`user:${d.studentA1.id}`], [`user:${d.studentA1.id}`]]);
  });

  it("records notification.created to the person's room with ids only", async () => {
    const d = await buildDistrict(db);
    await db.transaction((tx) =>
      notify(tx, {
        districtId: d.district.id,
        userIds: [d.studentA1.id, d.teacherA.id],
        actorId: d.teacherA.id,
        kind: "task",
        title: "New task",
        body: "secret-ish body",
        link: "/tasks/1",
      }),
    );
    const created = await db
      .select()
      .from(events)
      .where(and(eq(events.type, "notification.created"), eq(events.districtId, d.district.id)));
    expect(created).toHaveLength(1);
    expect(created[0]!.rooms).toEqual([`user:${d.studentA1.id}`]);
    expect(Object.keys(created[0]!.payload).sort()).toEqual(["kind", "notificationId"]);
  });
});

describe("preferences", () => {
  it("shows the defaults, saves choices, and routes notifications by them", async () => {
    const d = await buildDistrict(db);
    const ada = await as(d.studentA1);
    const defaults = data<TNotificationPreferences>(await ada.request("GET", "/api/notifications/preferences"));
    expect(defaults.hasEmail).toBe(true);
    expect(defaults.preferences.find((p) => p.kind === "report")!.channel).toBe("email");
    expect(defaults.preferences.find((p) => p.kind === "mention")!.channel).toBe("app");

    const saved = await ada.request("PUT", "/api/notifications/preferences", {
      preferences: [
        { kind: "mention", channel: "email" },
        { kind: "task", channel: "off" },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const now = data<TNotificationPreferences>(saved).preferences;
    expect(now.find((p) => p.kind === "mention")!.channel).toBe("email");
    expect(now.find((p) => p.kind === "task")!.channel).toBe("off");

    await db.transaction(async (tx) => {
      await notify(tx, { districtId: d.district.id, userIds: [d.studentA1.id], kind: "mention", title: "By email too", link: "/m" });
      await notify(tx, { districtId: d.district.id, userIds: [d.studentA1.id], kind: "task", title: "Nowhere", link: "/t" });
      await notify(tx, { districtId: d.district.id, userIds: [d.studentA1.id], kind: "feedback", title: "In Stoa only", link: "/f" });
    });
    const inApp = await db.select().from(notifications).where(eq(notifications.userId, d.studentA1.id));
    expect(inApp.map((n) => n.title).sort()).toEqual(["By email too", "In Stoa only"]);
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.userId, d.studentA1.id));
    expect(mails.map((m) => m.subject)).toEqual(["By email too"]);
    expect(mails[0]!.toAddress).toBe(d.studentA1.email);
  });

  it("refuses email for a person without an address, and duplicate kinds", async () => {
    const d = await buildDistrict(db);
    const noMail = await buildUser(db, d.district.id, {
      name: "Nomail",
      roles: [{ role: "student", schoolId: d.schoolA.id }],
      values: { email: null },
    });
    const s = await as(noMail);
    const shown = data<TNotificationPreferences>(await s.request("GET", "/api/notifications/preferences"));
    expect(shown.hasEmail).toBe(false);
    // "report" defaults to email; without an address it is in the app only, and saying so saves fine.
    expect(shown.preferences.find((p) => p.kind === "report")!.channel).toBe("app");
    expect((await s.request("PUT", "/api/notifications/preferences", { preferences: shown.preferences })).statusCode).toBe(200);
    const refused = await s.request("PUT", "/api/notifications/preferences", { preferences: [{ kind: "mention", channel: "email" }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/no email address/);
    const twice = await s.request("PUT", "/api/notifications/preferences", {
      preferences: [
        { kind: "mention", channel: "off" },
        { kind: "mention", channel: "app" },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect((await s.request("PUT", "/api/notifications/preferences", { preferences: [{ kind: "nope", channel: "app" }] })).statusCode).toBe(
      400,
    );
  });
});

describe("mail outbox page (no SMTP)", () => {
  it("shows each person their own mails and a district admin the whole district", async () => {
    const d = await buildDistrict(db);
    const other = await buildDistrict(db);
    const mail = (districtId: string, user: TestUser, subject: string) =>
      db.insert(mailOutbox).values({ districtId, userId: user.id, toAddress: user.email!, subject, text: "t", status: "captured" });
    await mail(d.district.id, d.studentA1, "For Ada");
    await mail(d.district.id, d.teacherA, "For Tara");
    await mail(other.district.id, other.studentA1, "Elsewhere");
    const subjects = async (user: TestUser) =>
      data<{ items: TOutboxMail[] }>(await (await as(user)).request("GET", "/api/mail-outbox"))
        .items.map((m) => m.subject)
        .sort();
    expect(await subjects(d.studentA1)).toEqual(["For Ada"]);
    expect(await subjects(d.teacherA)).toEqual(["For Tara"]);
    expect(await subjects(d.schoolAdminA)).toEqual([]);
    expect(await subjects(d.districtAdmin)).toEqual(["For Ada", "For Tara"]);
  });

  it("does not exist when SMTP is configured", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const smtpApp = await buildApp(await getTestDatabase(), testAppConfig, {
      storage: localFileStorage(mkdtempSync(join(tmpdir(), "stoa-test-files-"))),
      smtpConfigured: true,
    });
    const d = await buildDistrict(db);
    const login = await smtpApp.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { login: d.districtAdmin.username, password: testPassword },
    });
    const cookie = `stoa_session=${login.cookies.find((c) => c.name === "stoa_session")!.value}`;
    const res = await smtpApp.inject({ method: "GET", url: "/api/mail-outbox", headers: { cookie } });
    expect(res.statusCode).toBe(404);
    await smtpApp.close();
  });
});
