import * as Y from "yjs";
import type { DbOrTx } from "../../db/client.js";
import type { TestDistrict } from "../../test/factories.js";
import { rowWith, type MatrixRow } from "../../test/matrix.js";
import { buildMatrixTask } from "../tasks/test-helpers.js";
import { insertDocument, insertVersionFromDocument, storeContent } from "./documents.repository.js";
import { buildDocumentFixture, writeParagraph } from "./test-helpers.js";

/**
 * Shared-document routes x actors, against a document of group "Red" of class A (studentA1 is a
 * member, teacherA teaches the class). Admins of the school and district read; nobody else sees it.
 */
async function documentWithVersion(db: DbOrTx, d: TestDistrict) {
  const fixture = await buildDocumentFixture(db, d);
  await insertVersionFromDocument(db, fixture.document.id, "manual", d.studentA1.id);
  return fixture;
}

/** buildMatrixTask's group Red with a document that has content to hand in. */
async function taskWithDocument(db: DbOrTx, d: TestDistrict) {
  const task = await buildMatrixTask(db, d);
  const document = await insertDocument(db, { districtId: d.district.id, groupId: task.red.id, title: "Report", createdBy: d.studentA1.id });
  const doc = new Y.Doc();
  writeParagraph(doc, "Our findings");
  await storeContent(db, document.id, { state: Y.encodeStateAsUpdate(doc), html: "<p>Our findings</p>", updatedBy: d.studentA1.id });
  return { ...task, document };
}

type Fixture = Awaited<ReturnType<typeof documentWithVersion>>;
const doc = (p: Fixture) => `/api/documents/${p.document.id}`;
const readers = { districtAdmin: 200, schoolAdmin: 200, teacher: 200, student: 200 } as const;
const writers = (status: number) => ({ districtAdmin: 403, schoolAdmin: 403, teacher: status, student: status });
const space = (p: Awaited<ReturnType<typeof taskWithDocument>>) => `/api/tasks/${p.task.id}/groups/${p.red.id}/submission/document`;

export const documentsMatrix: Record<string, MatrixRow> = {
  "GET /api/groups/:id/documents": rowWith(documentWithVersion, (_d, _o, p) => ({ url: `/api/groups/${p.red.id}/documents` }), 404, readers),
  "POST /api/groups/:id/documents": rowWith(
    documentWithVersion,
    (_d, _o, p) => ({ url: `/api/groups/${p.red.id}/documents`, payload: { title: "Notes" } }),
    404,
    writers(201),
  ),
  "GET /api/documents/:id": rowWith(documentWithVersion, (_d, _o, p) => ({ url: doc(p) }), 404, readers),
  "PATCH /api/documents/:id": rowWith(documentWithVersion, (_d, _o, p) => ({ url: doc(p), payload: { title: "Renamed" } }), 404, writers(200)),
  "DELETE /api/documents/:id": rowWith(documentWithVersion, (_d, _o, p) => ({ url: doc(p) }), 404, writers(204)),
  "GET /api/documents/:id/export": rowWith(documentWithVersion, (_d, _o, p) => ({ url: `${doc(p)}/export` }), 404, readers),
  "GET /api/documents/:id/versions": rowWith(documentWithVersion, (_d, _o, p) => ({ url: `${doc(p)}/versions` }), 404, readers),
  "POST /api/documents/:id/versions": rowWith(documentWithVersion, (_d, _o, p) => ({ url: `${doc(p)}/versions` }), 404, writers(201)),
  "GET /api/documents/:id/versions/:number": rowWith(documentWithVersion, (_d, _o, p) => ({ url: `${doc(p)}/versions/1` }), 404, readers),
  "POST /api/documents/:id/versions/:number/restore": rowWith(
    documentWithVersion,
    (_d, _o, p) => ({ url: `${doc(p)}/versions/1/restore` }),
    404,
    writers(200),
  ),
  "GET /api/tasks/:id/groups/:groupId/submission/document": rowWith(taskWithDocument, (_d, _o, p) => ({ url: space(p) }), 404, {
    teacher: 200,
    student: 200,
  }),
  // Members hand in; the class's teachers read the space (403); admins have no task access (404).
  "POST /api/tasks/:id/groups/:groupId/submission/document": rowWith(
    taskWithDocument,
    (_d, _o, p) => ({ url: space(p), payload: { documentId: p.document.id } }),
    404,
    { teacher: 403, student: 200 },
  ),
};
