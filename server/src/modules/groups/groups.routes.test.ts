import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { TGroupSetDetail } from "@stoa/contracts";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, testPassword, type TestDistrict } from "../../test/factories.js";
import { getTestApp, signIn, type Session } from "../../test/server.js";

// The authorization matrix cannot create a set first; this is its complement with real sets, over HTTP.
let app: FastifyInstance;
let d: TestDistrict;
let other: TestDistrict;
const sessions: Record<string, Session> = {};

beforeAll(async () => {
  app = await getTestApp();
  const { db } = await getTestDatabase();
  d = await buildDistrict(db);
  other = await buildDistrict(db);
  const people = {
    teacher: d.teacherA,
    districtAdmin: d.districtAdmin,
    schoolAdmin: d.schoolAdminA,
    staff: d.counselorA,
    student: d.studentA1,
    classmate: d.studentA2,
    guardian: d.guardianA1,
    otherSchoolTeacher: d.teacherB,
    otherDistrictAdmin: other.districtAdmin,
  };
  let i = 0;
  for (const [key, user] of Object.entries(people)) sessions[key] = await signIn(user.username, testPassword, `10.77.${i++}.1`);
});
afterAll(async () => {
  await app.close();
  await (await getTestDatabase()).close();
});

async function newSet(payload: Record<string, unknown>): Promise<TGroupSetDetail> {
  const res = await sessions.teacher!.request("POST", `/api/classes/${d.classA.id}/group-sets`, payload);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { data: TGroupSetDetail }).data;
}

async function statuses(method: "GET" | "POST", url: string, payload?: unknown) {
  const out: Record<string, number> = {
    anonymous: (await app.inject({ method, url, ...(payload ? { payload: payload as object } : {}) })).statusCode,
  };
  for (const [who, s] of Object.entries(sessions)) out[who] = (await s.request(method, url, payload)).statusCode;
  return out;
}

describe("a real set, per actor", () => {
  it("shows the whole set to the class's teachers and school admins only, published or not", async () => {
    const set = await newSet({ name: "Teams", strategy: "random", groupCount: 2, seed: 4 });
    const expected = {
      anonymous: 401,
      teacher: 200,
      districtAdmin: 200,
      schoolAdmin: 200,
      staff: 404,
      student: 404,
      classmate: 404,
      guardian: 404,
      otherSchoolTeacher: 404,
      otherDistrictAdmin: 404,
    };
    expect(await statuses("GET", `/api/group-sets/${set.id}`)).toEqual(expected);
    const published = await sessions.teacher!.request("POST", `/api/group-sets/${set.id}/publish`, { version: set.version });
    expect(published.statusCode).toBe(200);
    expect(await statuses("GET", `/api/group-sets/${set.id}`)).toEqual(expected);
  });

  it("lets only the class's teachers move students; a stale version gets 409", async () => {
    const set = await newSet({ name: "Moves", strategy: "random", groupCount: 2, seed: 8 });
    const move = { version: set.version, userId: d.studentA1.id, toGroupId: set.groups[1]!.id };
    const answers = await statuses("POST", `/api/group-sets/${set.id}/moves`, move);
    expect(answers).toEqual({
      anonymous: 401,
      teacher: 200,
      districtAdmin: 403,
      schoolAdmin: 403,
      staff: 404,
      student: 404,
      classmate: 404,
      guardian: 404,
      otherSchoolTeacher: 404,
      otherDistrictAdmin: 404,
    });
    const stale = await sessions.teacher!.request("POST", `/api/group-sets/${set.id}/moves`, move);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("Reload") } });
  });

  it("shows students a self-signup set only once published, and lets them join", async () => {
    const set = await newSet({ name: "Sign up", strategy: "selfSignup", groupCount: 2, capacity: 1 });
    expect((await sessions.student!.request("GET", `/api/group-sets/${set.id}/signup`)).statusCode).toBe(404);
    await sessions.teacher!.request("POST", `/api/group-sets/${set.id}/publish`, { version: set.version });
    const view = await sessions.student!.request("GET", `/api/group-sets/${set.id}/signup`);
    expect(view.statusCode).toBe(200);
    const joined = await sessions.student!.request("POST", `/api/group-sets/${set.id}/join`, { groupId: set.groups[0]!.id });
    expect(joined.json()).toMatchObject({ data: { myGroupId: set.groups[0]!.id, groups: [{ seatsLeft: 0 }, { seatsLeft: 1 }] } });
    const full = await sessions.classmate!.request("POST", `/api/group-sets/${set.id}/join`, { groupId: set.groups[0]!.id });
    expect(full.statusCode).toBe(409);
    expect((await sessions.guardian!.request("GET", `/api/group-sets/${set.id}/signup`)).statusCode).toBe(404);
  });

  it("rejects bad input with a clear 400 and creates nothing", async () => {
    const res = await sessions.teacher!.request("POST", `/api/classes/${d.classA.id}/group-sets`, {
      name: "Huge",
      strategy: "random",
      groupSize: 30,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { message: expect.stringContaining("larger than the class"), fields: [{ path: "groupSize" }] },
    });
    const neither = await sessions.teacher!.request("POST", `/api/classes/${d.classA.id}/group-sets`, {
      name: "Unsized",
      strategy: "random",
    });
    expect(neither.statusCode).toBe(400);
    const list = await sessions.teacher!.request("GET", `/api/classes/${d.classA.id}/group-sets`);
    expect((list.json() as { data: { name: string }[] }).data.map((s) => s.name)).not.toContain("Huge");
  });
});
