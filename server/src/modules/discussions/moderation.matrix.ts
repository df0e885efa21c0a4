import type { DbOrTx } from "../../db/client.js";
import type { TestDistrict } from "../../test/factories.js";
import { row, rowWith, type MatrixRow } from "../../test/matrix.js";
import { buildDiscussion, type Discussion } from "./moderation.test-helpers.js";

/**
 * Discussion teacher tools x actors, against a real board of class A: teacherA moderates it,
 * studentA1 (the "student" actor) reads it, school and district admins read the teacher pages
 * but may not act (403). Staff, guardians, other schools and districts see nothing (404).
 */
const discussion = (db: DbOrTx, d: TestDistrict) => buildDiscussion(db, d);
const thread = (p: Discussion) => `/api/discussions/threads/${p.thread.id}`;
/** Only the class's teachers act; admins see the thing but may not (403); everyone else 404. */
const teacherActs = (status: number) => ({ teacher: status, districtAdmin: 403, schoolAdmin: 403 });
/** The teacher pages: teachers and admins read them. */
const teacherPages = { teacher: 200, districtAdmin: 200, schoolAdmin: 200 } as const;
/** Everyone who may read the board. */
const readers = { ...teacherPages, student: 200 } as const;
const reason = { reason: "Please keep to the topic." };

export const moderationMatrix: Record<string, MatrixRow> = {
  "GET /api/discussions/approvals": row(() => ({ url: "/api/discussions/approvals" }), 200),
  "POST /api/discussions/posts/:id/approve": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `/api/discussions/posts/${p.pending.id}/approve` }),
    404,
    teacherActs(200),
  ),
  "POST /api/discussions/posts/:id/reject": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `/api/discussions/posts/${p.pending.id}/reject`, payload: reason }),
    404,
    teacherActs(200),
  ),
  // Readers report studentA2's published reply (studentA1 already reported it in the fixture: 409).
  "POST /api/discussions/posts/:id/reports": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `/api/discussions/posts/${p.replyA2.id}/reports`, payload: { reason: "Unkind words" } }),
    404,
    { teacher: 201, districtAdmin: 201, schoolAdmin: 201, student: 409 },
  ),
  "GET /api/discussions/reports": row(() => ({ url: "/api/discussions/reports" }), 200),
  "POST /api/discussions/reports/:id/hide": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `/api/discussions/reports/${p.report.id}/hide`, payload: reason }),
    404,
    teacherActs(200),
  ),
  "POST /api/discussions/reports/:id/dismiss": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `/api/discussions/reports/${p.report.id}/dismiss` }),
    404,
    teacherActs(200),
  ),
  "GET /api/discussions/boards/:id/teacher-tools": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `/api/discussions/boards/${p.board.id}/teacher-tools` }),
    404,
    readers,
  ),
  "GET /api/discussions/threads/:id/teacher-tools": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `${thread(p)}/teacher-tools` }),
    404,
    readers,
  ),
  "PUT /api/discussions/threads/:id/grading": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `${thread(p)}/grading`, payload: { maxPoints: "20" } }),
    404,
    teacherActs(200),
  ),
  "GET /api/discussions/threads/:id/grading": rowWith(discussion, (_d, _o, p) => ({ url: `${thread(p)}/grading` }), 404, teacherPages),
  "PUT /api/discussions/threads/:id/grades/:studentId": rowWith(
    discussion,
    (d, _o, p) => ({ url: `${thread(p)}/grades/${d.studentA1.id}`, payload: { points: "7.5", comment: "Good ideas" } }),
    404,
    teacherActs(200),
  ),
  "GET /api/discussions/threads/:id/grades.csv": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `${thread(p)}/grades.csv` }),
    404,
    teacherPages,
  ),
  "GET /api/discussions/threads/:id/my-grade": rowWith(discussion, (_d, _o, p) => ({ url: `${thread(p)}/my-grade` }), 404, readers),
  "GET /api/discussions/threads/:id/export.html": rowWith(
    discussion,
    (_d, _o, p) => ({ url: `${thread(p)}/export.html` }),
    404,
    teacherPages,
  ),
};
