import type { DbOrTx } from "../../db/client.js";
import type { TestDistrict } from "../../test/factories.js";
import { row, rowWith, type MatrixRow } from "../../test/matrix.js";
import { buildMatrixBoard } from "./test-helpers.js";

/**
 * Brainstorm routes x actors, against a columns board of class A: studentA1 (the "student" actor)
 * wrote its card and is in group Red; teacherA teaches the class. Administrators of the school and
 * district read (and are refused changes, 403); staff without a class, guardians, another school's
 * teacher and another district see nothing (404).
 */
type Prepared = Awaited<ReturnType<typeof buildMatrixBoard>>;
const board = (db: DbOrTx, d: TestDistrict) => buildMatrixBoard(db, d);
const url = (p: Prepared) => `/api/brainstorm-boards/${p.board.id}`;
const card = (p: Prepared) => `${url(p)}/cards/${p.card.id}`;
const readers = { teacher: 200, student: 200, districtAdmin: 200, schoolAdmin: 200 } as const;
/** Changes: admins read only (403); the given answers for teacher and student. */
const change = (teacher: number, student: number) => ({ teacher, student, districtAdmin: 403, schoolAdmin: 403 });
const unknownId = "00000000-0000-4000-8000-000000000000";

export const brainstormMatrix: Record<string, MatrixRow> = {
  "GET /api/classes/:id/brainstorm-boards": row((d) => ({ url: `/api/classes/${d.classA.id}/brainstorm-boards` }), 404, readers),
  "GET /api/groups/:id/brainstorm-boards": rowWith(
    board,
    (_d, _o, p) => ({ url: `/api/groups/${p.red.id}/brainstorm-boards` }),
    404,
    readers,
  ),
  "POST /api/brainstorm-boards": row(
    (d) => ({ url: "/api/brainstorm-boards", payload: { classId: d.classA.id, title: "Matrix ideas" } }),
    404,
    change(201, 403),
  ),
  "GET /api/brainstorm-boards/:id": rowWith(board, (_d, _o, p) => ({ url: url(p) }), 404, readers),
  "PATCH /api/brainstorm-boards/:id": rowWith(board, (_d, _o, p) => ({ url: url(p), payload: { frozen: true } }), 404, change(200, 403)),
  "DELETE /api/brainstorm-boards/:id": rowWith(board, (_d, _o, p) => ({ url: url(p) }), 404, change(204, 403)),
  "POST /api/brainstorm-boards/:id/columns": rowWith(
    board,
    (_d, _o, p) => ({ url: `${url(p)}/columns`, payload: { title: "Later" } }),
    404,
    change(200, 403),
  ),
  "PATCH /api/brainstorm-boards/:id/columns/:columnId": rowWith(
    board,
    (_d, _o, p) => ({ url: `${url(p)}/columns/${p.column.id}`, payload: { position: 1 } }),
    404,
    change(200, 403),
  ),
  "DELETE /api/brainstorm-boards/:id/columns/:columnId": rowWith(
    board,
    (_d, _o, p) => ({ url: `${url(p)}/columns/${p.column.id}` }),
    404,
    change(200, 403),
  ),
  "POST /api/brainstorm-boards/:id/clusters": rowWith(
    board,
    (_d, _o, p) => ({ url: `${url(p)}/clusters`, payload: { label: "Costs" } }),
    404,
    change(200, 200),
  ),
  "PATCH /api/brainstorm-boards/:id/clusters/:clusterId": rowWith(
    board,
    (_d, _o, p) => ({ url: `${url(p)}/clusters/${p.cluster.id}`, payload: { label: "Money" } }),
    404,
    change(200, 200),
  ),
  "DELETE /api/brainstorm-boards/:id/clusters/:clusterId": rowWith(
    board,
    (_d, _o, p) => ({ url: `${url(p)}/clusters/${p.cluster.id}` }),
    404,
    change(200, 200),
  ),
  "POST /api/brainstorm-boards/:id/cards": rowWith(
    board,
    (_d, _o, p) => ({ url: `${url(p)}/cards`, payload: { text: "A new idea" } }),
    404,
    change(201, 201),
  ),
  "PATCH /api/brainstorm-boards/:id/cards/:cardId": rowWith(
    board,
    (_d, _o, p) => ({ url: card(p), payload: { version: 1, text: "Edited" } }),
    404,
    change(200, 200),
  ),
  "POST /api/brainstorm-boards/:id/cards/:cardId/move": rowWith(
    board,
    (_d, _o, p) => ({ url: `${card(p)}/move`, payload: { columnId: p.secondColumn.id, position: 0 } }),
    404,
    change(200, 200),
  ),
  "DELETE /api/brainstorm-boards/:id/cards/:cardId": rowWith(board, (_d, _o, p) => ({ url: card(p) }), 404, change(204, 204)),
  "PUT /api/brainstorm-boards/:id/cards/:cardId/vote": rowWith(board, (_d, _o, p) => ({ url: `${card(p)}/vote` }), 404, change(200, 200)),
  "DELETE /api/brainstorm-boards/:id/cards/:cardId/vote": rowWith(
    board,
    (_d, _o, p) => ({ url: `${card(p)}/vote` }),
    404,
    change(200, 200),
  ),
  // A teacher of the class gets 404 for this unknown discussion board (the discussions service decides).
  "POST /api/brainstorm-boards/:id/convert/thread": rowWith(
    board,
    (_d, _o, p) => ({ url: `${url(p)}/convert/thread`, payload: { discussionBoardId: unknownId, title: "Our ideas" } }),
    404,
    change(404, 403),
  ),
  // A class board has no group, so nobody may turn it into a group's task board (403 for those who see it).
  "POST /api/brainstorm-boards/:id/convert/task": rowWith(
    board,
    (_d, _o, p) => ({ url: `${url(p)}/convert/task`, payload: { taskId: unknownId } }),
    404,
    change(403, 403),
  ),
};
