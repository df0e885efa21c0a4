import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../../db/client.js";
import {
  discussionPosts,
  portfolioCollectionPages,
  portfolioCollections,
  portfolioLinks,
  portfolioPrompts,
  portfolioReflections,
  portfolioShares,
  portfolioTemplates,
} from "../../db/schema/index.js";
import { row, rowWith, type MatrixRow } from "../../test/matrix.js";
import type { TestDistrict } from "../../test/factories.js";
import { testPassword } from "../../test/factories.js";
import { getTestApp, signIn } from "../../test/server.js";
import { buildMatrixBoard } from "../brainstorm/test-helpers.js";
import { buildDiscussionFixture } from "../discussions/test-helpers.js";
import { buildMatrixTask } from "../tasks/test-helpers.js";
import { hashLinkToken } from "./sharing.access.js";
import { insertArtifact, insertPage, jpegWithGps, multipart } from "./test-helpers.js";

// The portfolio core's rows. Each resource row prepares a real portfolio of studentA1 (the matrix's
// "student"): a page placing one artifact, shared with class A (so teacherA, its teacher, sees it)
// and with the student's guardians (guardianA1); a collection shared with class A; a secret link.
// Everyone else (staff, admins of the school and district, another school's teacher, another
// district's admin) is reached by no share and gets 404, exactly as for a missing page.

interface Prepared {
  pageId: string;
  artifactId: string;
  collectionId: string;
  reflectionId: string;
  shareId: string;
  linkId: string;
  token: string;
  promptId: string;
  templateId: string;
  fileId: string;
}

async function preparePortfolio(db: DbOrTx, d: TestDistrict): Promise<Prepared> {
  const owner = d.studentA1;
  const artifact = await insertArtifact(db, owner, { title: "Matrix evidence" });
  const page = await insertPage(db, owner, [artifact.id], { title: "Matrix page" });
  const [share] = await db
    .insert(portfolioShares)
    .values([
      { districtId: owner.districtId, ownerId: owner.id, pageId: page.id, targetType: "class", targetId: d.classA.id },
      { districtId: owner.districtId, ownerId: owner.id, pageId: page.id, targetType: "guardians", targetId: null },
    ])
    .returning({ id: portfolioShares.id });
  const [collection] = await db
    .insert(portfolioCollections)
    .values({ districtId: owner.districtId, ownerId: owner.id, title: "Matrix collection" })
    .returning({ id: portfolioCollections.id });
  const collectionId = collection?.id ?? "";
  await db.insert(portfolioCollectionPages).values({ collectionId, pageId: page.id, districtId: owner.districtId, position: 0 });
  await db
    .insert(portfolioShares)
    .values({ districtId: owner.districtId, ownerId: owner.id, collectionId, targetType: "class", targetId: d.classA.id });
  const [reflection] = await db
    .insert(portfolioReflections)
    .values({ districtId: owner.districtId, authorId: owner.id, pageId: page.id, body: "<p>I learned</p>" })
    .returning({ id: portfolioReflections.id });
  const token = randomBytes(32).toString("base64url");
  const [link] = await db
    .insert(portfolioLinks)
    .values({ districtId: owner.districtId, ownerId: owner.id, pageId: page.id, tokenHash: hashLinkToken(token) })
    .returning({ id: portfolioLinks.id });
  const [prompt] = await db
    .insert(portfolioPrompts)
    .values({ districtId: owner.districtId, classId: d.classA.id, text: "What did you learn?" })
    .returning({ id: portfolioPrompts.id });
  const [template] = await db
    .insert(portfolioTemplates)
    .values({
      districtId: owner.districtId,
      classId: d.classA.id,
      kind: "page",
      title: "Term 1",
      pages: [{ title: "Term 1", layout: { sections: [{ id: "s1", columns: [{ id: "c1", blocks: [] }] }] } }],
    })
    .returning({ id: portfolioTemplates.id });
  return {
    pageId: page.id,
    artifactId: artifact.id,
    collectionId,
    reflectionId: reflection?.id ?? "",
    shareId: share?.id ?? "",
    linkId: link?.id ?? "",
    token,
    promptId: prompt?.id ?? "",
    templateId: template?.id ?? "",
    fileId: "",
  };
}

/** The same portfolio, plus a real uploaded file placed on the shared page (uploaded through the API, so storage holds it). */
async function preparePortfolioWithFile(db: DbOrTx, d: TestDistrict): Promise<Prepared> {
  const session = await signIn(d.studentA1.username, testPassword, "10.201.0.1");
  const { payload, headers } = multipart("matrix.jpg", await jpegWithGps(), "image/jpeg");
  const app = await getTestApp();
  const res = await app.inject({
    method: "POST",
    url: "/api/portfolio/files",
    payload,
    headers: { ...headers, cookie: session.cookie, "x-csrf-token": session.csrf },
    remoteAddress: "10.201.0.1",
  });
  const fileId = (res.json() as { data: { id: string } }).data.id;
  const prepared = await preparePortfolio(db, d);
  const artifact = await insertArtifact(db, d.studentA1, { kind: "file", fileId, body: null, title: "Matrix photo" });
  const page = await insertPage(db, d.studentA1, [artifact.id]);
  await db
    .insert(portfolioShares)
    .values({ districtId: d.district.id, ownerId: d.studentA1.id, pageId: page.id, targetType: "class", targetId: d.classA.id });
  const token = randomBytes(32).toString("base64url");
  await db
    .insert(portfolioLinks)
    .values({ districtId: d.district.id, ownerId: d.studentA1.id, pageId: page.id, tokenHash: hashLinkToken(token) });
  return { ...prepared, fileId, token };
}

const p = <T>(request: (d: TestDistrict, other: TestDistrict, prepared: Prepared) => T) => request;
// Seen by the owner and by the class and guardians shares; everyone else gets 404.
const seenBySharedPage = { student: 200, teacher: 200, guardian: 200 };
// Changed only by the owner: viewers who can see it get 403, the rest 404.
const ownerOnly = (ok: number) => ({ student: ok, teacher: 403, guardian: 403 });
const ownerOnlyCollection = (ok: number) => ({ student: ok, teacher: 403 });
const classTeachers = (ok: number, student: number) => ({ teacher: ok, schoolAdmin: ok, districtAdmin: ok, student });
const text = { kind: "text", title: "Matrix text", body: "<p>Evidence</p>" };
const layout = { sections: [{ id: "s1", columns: [{ id: "c1", blocks: [] }] }] };
const templateBody = { kind: "page", title: "Matrix template", pages: [{ title: "Page", layout }] };

/** Routes of the portfolio core (P1). */
export const portfolioMatrix: Record<string, MatrixRow> = {
  // Uploads: JSON instead of a form upload is refused with 400 for a student; nobody else keeps a portfolio.
  "POST /api/portfolio/files": row(() => ({ url: "/api/portfolio/files", payload: { file: "not a form upload" } }), 403, { student: 400 }),
  "GET /api/portfolio/usage": row(() => ({ url: "/api/portfolio/usage" }), 200),
  "GET /api/portfolio/files/:id": rowWith(
    preparePortfolioWithFile,
    p((_d, _o, x) => ({ url: `/api/portfolio/files/${x.fileId}` })),
    404,
    { student: 200, teacher: 200 },
  ),

  "GET /api/portfolio/artifacts": row(() => ({ url: "/api/portfolio/artifacts" }), 200),
  "GET /api/portfolio/tags": row(() => ({ url: "/api/portfolio/tags" }), 200),
  "POST /api/portfolio/artifacts": row(() => ({ url: "/api/portfolio/artifacts", payload: text }), 403, { student: 201 }),
  // studentA1 is in the task's group (Red); teachers and guardians keep no portfolio.
  "POST /api/portfolio/artifacts/from-task": rowWith(
    (db, d) => buildMatrixTask(db, d),
    (_d, _o, x) => ({ url: "/api/portfolio/artifacts/from-task", payload: { taskId: x.task.id, groupId: x.red.id } }),
    403,
    { student: 201 },
  ),
  // A published reply of studentA1 on the class board; only its author may add it (others who read it get 404).
  "POST /api/portfolio/artifacts/from-discussion-post": rowWith(
    async (db, d) => {
      const fx = await buildDiscussionFixture(db, d);
      const [post] = await db
        .insert(discussionPosts)
        .values({ districtId: d.district.id, threadId: fx.thread.id, parentId: fx.opening.id, authorId: d.studentA1.id, body: "<p>Mine</p>" })
        .returning({ id: discussionPosts.id });
      return post!;
    },
    (_d, _o, post) => ({ url: "/api/portfolio/artifacts/from-discussion-post", payload: { postId: post.id } }),
    403,
    { student: 201 },
  ),
  // A class board of classA with one card; students of the class see it, teachers and guardians keep no portfolio.
  "POST /api/portfolio/artifacts/from-brainstorm": rowWith(
    (db, d) => buildMatrixBoard(db, d),
    (_d, _o, x) => ({ url: "/api/portfolio/artifacts/from-brainstorm", payload: { boardId: x.board.id } }),
    403,
    { student: 201 },
  ),
  "GET /api/portfolio/artifacts/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/artifacts/${x.artifactId}` })),
    404,
    seenBySharedPage,
  ),
  "PATCH /api/portfolio/artifacts/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/artifacts/${x.artifactId}`, payload: { title: "Renamed" } })),
    404,
    ownerOnly(200),
  ),
  "DELETE /api/portfolio/artifacts/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/artifacts/${x.artifactId}` })),
    404,
    ownerOnly(204),
  ),
  "GET /api/portfolio/artifacts/:id/reflections": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/artifacts/${x.artifactId}/reflections` })),
    404,
    seenBySharedPage,
  ),
  "POST /api/portfolio/artifacts/:id/reflections": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/artifacts/${x.artifactId}/reflections`, payload: { body: "<p>Proud</p>" } })),
    404,
    ownerOnly(201),
  ),
  "GET /api/portfolio/pages/:id/reflections": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/pages/${x.pageId}/reflections` })),
    404,
    seenBySharedPage,
  ),
  "POST /api/portfolio/pages/:id/reflections": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/pages/${x.pageId}/reflections`, payload: { body: "<p>Proud</p>", promptId: x.promptId } })),
    404,
    ownerOnly(201),
  ),
  "PATCH /api/portfolio/reflections/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/reflections/${x.reflectionId}`, payload: { body: "<p>Edited</p>" } })),
    404,
    { student: 200 },
  ),
  "DELETE /api/portfolio/reflections/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/reflections/${x.reflectionId}` })),
    404,
    { student: 204 },
  ),

  "GET /api/portfolio/pages": row(() => ({ url: "/api/portfolio/pages" }), 200),
  "POST /api/portfolio/pages": row(() => ({ url: "/api/portfolio/pages", payload: { title: "Matrix page" } }), 403, { student: 201 }),
  "GET /api/portfolio/pages/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/pages/${x.pageId}` })),
    404,
    seenBySharedPage,
  ),
  "PATCH /api/portfolio/pages/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/pages/${x.pageId}`, payload: { title: "Renamed", version: 1 } })),
    404,
    ownerOnly(200),
  ),
  "POST /api/portfolio/pages/:id/move-block": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({
      url: `/api/portfolio/pages/${x.pageId}/move-block`,
      payload: { blockId: "a0", toSection: 0, toColumn: 0, toIndex: 0, version: 1 },
    })),
    404,
    ownerOnly(200),
  ),
  "DELETE /api/portfolio/pages/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/pages/${x.pageId}` })),
    404,
    ownerOnly(204),
  ),

  "GET /api/portfolio/collections": row(() => ({ url: "/api/portfolio/collections" }), 200),
  "POST /api/portfolio/collections": row(() => ({ url: "/api/portfolio/collections", payload: { title: "Matrix collection" } }), 403, {
    student: 201,
  }),
  "GET /api/portfolio/collections/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/collections/${x.collectionId}` })),
    404,
    { student: 200, teacher: 200 },
  ),
  "PATCH /api/portfolio/collections/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/collections/${x.collectionId}`, payload: { title: "Renamed" } })),
    404,
    ownerOnlyCollection(200),
  ),
  "POST /api/portfolio/collections/:id/move": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/collections/${x.collectionId}/move`, payload: { pageId: x.pageId, toIndex: 0 } })),
    404,
    ownerOnlyCollection(200),
  ),
  "DELETE /api/portfolio/collections/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/collections/${x.collectionId}` })),
    404,
    ownerOnlyCollection(204),
  ),

  // Prompts and templates belong to a class: its teachers and the school's admins manage them, its students read them.
  "GET /api/portfolio/prompts": row(() => ({ url: "/api/portfolio/prompts" }), 200),
  "GET /api/classes/:id/portfolio/prompts": row(
    (d) => ({ url: `/api/classes/${d.classA.id}/portfolio/prompts` }),
    404,
    classTeachers(200, 200),
  ),
  "POST /api/classes/:id/portfolio/prompts": row(
    (d) => ({ url: `/api/classes/${d.classA.id}/portfolio/prompts`, payload: { text: "What surprised you?" } }),
    404,
    classTeachers(201, 403),
  ),
  "DELETE /api/portfolio/prompts/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/prompts/${x.promptId}` })),
    404,
    classTeachers(204, 403),
  ),
  "GET /api/portfolio/templates": row(() => ({ url: "/api/portfolio/templates" }), 200),
  "GET /api/classes/:id/portfolio/templates": row(
    (d) => ({ url: `/api/classes/${d.classA.id}/portfolio/templates` }),
    404,
    classTeachers(200, 200),
  ),
  "POST /api/classes/:id/portfolio/templates": row(
    (d) => ({ url: `/api/classes/${d.classA.id}/portfolio/templates`, payload: templateBody }),
    404,
    classTeachers(201, 403),
  ),
  "DELETE /api/portfolio/templates/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/templates/${x.templateId}` })),
    404,
    classTeachers(204, 403),
  ),
  // Only students keep portfolios, so only a student of the class copies its template.
  "POST /api/portfolio/templates/:id/copy": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/templates/${x.templateId}/copy` })),
    403,
    { student: 201 },
  ),

  // Sharing: only the owner manages shares and links; viewers of the page get 403, the rest 404.
  "GET /api/portfolio/pages/:id/shares": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/pages/${x.pageId}/shares` })),
    404,
    ownerOnly(200),
  ),
  "POST /api/portfolio/pages/:id/shares": rowWith(
    preparePortfolio,
    p((d, _o, x) => ({ url: `/api/portfolio/pages/${x.pageId}/shares`, payload: { targetType: "person", targetId: d.studentA2.id } })),
    404,
    ownerOnly(201),
  ),
  "GET /api/portfolio/pages/:id/links": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/pages/${x.pageId}/links` })),
    404,
    ownerOnly(200),
  ),
  "POST /api/portfolio/pages/:id/links": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/pages/${x.pageId}/links`, payload: {} })),
    404,
    ownerOnly(201),
  ),
  "GET /api/portfolio/collections/:id/shares": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/collections/${x.collectionId}/shares` })),
    404,
    ownerOnlyCollection(200),
  ),
  "POST /api/portfolio/collections/:id/shares": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/collections/${x.collectionId}/shares`, payload: { targetType: "guardians" } })),
    404,
    ownerOnlyCollection(201),
  ),
  "GET /api/portfolio/collections/:id/links": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/collections/${x.collectionId}/links` })),
    404,
    ownerOnlyCollection(200),
  ),
  "POST /api/portfolio/collections/:id/links": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/collections/${x.collectionId}/links`, payload: {} })),
    404,
    ownerOnlyCollection(201),
  ),
  "DELETE /api/portfolio/shares/:id": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/shares/${x.shareId}` })),
    404,
    { student: 204 },
  ),
  "POST /api/portfolio/links/:id/revoke": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/links/${x.linkId}/revoke` })),
    404,
    { student: 200 },
  ),
  "GET /api/portfolio/links/:id/views": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/portfolio/links/${x.linkId}/views` })),
    404,
    { student: 200 },
  ),
  "GET /api/portfolio/sharing": row(() => ({ url: "/api/portfolio/sharing" }), 200),
  "GET /api/portfolio/shared": row(() => ({ url: "/api/portfolio/shared" }), 200),

  // The secret link is the key: anyone holding it sees the page, signed in or not.
  "GET /api/public/portfolio/:token": rowWith(
    preparePortfolio,
    p((_d, _o, x) => ({ url: `/api/public/portfolio/${x.token}` })),
    200,
    { anonymous: 200 },
  ),
  "GET /api/public/portfolio/:token/files/:fileId": rowWith(
    preparePortfolioWithFile,
    p((_d, _o, x) => ({ url: `/api/public/portfolio/${x.token}/files/${x.fileId}` })),
    200,
    { anonymous: 200 },
  ),
};
