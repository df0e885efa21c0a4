import type { DbOrTx } from "../../db/client.js";
import type { TestDistrict } from "../../test/factories.js";
import { row, rowWith, type MatrixRow } from "../../test/matrix.js";
import { eq } from "drizzle-orm";
import { discussionAttachments } from "../../db/schema/index.js";
import { testPassword } from "../../test/factories.js";
import { getTestApp, signIn } from "../../test/server.js";
import { multipart } from "../portfolio/test-helpers.js";
import { buildDiscussionFixture } from "./test-helpers.js";

/**
 * Discussion routes x actors, against a class board of classA with one thread (opening post by
 * teacherA, a reply by studentA2). teacherA moderates; studentA1 (the "student" actor) reads and
 * posts; district and school admins of school A read only (403 on changes); guardians, staff,
 * another school's teacher and another district see nothing (404).
 */
type Prepared = Awaited<ReturnType<typeof buildDiscussionFixture>>;
const fixture = (db: DbOrTx, d: TestDistrict) => buildDiscussionFixture(db, d);
/** The fixture and a PDF uploaded by studentA2 through the API, attached to their reply. */
const withAttachment = async (db: DbOrTx, d: TestDistrict) => {
  const f = await buildDiscussionFixture(db, d);
  const session = await signIn(d.studentA2.username, testPassword, "10.202.0.1");
  const { payload, headers } = multipart("notes.pdf", Buffer.from("%PDF-1.4\n% matrix\n"), "application/pdf");
  const app = await getTestApp();
  const res = await app.inject({
    method: "POST",
    url: `/api/discussions/boards/${f.board.id}/attachments`,
    payload,
    headers: { ...headers, cookie: session.cookie, "x-csrf-token": session.csrf },
    remoteAddress: "10.202.0.1",
  });
  const fileId = (res.json() as { data: { id: string } }).data.id;
  await db.update(discussionAttachments).set({ postId: f.reply.id }).where(eq(discussionAttachments.id, fileId));
  return { ...f, fileId };
};
const board = (p: Prepared) => `/api/discussions/boards/${p.board.id}`;
const thread = (p: Prepared) => `/api/discussions/threads/${p.thread.id}`;
const reply = (p: Prepared) => `/api/discussions/posts/${p.reply.id}`;
/** Readers: the class's teacher and student, and the admins of the school and district. */
const readers = { teacher: 200, student: 200, districtAdmin: 200, schoolAdmin: 200 } as const;
/** Posters: teacher and student may; the admins read only. */
const posters = (status: number) => ({ teacher: status, student: status, districtAdmin: 403, schoolAdmin: 403 });
/** Moderators only: the teacher; the student and the admins see but may not. */
const moderators = (status: number) => ({ teacher: status, student: 403, districtAdmin: 403, schoolAdmin: 403 });

export const discussionsMatrix: Record<string, MatrixRow> = {
  "GET /api/discussions/boards": row(() => ({ url: "/api/discussions/boards" }), 200),
  "GET /api/classes/:id/discussion-boards": row((d) => ({ url: `/api/classes/${d.classA.id}/discussion-boards` }), 404, readers),
  "GET /api/groups/:id/discussion-boards": rowWith(
    fixture,
    (_d, _o, p) => ({ url: `/api/groups/${p.red.id}/discussion-boards` }),
    404,
    readers,
  ),
  "POST /api/discussions/boards": row(
    (d) => ({ url: "/api/discussions/boards", payload: { classId: d.classA.id, title: "Matrix board" } }),
    404,
    {
      teacher: 201,
      student: 403,
      districtAdmin: 403,
      schoolAdmin: 403,
    },
  ),
  "GET /api/discussions/boards/:id": rowWith(fixture, (_d, _o, p) => ({ url: board(p) }), 404, readers),
  "PATCH /api/discussions/boards/:id": rowWith(
    fixture,
    (_d, _o, p) => ({ url: board(p), payload: { title: "Renamed" } }),
    404,
    moderators(200),
  ),
  "GET /api/discussions/boards/:id/threads": rowWith(fixture, (_d, _o, p) => ({ url: `${board(p)}/threads` }), 404, readers),
  "POST /api/discussions/boards/:id/threads": rowWith(
    fixture,
    (_d, _o, p) => ({ url: `${board(p)}/threads`, payload: { title: "Matrix thread", body: "<p>Hi</p>" } }),
    404,
    posters(201),
  ),
  "GET /api/discussions/boards/:id/people": rowWith(fixture, (_d, _o, p) => ({ url: `${board(p)}/people` }), 404, readers),
  // Not multipart: people who may post get a clear 400; the admins 403 first.
  "POST /api/discussions/boards/:id/attachments": rowWith(fixture, (_d, _o, p) => ({ url: `${board(p)}/attachments`, payload: {} }), 404, {
    ...posters(400),
  }),
  "GET /api/discussions/attachments/:id": rowWith(
    withAttachment,
    (_d, _o, p) => ({ url: `/api/discussions/attachments/${p.fileId}` }),
    404,
    readers,
  ),
  "GET /api/discussions/threads/:id": rowWith(fixture, (_d, _o, p) => ({ url: thread(p) }), 404, readers),
  "PATCH /api/discussions/threads/:id": rowWith(
    fixture,
    (_d, _o, p) => ({ url: thread(p), payload: { pinned: true } }),
    404,
    moderators(200),
  ),
  "POST /api/discussions/threads/:id/read": rowWith(fixture, (_d, _o, p) => ({ url: `${thread(p)}/read` }), 404, {
    teacher: 204,
    student: 204,
    districtAdmin: 204,
    schoolAdmin: 204,
  }),
  "PUT /api/discussions/threads/:id/follow": rowWith(fixture, (_d, _o, p) => ({ url: `${thread(p)}/follow` }), 404, readers),
  "DELETE /api/discussions/threads/:id/follow": rowWith(fixture, (_d, _o, p) => ({ url: `${thread(p)}/follow` }), 404, readers),
  "POST /api/discussions/threads/:id/posts": rowWith(
    fixture,
    (_d, _o, p) => ({ url: `${thread(p)}/posts`, payload: { body: "<p>Reply</p>" } }),
    404,
    posters(201),
  ),
  // studentA2 wrote the reply: nobody else may edit it.
  "PATCH /api/discussions/posts/:id": rowWith(fixture, (_d, _o, p) => ({ url: reply(p), payload: { body: "<p>Edited</p>" } }), 404, {
    teacher: 403,
    student: 403,
    districtAdmin: 403,
    schoolAdmin: 403,
  }),
  "DELETE /api/discussions/posts/:id": rowWith(fixture, (_d, _o, p) => ({ url: reply(p) }), 404, moderators(200)),
  "GET /api/discussions/posts/:id/edits": rowWith(fixture, (_d, _o, p) => ({ url: `${reply(p)}/edits` }), 404, readers),
  "POST /api/discussions/posts/:id/hide": rowWith(
    fixture,
    (_d, _o, p) => ({ url: `${reply(p)}/hide`, payload: { reason: "Off topic" } }),
    404,
    moderators(200),
  ),
  "DELETE /api/discussions/posts/:id/hide": rowWith(fixture, (_d, _o, p) => ({ url: `${reply(p)}/hide` }), 404, moderators(200)),
  "PUT /api/discussions/posts/:id/reactions/:kind": rowWith(
    fixture,
    (_d, _o, p) => ({ url: `${reply(p)}/reactions/like` }),
    404,
    posters(200),
  ),
  "DELETE /api/discussions/posts/:id/reactions/:kind": rowWith(
    fixture,
    (_d, _o, p) => ({ url: `${reply(p)}/reactions/like` }),
    404,
    posters(200),
  ),
  "GET /api/discussions/search": row(() => ({ url: "/api/discussions/search?q=hello" }), 200),
};
