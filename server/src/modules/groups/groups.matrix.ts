import { row, type MatrixRow } from "../../test/matrix.js";

// The matrix builds a fresh district per actor and cannot create a set first, so routes on one set
// are checked here for "a set you cannot see looks missing" (404 for everyone signed in); the
// answers with a real set, published or not, per actor, are in groups.routes.test.ts.
const noSet =
  (path = "") =>
  (d: { classA: { id: string } }) => ({ url: `/api/group-sets/${d.classA.id}${path}` });
const version = { version: 1 };

/** Who may see what of a class's groups: its teachers manage, school admins read, its students see published sets. */
const readAll = { districtAdmin: 200, schoolAdmin: 200, teacher: 200 };
const manage = { teacher: 200, districtAdmin: 403, schoolAdmin: 403, student: 403 };

export const groupsMatrix: Record<string, MatrixRow> = {
  "GET /api/classes/:id/group-sets": row((d) => ({ url: `/api/classes/${d.classA.id}/group-sets` }), 404, { ...readAll, student: 200 }),
  "POST /api/classes/:id/group-sets": row(
    (d) => ({ url: `/api/classes/${d.classA.id}/group-sets`, payload: { name: "Matrix set", strategy: "random", groupCount: 2, seed: 1 } }),
    404,
    { ...manage, teacher: 201 },
  ),
  "GET /api/group-sets/:id": row(noSet(), 404),
  "PATCH /api/group-sets/:id": row((d) => ({ ...noSet()(d), payload: { version: 1, name: "Renamed" } }), 404),
  "DELETE /api/group-sets/:id": row(noSet(), 404),
  "POST /api/group-sets/:id/moves": row(
    (d) => ({ ...noSet("/moves")(d), payload: { version: 1, userId: d.studentA1.id, toGroupId: null } }),
    404,
  ),
  "POST /api/group-sets/:id/locks": row(
    (d) => ({ ...noSet("/locks")(d), payload: { version: 1, userId: d.studentA1.id, locked: true } }),
    404,
  ),
  "POST /api/group-sets/:id/rerun": row((d) => ({ ...noSet("/rerun")(d), payload: version }), 404),
  "POST /api/group-sets/:id/publish": row((d) => ({ ...noSet("/publish")(d), payload: version }), 404),
  "POST /api/group-sets/:id/unpublish": row((d) => ({ ...noSet("/unpublish")(d), payload: version }), 404),
  "GET /api/group-sets/:id/signup": row(noSet("/signup"), 404),
  "POST /api/group-sets/:id/join": row((d) => ({ ...noSet("/join")(d), payload: { groupId: d.classA.id } }), 404),
  "POST /api/group-sets/:id/leave": row(noSet("/leave"), 404),
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
  // No survey exists in a fresh district: nobody finds one (students see it once their teacher sets it up: routes test).
  "GET /api/classes/:id/group-survey/mine": row((d) => ({ url: `/api/classes/${d.classA.id}/group-survey/mine` }), 404),
  "PUT /api/classes/:id/group-survey/mine": row(
    (d) => ({ url: `/api/classes/${d.classA.id}/group-survey/mine`, payload: { interests: [] } }),
    404,
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
  // The attribute does not exist yet: the teacher is told so (404); others are refused first.
  "DELETE /api/classes/:id/student-attributes/:name": row((d) => ({ url: `/api/classes/${d.classA.id}/student-attributes/score` }), 404, {
    ...manage,
    teacher: 404,
  }),
};
