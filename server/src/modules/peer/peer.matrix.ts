import { row, type MatrixRow } from "../../test/matrix.js";

/**
 * The matrix builds only the foundation's district, which has no group task, so these rows check
 * that every peer route refuses the anonymous and answers 404 for a task nobody can see. The
 * per-role answers on a real task are in peer.routes.test.ts ("who may do what"), actor by actor.
 */
const noTask = "00000000-0000-4000-8000-00000000e4e4";
const noUser = "00000000-0000-4000-8000-00000000e5e5";

export const peerMatrix: Record<string, MatrixRow> = {
  "GET /api/tasks/:taskId/peer/form": row(() => ({ url: `/api/tasks/${noTask}/peer/form` }), 404),
  "PUT /api/tasks/:taskId/peer/ratings": row(
    () => ({ url: `/api/tasks/${noTask}/peer/ratings`, payload: { ratings: [{ rateeId: noUser, scores: { effort: 3 } }] } }),
    404,
  ),
  "GET /api/tasks/:taskId/peer/overview": row(() => ({ url: `/api/tasks/${noTask}/peer/overview` }), 404),
  "PUT /api/tasks/:taskId/peer/groups/:groupId/mark": row(
    () => ({ url: `/api/tasks/${noTask}/peer/groups/${noUser}/mark`, payload: { mark: 70 } }),
    404,
  ),
  "PUT /api/tasks/:taskId/peer/overrides/:userId": row(
    () => ({ url: `/api/tasks/${noTask}/peer/overrides/${noUser}`, payload: { mark: 70, reason: "Was ill" } }),
    404,
  ),
  "DELETE /api/tasks/:taskId/peer/overrides/:userId": row(() => ({ url: `/api/tasks/${noTask}/peer/overrides/${noUser}` }), 404),
  "GET /api/tasks/:taskId/peer/marks.csv": row(() => ({ url: `/api/tasks/${noTask}/peer/marks.csv` }), 404),
};
