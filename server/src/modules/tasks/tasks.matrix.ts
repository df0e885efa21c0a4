import type { DbOrTx } from "../../db/client.js";
import type { TestDistrict } from "../../test/factories.js";
import { row, rowWith, type MatrixRow } from "../../test/matrix.js";
import { buildMatrixTask } from "./test-helpers.js";

/**
 * Group task routes x actors, against a real task of class A: studentA1 is a member of its group
 * "Red" (the "student" actor), teacherA teaches the class. Everyone else sees nothing (404).
 */
type Prepared = Awaited<ReturnType<typeof buildMatrixTask>>;
const task = (db: DbOrTx, d: TestDistrict) => buildMatrixTask(db, d);
const taskUrl = (p: Prepared) => `/api/tasks/${p.task.id}`;
const space = (p: Prepared) => `${taskUrl(p)}/groups/${p.red.id}`;
/** Members change the space; the class's teachers read it (403 on changes). */
const memberWrites = (status: number) => ({ student: status, teacher: 403 });
const bothRead = { student: 200, teacher: 200 } as const;
const unknownId = "00000000-0000-4000-8000-000000000000";
const settings = { title: "Renamed", dueAt: "2030-01-01T00:00:00Z", version: 1 };
const charter = { goals: "g", norms: "n", decisions: "d", fallingBehind: "f", version: 0 };

export const tasksMatrix: Record<string, MatrixRow> = {
  "GET /api/classes/:id/tasks": row((d) => ({ url: `/api/classes/${d.classA.id}/tasks` }), 404, { teacher: 200, student: 200 }),
  "GET /api/tasks/mine": row(() => ({ url: "/api/tasks/mine" }), 200),
  "POST /api/tasks": row(
    (d) => ({
      url: "/api/tasks",
      payload: { classId: d.classA.id, setId: d.district.id, title: "Matrix task", dueAt: "2030-01-01T00:00:00Z" },
    }),
    404,
    { teacher: 400, student: 403 },
  ),
  "GET /api/tasks/:id": rowWith(task, (_d, _o, p) => ({ url: taskUrl(p) }), 404, bothRead),
  "PUT /api/tasks/:id": rowWith(task, (_d, _o, p) => ({ url: taskUrl(p), payload: settings }), 404, { teacher: 200, student: 403 }),
  "DELETE /api/tasks/:id": rowWith(task, (_d, _o, p) => ({ url: taskUrl(p) }), 404, { teacher: 204, student: 403 }),
  "GET /api/tasks/:id/summaries": rowWith(task, (_d, _o, p) => ({ url: `${taskUrl(p)}/summaries` }), 404, { teacher: 200 }),
  "GET /api/tasks/:id/groups/:groupId": rowWith(task, (_d, _o, p) => ({ url: space(p) }), 404, bothRead),
  "POST /api/tasks/:id/groups/:groupId/roles": rowWith(
    task,
    (d, _o, p) => ({ url: `${space(p)}/roles`, payload: { role: "recorder", userId: d.studentA1.id } }),
    404,
    memberWrites(200),
  ),
  // Nobody proposed studentA1 for the role: a clear 400.
  "POST /api/tasks/:id/groups/:groupId/roles/accept": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/roles/accept`, payload: { role: "recorder" } }),
    404,
    memberWrites(400),
  ),
  "PUT /api/tasks/:id/groups/:groupId/charter": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/charter`, payload: charter }),
    404,
    memberWrites(200),
  ),
  // No charter written yet: nothing to sign (400).
  "POST /api/tasks/:id/groups/:groupId/charter/sign": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/charter/sign`, payload: { version: 1 } }),
    404,
    memberWrites(400),
  ),
  "POST /api/tasks/:id/groups/:groupId/cards": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/cards`, payload: { title: "Card" } }),
    404,
    memberWrites(201),
  ),
  "PATCH /api/tasks/:id/groups/:groupId/cards/:cardId": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/cards/${p.card.id}`, payload: { version: 1, status: "done" } }),
    404,
    memberWrites(200),
  ),
  "DELETE /api/tasks/:id/groups/:groupId/cards/:cardId": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/cards/${p.card.id}?version=1` }),
    404,
    memberWrites(204),
  ),
  "GET /api/tasks/:id/groups/:groupId/cards-log": rowWith(task, (_d, _o, p) => ({ url: `${space(p)}/cards-log` }), 404, bothRead),
  "PUT /api/tasks/:id/groups/:groupId/submission": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/submission`, payload: { version: 1, body: "<p>x</p>" } }),
    404,
    memberWrites(200),
  ),
  "POST /api/tasks/:id/groups/:groupId/submission/submit": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/submission/submit` }),
    404,
    memberWrites(200),
  ),
  // Not handed in yet: nothing to take back (409).
  "POST /api/tasks/:id/groups/:groupId/submission/unsubmit": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/submission/unsubmit` }),
    404,
    memberWrites(409),
  ),
  "GET /api/tasks/:id/groups/:groupId/submission/versions": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/submission/versions` }),
    404,
    bothRead,
  ),
  "GET /api/tasks/:id/groups/:groupId/submission/versions/:version": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/submission/versions/1` }),
    404,
    bothRead,
  ),
  // Not multipart: the member is told how to send a file (400); access is checked before the body is read.
  "POST /api/tasks/:id/groups/:groupId/submission/files": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/submission/files`, payload: { file: "x" } }),
    404,
    memberWrites(400),
  ),
  // Uploads need multipart (tasks.routes.test.ts downloads a real file as member, teacher and another group's student).
  "GET /api/tasks/:id/groups/:groupId/submission/files/:fileId": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/submission/files/${unknownId}` }),
    404,
  ),
  "DELETE /api/tasks/:id/groups/:groupId/submission/files/:fileId": rowWith(
    task,
    (_d, _o, p) => ({ url: `${space(p)}/submission/files/${unknownId}` }),
    404,
    { teacher: 403 },
  ),
  "GET /api/tasks/:id/groups/:groupId/contributions": rowWith(task, (_d, _o, p) => ({ url: `${space(p)}/contributions` }), 404, bothRead),
  // A teacher's beat is accepted and ignored (204): reading a space is not working in it.
  "POST /api/tasks/:id/groups/:groupId/activity": rowWith(task, (_d, _o, p) => ({ url: `${space(p)}/activity` }), 404, {
    student: 204,
    teacher: 204,
  }),
};
