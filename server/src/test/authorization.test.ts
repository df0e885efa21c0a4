import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { getTestDatabase } from "./db.js";
import { buildDistrict, testPassword, type TestDistrict } from "./factories.js";
import { getTestApp, signIn, type Session } from "./server.js";
import { actors, matrix, type MatrixActor } from "./authorization.matrix.js";

let app: FastifyInstance;

/** The API routes the app serves, from its generated OpenAPI document ("METHOD /path"). */
async function servedRoutes(): Promise<string[]> {
  const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
  );
}

beforeAll(async () => {
  app = await getTestApp();
});
afterAll(async () => {
  await app.close();
  await (await getTestDatabase()).close();
});

function userOf(actor: Exclude<MatrixActor, "anonymous">, d: TestDistrict, other: TestDistrict) {
  const users = {
    districtAdmin: d.districtAdmin,
    schoolAdmin: d.schoolAdminA,
    teacher: d.teacherA,
    staff: d.counselorA,
    student: d.studentA1,
    guardian: d.guardianA1,
    otherSchoolTeacher: d.teacherB,
    otherDistrictAdmin: other.districtAdmin,
  };
  return users[actor];
}

describe("authorization matrix", () => {
  it("has a row for every route the API serves, and no row for a route that does not exist", async () => {
    const served = await servedRoutes();
    expect(served.filter((r) => !(r in matrix)), "routes without a row in authorization.matrix.ts").toEqual([]);
    expect(Object.keys(matrix).filter((r) => !served.includes(r)), "rows for routes that do not exist").toEqual([]);
  });

  for (const [route, row] of Object.entries(matrix)) {
    it(route, async () => {
      const { db } = await getTestDatabase();
      const [method] = route.split(" ") as [string, string];
      const answers: Record<string, number> = {};
      // A fresh district per route keeps one actor's change from deciding another's answer.
      const other = await buildDistrict(db);
      for (const actor of actors) {
        const d = await buildDistrict(db);
        const prepared = row.prepare ? await row.prepare(db, d, other) : undefined;
        const { url, payload } = row.request(d, other, prepared);
        let session: Session | undefined;
        if (actor !== "anonymous") session = await signIn(userOf(actor, d, other).username, testPassword, `10.200.${actors.indexOf(actor)}.1`);
        const res = session
          ? await session.request(method as "GET", url, payload)
          : await app.inject({ method: method as "GET", url, ...(payload === undefined ? {} : { payload: payload as object }) });
        answers[actor] = res.statusCode;
      }
      expect(answers).toEqual(row.expect);
    });
  }
});
