import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, testPassword, uniqueSuffix } from "../../test/factories.js";
import { getTestApp, signIn } from "../../test/server.js";

let app: FastifyInstance;
const db = () => getTestDatabase().then((d) => d.db);

beforeAll(async () => {
  app = await getTestApp();
});
afterAll(async () => {
  await app.close();
  await (await getTestDatabase()).close();
});

describe("organisation over HTTP", () => {
  it("lists schools for any signed-in person and nobody else", async () => {
    const d = await buildDistrict(await db());
    expect((await app.inject({ method: "GET", url: "/api/schools" })).statusCode).toBe(401);
    const student = await signIn(d.studentA1.username, testPassword);
    const res = await student.request("GET", "/api/schools");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ data: [{}, {}], policies: { create: false } });
  });

  it("keeps a school's time zone when a PATCH only renames it", async () => {
    const d = await buildDistrict(await db());
    const admin = await signIn(d.schoolAdminA.username, testPassword);
    const res = await admin.request("PATCH", `/api/schools/${d.schoolA.id}`, { name: "Adams Upper" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ data: { name: "Adams Upper", timeZone: d.schoolA.timeZone }, policies: { edit: true } });
  });

  it("answers bad input, taken usernames and missing schools with messages and fields", async () => {
    const d = await buildDistrict(await db());
    const admin = await signIn(d.districtAdmin.username, testPassword);
    const base = { givenName: "Nia", familyName: "Newton", roles: [{ role: "teacher", schoolId: d.schoolA.id }] };
    const noRoles = await admin.request("POST", "/api/people", { ...base, username: `nia-${uniqueSuffix()}`, roles: [] });
    expect(noRoles.statusCode).toBe(400);
    expect(noRoles.json()).toMatchObject({ error: { message: expect.stringMatching(/at least one role/), fields: [{ path: "body.roles" }] } });
    const taken = await admin.request("POST", "/api/people", { ...base, username: d.teacherB.username });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: "conflict", fields: [{ path: "username" }] } });
    const elsewhere = await admin.request("POST", "/api/people", { ...base, username: `nia-${uniqueSuffix()}`, roles: [{ role: "teacher", schoolId: crypto.randomUUID() }] });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ error: { message: "School was not found" } });
    const created = await admin.request("POST", "/api/people", { ...base, username: `nia-${uniqueSuffix()}` });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ data: { givenName: "Nia", classes: [] }, policies: { edit: true } });
    expect(created.body).not.toContain("passwordHash");
  });

  it("lets a teacher read and reset a student of their class, and refuses the directory", async () => {
    const d = await buildDistrict(await db());
    const teacher = await signIn(d.teacherA.username, testPassword);
    expect((await teacher.request("GET", "/api/people")).statusCode).toBe(403);
    const read = await teacher.request("GET", `/api/people/${d.studentA1.id}`);
    expect(read.json()).toMatchObject({ data: { id: d.studentA1.id }, policies: { resetPassword: true, edit: false } });
    expect((await teacher.request("GET", `/api/people/${d.studentB1.id}`)).statusCode).toBe(404);
    const reset = await teacher.request("POST", `/api/people/${d.studentA1.id}/password`, { newPassword: "maple-lantern-harbour" });
    expect(reset.statusCode).toBe(204);
    await expect(signIn(d.studentA1.username, "maple-lantern-harbour")).resolves.toBeDefined();
  });

  it("signs a deactivated person out at once", async () => {
    const d = await buildDistrict(await db());
    const student = await signIn(d.studentA2.username, testPassword);
    expect((await student.request("GET", "/api/me")).statusCode).toBe(200);
    const admin = await signIn(d.schoolAdminA.username, testPassword);
    const res = await admin.request("PATCH", `/api/people/${d.studentA2.id}`, { status: "inactive" });
    expect(res.json()).toMatchObject({ data: { status: "inactive" } });
    expect((await student.request("GET", "/api/me")).statusCode).toBe(401);
  });

  it("grants, revokes and links through the API", async () => {
    const d = await buildDistrict(await db());
    const admin = await signIn(d.schoolAdminA.username, testPassword);
    const granted = await admin.request("POST", `/api/people/${d.teacherA.id}/roles`, { role: "guardian", schoolId: d.schoolA.id });
    expect(granted.statusCode).toBe(201);
    const role = (granted.json() as { data: { roles: { id: string; role: string }[] } }).data.roles.find((r) => r.role === "guardian")!;
    const linked = await admin.request("POST", `/api/people/${d.teacherA.id}/children`, { studentId: d.studentA2.id });
    expect(linked.statusCode).toBe(201);
    expect(linked.json()).toMatchObject({ data: { children: [{ id: d.studentA2.id }] }, policies: { linkChildren: true } });
    expect((await admin.request("DELETE", `/api/people/${d.teacherA.id}/children/${d.studentA2.id}`)).statusCode).toBe(200);
    const revoked = await admin.request("DELETE", `/api/people/${d.teacherA.id}/roles/${role.id}`);
    expect(revoked.json()).toMatchObject({ data: { roles: [{ role: "teacher" }] } });
  });
});
