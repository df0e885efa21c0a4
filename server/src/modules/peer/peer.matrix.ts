import type { DbOrTx } from "../../db/client.js";
import { peerMarkOverrides } from "../../db/schema/index.js";
import type { TestDistrict } from "../../test/factories.js";
import { rowWith, type MatrixRow } from "../../test/matrix.js";
import { buildPeerTask } from "./test-helpers.js";

type Prepared = Awaited<ReturnType<typeof buildPeerTask>>;

/** A peer-assessed task in class A: studentA1 is in "Otters" with studentA2 and two more; the window is open. */
const task = (db: DbOrTx, d: TestDistrict) => buildPeerTask(db, d);

/** The same, with an override on one of Otters (so there is one to remove). */
async function taskWithOverride(db: DbOrTx, d: TestDistrict) {
  const p = await buildPeerTask(db, d);
  await db.insert(peerMarkOverrides).values({
    taskId: p.task.id,
    userId: p.cal.id,
    groupId: p.otters.id,
    districtId: d.district.id,
    mark: "75.00",
    reason: "Matrix",
    overriddenBy: d.teacherA.id,
  });
  return p;
}

const base = (p: Prepared) => `/api/tasks/${p.task.id}/peer`;
/** Only Otters' members may rate, only the class's teacher may mark; everyone else sees no task (404). */
const memberOnly = { student: 200 } as const;
const teacherOnly = { teacher: 200 } as const;
const teacherWrites = { teacher: 200, student: 403 } as const;

export const peerMatrix: Record<string, MatrixRow> = {
  "GET /api/tasks/:taskId/peer/form": rowWith(task, (_d, _o, p) => ({ url: `${base(p)}/form` }), 404, memberOnly),
  "PUT /api/tasks/:taskId/peer/ratings": rowWith(
    task,
    (d, _o, p) => ({
      url: `${base(p)}/ratings`,
      payload: { ratings: [d.studentA2.id, p.bea.id, p.cal.id].map((rateeId) => ({ rateeId, scores: { effort: 4, ideas: 3 } })) },
    }),
    404,
    { student: 200, teacher: 403 },
  ),
  "GET /api/tasks/:taskId/peer/overview": rowWith(task, (_d, _o, p) => ({ url: `${base(p)}/overview` }), 404, teacherOnly),
  "PUT /api/tasks/:taskId/peer/groups/:groupId/mark": rowWith(
    task,
    (_d, _o, p) => ({ url: `${base(p)}/groups/${p.otters.id}/mark`, payload: { mark: 70 } }),
    404,
    teacherWrites,
  ),
  "PUT /api/tasks/:taskId/peer/overrides/:userId": rowWith(
    task,
    (_d, _o, p) => ({ url: `${base(p)}/overrides/${p.cal.id}`, payload: { mark: 70, reason: "Was ill" } }),
    404,
    teacherWrites,
  ),
  "DELETE /api/tasks/:taskId/peer/overrides/:userId": rowWith(
    taskWithOverride,
    (_d, _o, p) => ({ url: `${base(p)}/overrides/${p.cal.id}` }),
    404,
    {
      teacher: 204,
      student: 403,
    },
  ),
  "GET /api/tasks/:taskId/peer/marks.csv": rowWith(task, (_d, _o, p) => ({ url: `${base(p)}/marks.csv` }), 404, teacherOnly),
};
