import { row, type MatrixRow } from "../../test/matrix.js";

/**
 * Group task routes x actors. The shared matrix builds only `buildDistrict`'s fixtures (no group
 * sets or tasks), so rows under /api/tasks/:id use an id that is no task and expect 404 from
 * everyone signed in; tasks.routes.test.ts runs every actor against a real task and group space.
 */
const missing = (d: { district: { id: string } }) => d.district.id;
const space = (d: { district: { id: string } }) => `/api/tasks/${missing(d)}/groups/${missing(d)}`;
const notATask = (url: (d: { district: { id: string } }) => string, payload?: unknown): MatrixRow =>
  row((d) => ({ url: url(d), ...(payload === undefined ? {} : { payload }) }), 404);

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
  "GET /api/tasks/:id": notATask((d) => `/api/tasks/${missing(d)}`),
  "PUT /api/tasks/:id": notATask((d) => `/api/tasks/${missing(d)}`, { title: "T", dueAt: "2030-01-01T00:00:00Z", version: 1 }),
  "DELETE /api/tasks/:id": notATask((d) => `/api/tasks/${missing(d)}`),
  "GET /api/tasks/:id/summaries": notATask((d) => `/api/tasks/${missing(d)}/summaries`),
  "GET /api/tasks/:id/groups/:groupId": notATask(space),
  "POST /api/tasks/:id/groups/:groupId/roles": notATask((d) => `${space(d)}/roles`, {
    role: "recorder",
    userId: "00000000-0000-4000-8000-000000000000",
  }),
  "POST /api/tasks/:id/groups/:groupId/roles/accept": notATask((d) => `${space(d)}/roles/accept`, { role: "recorder" }),
  "PUT /api/tasks/:id/groups/:groupId/charter": notATask((d) => `${space(d)}/charter`, charter),
  "POST /api/tasks/:id/groups/:groupId/charter/sign": notATask((d) => `${space(d)}/charter/sign`, { version: 1 }),
  "POST /api/tasks/:id/groups/:groupId/cards": notATask((d) => `${space(d)}/cards`, { title: "Card" }),
  "PATCH /api/tasks/:id/groups/:groupId/cards/:cardId": notATask((d) => `${space(d)}/cards/${missing(d)}`, { version: 1, status: "done" }),
  "DELETE /api/tasks/:id/groups/:groupId/cards/:cardId": notATask((d) => `${space(d)}/cards/${missing(d)}?version=1`),
  "GET /api/tasks/:id/groups/:groupId/cards-log": notATask((d) => `${space(d)}/cards-log`),
  "PUT /api/tasks/:id/groups/:groupId/submission": notATask((d) => `${space(d)}/submission`, { version: 0, body: "<p>x</p>" }),
  "POST /api/tasks/:id/groups/:groupId/submission/submit": notATask((d) => `${space(d)}/submission/submit`),
  "POST /api/tasks/:id/groups/:groupId/submission/unsubmit": notATask((d) => `${space(d)}/submission/unsubmit`),
  "GET /api/tasks/:id/groups/:groupId/submission/versions": notATask((d) => `${space(d)}/submission/versions`),
  "GET /api/tasks/:id/groups/:groupId/submission/versions/:version": notATask((d) => `${space(d)}/submission/versions/1`),
  "POST /api/tasks/:id/groups/:groupId/submission/files": notATask((d) => `${space(d)}/submission/files`),
  "GET /api/tasks/:id/groups/:groupId/submission/files/:fileId": notATask((d) => `${space(d)}/submission/files/${missing(d)}`),
  "DELETE /api/tasks/:id/groups/:groupId/submission/files/:fileId": notATask((d) => `${space(d)}/submission/files/${missing(d)}`),
  "GET /api/tasks/:id/groups/:groupId/contributions": notATask((d) => `${space(d)}/contributions`),
  "POST /api/tasks/:id/groups/:groupId/activity": notATask((d) => `${space(d)}/activity`),
};
