import type { DbOrTx } from "../../db/client.js";
import { chatMessages } from "../../db/schema/index.js";
import type { TestDistrict } from "../../test/factories.js";
import { row, rowWith, type MatrixRow } from "../../test/matrix.js";
import { buildChatGroup } from "./test-helpers.js";

/**
 * Chat routes x actors. Class A's chat: teacherA (teacher) and studentA1 (student) take part,
 * the school's and the district's admins read only; everyone else gets 404. Group chat: group
 * "Red" of class A with studentA1 as its member.
 */
const group = (db: DbOrTx, d: TestDistrict) => buildChatGroup(db, d);
/** A message of studentA2 in class A's chat (so that only the class's teacher may delete it). */
async function message(db: DbOrTx, d: TestDistrict) {
  const [m] = await db
    .insert(chatMessages)
    .values({ districtId: d.district.id, classId: d.classA.id, groupId: null, authorId: d.studentA2.id, body: "Hello" })
    .returning();
  return m!;
}
const readers = { districtAdmin: 200, schoolAdmin: 200, teacher: 200, student: 200 } as const;
/** Admins read but do not write (403); the class's people write. */
const writers = { districtAdmin: 403, schoolAdmin: 403, teacher: 201, student: 201 } as const;

export const chatMatrix: Record<string, MatrixRow> = {
  "GET /api/classes/:id/chat": row((d) => ({ url: `/api/classes/${d.classA.id}/chat` }), 404, readers),
  "POST /api/classes/:id/chat/messages": row((d) => ({ url: `/api/classes/${d.classA.id}/chat/messages`, payload: { body: "Hi" } }), 404, writers),
  "GET /api/groups/:id/chat": rowWith(group, (_d, _o, p) => ({ url: `/api/groups/${p.group.id}/chat` }), 404, readers),
  "POST /api/groups/:id/chat/messages": rowWith(group, (_d, _o, p) => ({ url: `/api/groups/${p.group.id}/chat/messages`, payload: { body: "Hi" } }), 404, writers),
  // studentA2's message: the class's teacher deletes it, studentA1 may not (403), admins may not (403).
  "DELETE /api/chat/messages/:id": rowWith(message, (_d, _o, m) => ({ url: `/api/chat/messages/${m.id}` }), 404, {
    districtAdmin: 403,
    schoolAdmin: 403,
    teacher: 200,
    student: 403,
  }),
  "PUT /api/classes/:id/chat/settings": row((d) => ({ url: `/api/classes/${d.classA.id}/chat/settings`, payload: { enabled: false } }), 404, {
    districtAdmin: 403,
    schoolAdmin: 403,
    teacher: 200,
    student: 403,
  }),
};
