import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getTestDatabase } from "../../test/db.js";
import { getTestApp, signIn } from "../../test/server.js";
import { buildDistrictRow, buildSchool, buildUser, testPassword, type TestUser } from "../../test/factories.js";
import { sessions, users } from "../../db/schema/index.js";
import { commonPasswordCount } from "./passwords.js";
import { forgetSessionsOfUser, hashToken } from "./identity.service.js";

let teacher: TestUser;
let schoolId: string;
let districtId: string;

beforeAll(async () => {
  const { db } = await getTestDatabase();
  const district = await buildDistrictRow(db);
  districtId = district.id;
  schoolId = (await buildSchool(db, district.id)).id;
  teacher = await buildUser(db, district.id, { name: "Teacher", roles: [{ role: "teacher", schoolId }] });
});

afterAll(async () => {
  await (await getTestApp()).close();
  await (await getTestDatabase()).close();
});

describe("sign-in", () => {
  it("signs in with username or email, sets a hardened cookie and answers /api/me", async () => {
    const app = await getTestApp();
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: teacher.email!.toUpperCase(), password: testPassword } });
    expect(res.statusCode).toBe(200);
    const raw = String(res.headers["set-cookie"]);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Lax/);
    expect(raw).not.toMatch(/Secure/); // plain HTTP in tests; Secure is set behind HTTPS
    const session = await signIn(teacher.username, testPassword);
    const me = (await session.request("GET", "/api/me")).json();
    expect(me.data.user.username).toBe(teacher.username);
    expect(me.data.roles).toEqual([expect.objectContaining({ role: "teacher", schoolId })]);
    expect(me.data.abilities.importRosters).toBe(false);
    expect(me.data).not.toHaveProperty("user.passwordHash");
  });

  it("answers the same for a wrong password and for an unknown account", async () => {
    const app = await getTestApp();
    const wrong = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: teacher.username, password: "not-the-password" }, remoteAddress: "10.9.0.1" });
    const unknown = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "nobody-at-all", password: "not-the-password" }, remoteAddress: "10.9.0.2" });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it("refuses an empty body with a message that says what to fix", async () => {
    const app = await getTestApp();
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "", password: "" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/username or email/i);
  });

  it("throttles an account after 10 failures in 15 minutes, with Retry-After", async () => {
    const { db } = await getTestDatabase();
    const victim = await buildUser(db, districtId, { name: "Victim", roles: [{ role: "student", schoolId }] });
    const app = await getTestApp();
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: victim.username, password: `wrong-${i}-password` }, remoteAddress: `10.1.0.${i + 1}` });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: victim.username, password: testPassword }, remoteAddress: "10.1.1.1" });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // An account that does not exist is throttled the same way.
    for (let i = 0; i < 10; i++) {
      await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "ghost-account", password: "wrong-password" }, remoteAddress: `10.2.0.${i + 1}` });
    }
    const ghost = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "ghost-account", password: "wrong-password" }, remoteAddress: "10.2.1.1" });
    expect(ghost.statusCode).toBe(429);
  });

  it("throttles an IP address after 10 failures across accounts", async () => {
    const app = await getTestApp();
    for (let i = 0; i < 10; i++) {
      await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: `someone-${i}`, password: "wrong-password" }, remoteAddress: "10.3.0.1" });
    }
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login: teacher.username, password: testPassword }, remoteAddress: "10.3.0.1" });
    expect(res.statusCode).toBe(429);
  });
});

describe("sessions", () => {
  it("rotates the session at sign-in and ends it at sign-out", async () => {
    const first = await signIn(teacher.username, testPassword);
    const app = await getTestApp();
    const again = await app.inject({ method: "POST", url: "/api/auth/login", headers: { cookie: first.cookie, "x-csrf-token": first.csrf }, payload: { login: teacher.username, password: testPassword } });
    expect(again.statusCode).toBe(200);
    expect((await first.request("GET", "/api/me")).statusCode).toBe(401);
    const second = await signIn(teacher.username, testPassword);
    expect((await second.request("POST", "/api/auth/logout")).statusCode).toBe(204);
    expect((await second.request("GET", "/api/me")).statusCode).toBe(401);
  });

  it("ends a session that was idle too long", async () => {
    const { db } = await getTestDatabase();
    const session = await signIn(teacher.username, testPassword);
    await db.update(sessions).set({ lastSeenAt: sql`now() - interval '3 hours'` }).where(eq(sessions.userId, teacher.id));
    // A change made behind the services' back (like one from another process) shows once the cached copy is dropped.
    forgetSessionsOfUser(teacher.id);
    expect((await session.request("GET", "/api/me")).statusCode).toBe(401);
  });

  it("serves a session from the cache, and still ends it at once on sign-out or a password change in this process", async () => {
    const { db } = await getTestDatabase();
    const session = await signIn(teacher.username, testPassword);
    const other = await signIn(teacher.username, testPassword);
    forgetSessionsOfUser(teacher.id); // the next request reads and caches afresh, so the cached copy is seconds younger than the checks below
    expect((await session.request("GET", "/api/me")).statusCode).toBe(200);
    // Deleted behind the cache's back: this process still knows the session for a few seconds.
    const [row] = await db.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.tokenHash, hashToken(session.cookie.split("=")[1] ?? "")));
    expect(row).toBeDefined();
    await db.delete(sessions).where(eq(sessions.tokenHash, row!.tokenHash));
    expect((await session.request("GET", "/api/me")).statusCode).toBe(200);
    forgetSessionsOfUser(teacher.id);
    expect((await session.request("GET", "/api/me")).statusCode).toBe(401);
    // Through the services, the cached copy goes at once.
    expect((await other.request("GET", "/api/me")).statusCode).toBe(200);
    expect((await other.request("POST", "/api/auth/logout")).statusCode).toBe(204);
    expect((await other.request("GET", "/api/me")).statusCode).toBe(401);
  });

  it("refuses a change without the CSRF token, and one from another site", async () => {
    const session = await signIn(teacher.username, testPassword);
    const app = await getTestApp();
    const noToken = await app.inject({ method: "POST", url: "/api/me/password", headers: { cookie: session.cookie }, payload: { currentPassword: testPassword, newPassword: "a-new-passphrase-1" } });
    expect(noToken.statusCode).toBe(403);
    const crossSite = await app.inject({ method: "POST", url: "/api/me/password", headers: { cookie: session.cookie, "x-csrf-token": session.csrf, origin: "https://evil.example" }, payload: { currentPassword: testPassword, newPassword: "a-new-passphrase-1" } });
    expect(crossSite.statusCode).toBe(403);
  });
});

describe("passwords", () => {
  it("ships a list of at least 10,000 common passwords", async () => {
    expect(await commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it("changes the password: checks the current one, refuses common and short ones, ends other sessions", async () => {
    const { db } = await getTestDatabase();
    const user = await buildUser(db, districtId, { name: "Changer", roles: [{ role: "teacher", schoolId }] });
    const session = await signIn(user.username, testPassword);
    const other = await signIn(user.username, testPassword);
    const wrong = await session.request("POST", "/api/me/password", { currentPassword: "wrong-one-here", newPassword: "lantern-harbour-92" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe("currentPassword");
    const common = await session.request("POST", "/api/me/password", { currentPassword: testPassword, newPassword: "password123" });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.message).toMatch(/common/);
    const short = await session.request("POST", "/api/me/password", { currentPassword: testPassword, newPassword: "short" });
    expect(short.statusCode).toBe(400);
    const long = "x".repeat(64) + "-harbour";
    const ok = await session.request("POST", "/api/me/password", { currentPassword: testPassword, newPassword: long });
    expect(ok.statusCode).toBe(204);
    expect((await other.request("GET", "/api/me")).statusCode).toBe(401);
    expect((await session.request("GET", "/api/me")).statusCode).toBe(200);
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(row!.hash).toMatch(/^\$argon2id\$/);
    await expect(signIn(user.username, long)).resolves.toBeTruthy();
  });
});

describe("platform", () => {
  it("reports health and sends security headers", async () => {
    const app = await getTestApp();
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "postgres" : "pglite" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(res.headers["content-security-policy"])).toMatch(/frame-ancestors 'none'/);
    expect(String(res.headers["content-security-policy"])).toMatch(/script-src 'self'(;|$)/);
  });

  it("answers an unknown endpoint with a JSON 404", async () => {
    const app = await getTestApp();
    const res = await app.inject({ method: "GET", url: "/api/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });

  it("serves an OpenAPI document generated from the contracts", async () => {
    const app = await getTestApp();
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/auth/login", "/api/me", "/api/classes", "/api/health"]));
  });
});
