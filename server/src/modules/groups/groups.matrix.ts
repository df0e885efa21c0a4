import { ZGroupSetCreate, type TGroupSetCreate } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { actorOf, type TestDistrict } from "../../test/factories.js";
import { row, rowWith, type MatrixRow } from "../../test/matrix.js";
import * as attributes from "./attributes.service.js";
import * as sets from "./groups.service.js";
import * as signup from "./signup.service.js";

/** A set in class A made by its teacher (random, 2 groups, unpublished unless asked). */
async function prepareSet(
  db: DbOrTx,
  d: TestDistrict,
  input: TGroupSetCreate = { name: "Matrix set", strategy: "random", groupCount: 2, seed: 1 },
  publish = false,
) {
  const created = await sets.createSet(db as Db, actorOf(d.teacherA), d.classA.id, ZGroupSetCreate.parse(input));
  const set = publish
    ? (await sets.publish(db as Db, actorOf(d.teacherA), created.data.id, created.data.version, true)).data
    : created.data;
  return { id: set.id, version: set.version, groupId: set.groups[0]!.id };
}

/** A published, open self-signup set in class A (2 groups of 2 seats); studentA1 has joined the first group when `joined`. */
async function prepareSignup(db: DbOrTx, d: TestDistrict, joined = false) {
  const set = await prepareSet(db, d, { name: "Matrix sign-up", strategy: "selfSignup", groupCount: 2, capacity: 2 }, true);
  if (joined) await signup.join(db as Db, actorOf(d.studentA1), set.id, set.groupId);
  return set;
}

const openSurvey = async (db: DbOrTx, d: TestDistrict) => {
  await attributes.saveSurvey(db as Db, actorOf(d.teacherA), d.classA.id, {
    open: true,
    interests: ["robots"],
    slots: ["mon-lunch"],
    maxPartners: 1,
  });
};

/** Class A's teacher reads and changes; school and district admins read; its students see published sets; nobody else sees anything. */
const readAll = { districtAdmin: 200, schoolAdmin: 200, teacher: 200 };
const manage = { teacher: 200, districtAdmin: 403, schoolAdmin: 403, student: 403 };
const manageSet = { teacher: 200, districtAdmin: 403, schoolAdmin: 403 };
const signupSeen = { teacher: 200, districtAdmin: 200, schoolAdmin: 200, student: 200 };
// Only students sign up; staff of the class see the set but are told to use the board (400).
const signupAction = { student: 200, teacher: 400, districtAdmin: 400, schoolAdmin: 400 };

export const groupsMatrix: Record<string, MatrixRow> = {
  "GET /api/classes/:id/group-sets": row((d) => ({ url: `/api/classes/${d.classA.id}/group-sets` }), 404, { ...readAll, student: 200 }),
  "POST /api/classes/:id/group-sets": row(
    (d) => ({ url: `/api/classes/${d.classA.id}/group-sets`, payload: { name: "Matrix set", strategy: "random", groupCount: 2, seed: 1 } }),
    404,
    { ...manage, teacher: 201 },
  ),
  "GET /api/group-sets/:id": rowWith(
    (db, d) => prepareSet(db, d, undefined, true),
    (_d, _o, s) => ({ url: `/api/group-sets/${s.id}` }),
    404,
    readAll,
  ),
  "PATCH /api/group-sets/:id": rowWith(
    (db, d) => prepareSet(db, d),
    (_d, _o, s) => ({ url: `/api/group-sets/${s.id}`, payload: { version: s.version, name: "Renamed" } }),
    404,
    manageSet,
  ),
  "DELETE /api/group-sets/:id": rowWith(
    (db, d) => prepareSet(db, d),
    (_d, _o, s) => ({ url: `/api/group-sets/${s.id}` }),
    404,
    {
      ...manageSet,
      teacher: 204,
    },
  ),
  "POST /api/group-sets/:id/moves": rowWith(
    (db, d) => prepareSet(db, d),
    (d, _o, s) => ({ url: `/api/group-sets/${s.id}/moves`, payload: { version: s.version, userId: d.studentA1.id, toGroupId: null } }),
    404,
    manageSet,
  ),
  "POST /api/group-sets/:id/locks": rowWith(
    (db, d) => prepareSet(db, d),
    (d, _o, s) => ({ url: `/api/group-sets/${s.id}/locks`, payload: { version: s.version, userId: d.studentA1.id, locked: true } }),
    404,
    manageSet,
  ),
  "POST /api/group-sets/:id/rerun": rowWith(
    (db, d) => prepareSet(db, d),
    (_d, _o, s) => ({ url: `/api/group-sets/${s.id}/rerun`, payload: { version: s.version } }),
    404,
    manageSet,
  ),
  "POST /api/group-sets/:id/publish": rowWith(
    (db, d) => prepareSet(db, d),
    (_d, _o, s) => ({ url: `/api/group-sets/${s.id}/publish`, payload: { version: s.version } }),
    404,
    manageSet,
  ),
  "POST /api/group-sets/:id/unpublish": rowWith(
    (db, d) => prepareSet(db, d, undefined, true),
    (_d, _o, s) => ({ url: `/api/group-sets/${s.id}/unpublish`, payload: { version: s.version } }),
    404,
    manageSet,
  ),
  "GET /api/group-sets/:id/signup": rowWith(
    (db, d) => prepareSignup(db, d),
    (_d, _o, s) => ({ url: `/api/group-sets/${s.id}/signup` }),
    404,
    signupSeen,
  ),
  "POST /api/group-sets/:id/join": rowWith(
    (db, d) => prepareSignup(db, d),
    (_d, _o, s) => ({ url: `/api/group-sets/${s.id}/join`, payload: { groupId: s.groupId } }),
    404,
    signupAction,
  ),
  "POST /api/group-sets/:id/leave": rowWith(
    (db, d) => prepareSignup(db, d, true),
    (_d, _o, s) => ({ url: `/api/group-sets/${s.id}/leave` }),
    404,
    signupAction,
  ),
  "GET /api/me/groups": row(() => ({ url: "/api/me/groups" }), 200),
  "GET /api/classes/:id/group-survey": row((d) => ({ url: `/api/classes/${d.classA.id}/group-survey` }), 404, readAll),
  "PUT /api/classes/:id/group-survey": row(
    (d) => ({
      url: `/api/classes/${d.classA.id}/group-survey`,
      payload: { open: true, interests: ["robots"], slots: ["mon-lunch"], maxPartners: 1 },
    }),
    404,
    manage,
  ),
  // The survey for students: only the class's students have one to answer.
  "GET /api/classes/:id/group-survey/mine": rowWith(openSurvey, (d) => ({ url: `/api/classes/${d.classA.id}/group-survey/mine` }), 404, {
    student: 200,
  }),
  "PUT /api/classes/:id/group-survey/mine": rowWith(
    openSurvey,
    (d) => ({
      url: `/api/classes/${d.classA.id}/group-survey/mine`,
      payload: { interests: ["robots"], freeTimes: ["mon-lunch"], partners: [d.studentA2.id] },
    }),
    404,
    { student: 200 },
  ),
  "GET /api/classes/:id/group-attributes": row((d) => ({ url: `/api/classes/${d.classA.id}/group-attributes` }), 404, readAll),
  "GET /api/classes/:id/student-attributes": row((d) => ({ url: `/api/classes/${d.classA.id}/student-attributes` }), 404, readAll),
  "PUT /api/classes/:id/student-attributes": row(
    (d) => ({
      url: `/api/classes/${d.classA.id}/student-attributes`,
      payload: { name: "score", values: [{ userId: d.studentA1.id, value: "5" }] },
    }),
    404,
    manage,
  ),
  "POST /api/classes/:id/student-attributes/csv": row(
    (d) => ({ url: `/api/classes/${d.classA.id}/student-attributes/csv`, payload: { csv: `student,score\n${d.studentA1.username},5` } }),
    404,
    manage,
  ),
  "DELETE /api/classes/:id/student-attributes/:name": rowWith(
    async (db, d) =>
      attributes.writeAttributeValues(db as Db, actorOf(d.teacherA), d.classA.id, {
        name: "score",
        values: [{ userId: d.studentA1.id, value: "5" }],
      }),
    (d) => ({ url: `/api/classes/${d.classA.id}/student-attributes/score` }),
    404,
    { ...manage, teacher: 204 },
  ),
};
