import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { portfolioLinks } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, buildUser, linkGuardian, testPassword, type TestDistrict } from "../../test/factories.js";
import { getTestApp, signIn, type Session } from "../../test/server.js";
import { jpegWithGps, multipart } from "./test-helpers.js";

// Every sharing path, end to end over HTTP: who sees a page, and that a page never reveals the
// owner's other artifacts.

let app: FastifyInstance;
let d: TestDistrict;
let other: TestDistrict;
let owner: Session;
let pageId: string;
let onPage: { id: string; fileId: string };
let offPage: { id: string; fileId: string };

const as = (user: { username: string }) => signIn(user.username, testPassword);
const json = <T>(res: { json: () => unknown }) => res.json() as T;

async function uploadJpeg(session: Session, name: string) {
  const { payload, headers } = multipart(name, await jpegWithGps(), "image/jpeg");
  const res = await app.inject({
    method: "POST",
    url: "/api/portfolio/files",
    payload,
    headers: { ...headers, cookie: session.cookie, "x-csrf-token": session.csrf },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ data: { id: string } }>(res).data.id;
}

async function fileArtifact(session: Session, title: string) {
  const fileId = await uploadJpeg(session, `${title}.jpg`);
  const res = await session.request("POST", "/api/portfolio/artifacts", { kind: "file", fileId, title, tags: ["science"] });
  expect(res.statusCode, res.body).toBe(201);
  return { id: json<{ data: { id: string } }>(res).data.id, fileId };
}

beforeAll(async () => {
  app = await getTestApp();
  const { db } = await getTestDatabase();
  d = await buildDistrict(db);
  other = await buildDistrict(db);
  owner = await as(d.studentA1);
  onPage = await fileArtifact(owner, "Volcano model");
  offPage = await fileArtifact(owner, "Private diary photo");
  const page = await owner.request("POST", "/api/portfolio/pages", {
    title: "My science term",
    layout: {
      sections: [
        {
          id: "s1",
          columns: [
            {
              id: "c1",
              blocks: [
                { id: "b1", type: "artifact", artifactId: onPage.id },
                { id: "b2", type: "text", html: "<p>Hello<script>alert(1)</script></p>" },
              ],
            },
          ],
        },
      ],
    },
  });
  expect(page.statusCode, page.body).toBe(201);
  pageId = json<{ data: { id: string } }>(page).data.id;
});
afterAll(async () => {
  await app.close();
  await (await getTestDatabase()).close();
});

async function pageStatus(session: Session) {
  return (await session.request("GET", `/api/portfolio/pages/${pageId}`)).statusCode;
}

describe("sharing paths", () => {
  it("keeps a new page private: only its owner sees it, with its text sanitised", async () => {
    const res = await owner.request("GET", `/api/portfolio/pages/${pageId}`);
    expect(res.statusCode).toBe(200);
    const body = json<{
      data: { layout: { sections: { columns: { blocks: { html?: string }[] }[] }[] }; isOwner: boolean };
      policies: Record<string, boolean>;
    }>(res);
    expect(body.data.isOwner).toBe(true);
    expect(body.policies).toMatchObject({ canEdit: true, canShare: true });
    expect(JSON.stringify(body.data.layout)).not.toContain("<script");
    for (const user of [d.studentA2, d.teacherA, d.guardianA1, d.districtAdmin, other.districtAdmin])
      expect(await pageStatus(await as(user)), user.username).toBe(404);
  });

  it("a class share reaches classmates and the class's teacher, not another class, not guardians, not another district", async () => {
    const share = await owner.request("POST", `/api/portfolio/pages/${pageId}/shares`, { targetType: "class", targetId: d.classA.id });
    expect(share.statusCode, share.body).toBe(201);
    const classmate = await as(d.studentA2);
    const view = await classmate.request("GET", `/api/portfolio/pages/${pageId}`);
    expect(view.statusCode).toBe(200);
    const page = json<{ data: { artifacts: { id: string }[]; isOwner: boolean }; policies: Record<string, boolean> }>(view);
    expect(page.data.artifacts.map((a) => a.id)).toEqual([onPage.id]);
    expect(page.policies).toMatchObject({ canEdit: false, canComment: true });
    // The page never opens a way to the owner's other work.
    expect((await classmate.request("GET", `/api/portfolio/artifacts/${offPage.id}`)).statusCode).toBe(404);
    expect((await classmate.request("GET", `/api/portfolio/files/${offPage.fileId}`)).statusCode).toBe(404);
    expect((await classmate.request("GET", `/api/portfolio/files/${onPage.fileId}`)).statusCode).toBe(200);
    expect((await classmate.request("GET", `/api/portfolio/artifacts/${onPage.id}`)).statusCode).toBe(200);
    // A viewer cannot edit or share it.
    expect((await classmate.request("PATCH", `/api/portfolio/pages/${pageId}`, { title: "Mine now", version: 1 })).statusCode).toBe(403);
    expect((await classmate.request("POST", `/api/portfolio/pages/${pageId}/shares`, { targetType: "guardians" })).statusCode).toBe(403);

    expect(await pageStatus(await as(d.teacherA))).toBe(200);
    expect(await pageStatus(await as(d.studentB1))).toBe(404);
    expect(await pageStatus(await as(d.guardianA1))).toBe(404);
    expect(await pageStatus(await as(d.teacherB))).toBe(404);
    expect(await pageStatus(await as(other.districtAdmin))).toBe(404);
    const shared = json<{ data: { items: { id: string }[] } }>(await classmate.request("GET", "/api/portfolio/shared"));
    expect(shared.data.items.map((p) => p.id)).toContain(pageId);
  });

  it("a guardians share reaches the owner's guardian only, never another child's guardian", async () => {
    const { db } = await getTestDatabase();
    const otherParent = await buildUser(db, d.district.id, { name: "Opal", roles: [{ role: "guardian", schoolId: d.schoolA.id }] });
    await linkGuardian(db, d.district.id, otherParent, d.studentA2);
    expect((await owner.request("POST", `/api/portfolio/pages/${pageId}/shares`, { targetType: "guardians" })).statusCode).toBe(201);
    const parent = await as(d.guardianA1);
    expect(await pageStatus(parent)).toBe(200);
    expect(
      json<{ data: { items: { id: string }[] } }>(await parent.request("GET", "/api/portfolio/shared")).data.items.map((p) => p.id),
    ).toContain(pageId);
    expect(await pageStatus(await as(otherParent))).toBe(404);
    // Nor can the owner reach another family directly.
    const direct = await owner.request("POST", `/api/portfolio/pages/${pageId}/shares`, { targetType: "person", targetId: otherParent.id });
    expect(direct.statusCode).toBe(400);
    expect(await pageStatus(await as(otherParent))).toBe(404);
  });

  it("a person share reaches that person; a school share reaches the school's people but not its guardians", async () => {
    const { db } = await getTestDatabase();
    const page = json<{ data: { id: string } }>(await owner.request("POST", "/api/portfolio/pages", { title: "Art" })).data.id;
    const status = async (user: { username: string }) => (await (await as(user)).request("GET", `/api/portfolio/pages/${page}`)).statusCode;
    expect(
      (await owner.request("POST", `/api/portfolio/pages/${page}/shares`, { targetType: "person", targetId: d.counselorA.id })).statusCode,
    ).toBe(201);
    expect(await status(d.counselorA)).toBe(200);
    expect(await status(d.studentA2)).toBe(404);
    const elsewhere = await owner.request("POST", `/api/portfolio/pages/${page}/shares`, { targetType: "school", targetId: d.schoolB.id });
    expect(elsewhere.statusCode).toBe(400);
    expect(
      (await owner.request("POST", `/api/portfolio/pages/${page}/shares`, { targetType: "school", targetId: d.schoolA.id })).statusCode,
    ).toBe(201);
    expect(await status(d.studentA2)).toBe(200);
    expect(await status(d.schoolAdminA)).toBe(200);
    expect(await status(d.guardianA1)).toBe(404);
    expect(await status(d.teacherB)).toBe(404);
    const foreign = await buildUser(db, other.district.id, { name: "Far" });
    expect(
      (await owner.request("POST", `/api/portfolio/pages/${page}/shares`, { targetType: "person", targetId: foreign.id })).statusCode,
    ).toBe(400);
  });

  it("a collection share reaches its pages; a page outside stays private", async () => {
    const inside = json<{ data: { id: string } }>(await owner.request("POST", "/api/portfolio/pages", { title: "Chapter 1" })).data.id;
    const outside = json<{ data: { id: string } }>(await owner.request("POST", "/api/portfolio/pages", { title: "Drafts" })).data.id;
    const collection = json<{ data: { id: string } }>(
      await owner.request("POST", "/api/portfolio/collections", { title: "Year book", pageIds: [inside] }),
    ).data.id;
    const peer = await as(d.studentA2);
    expect((await peer.request("GET", `/api/portfolio/collections/${collection}`)).statusCode).toBe(404);
    const share = await owner.request("POST", `/api/portfolio/collections/${collection}/shares`, {
      targetType: "person",
      targetId: d.studentA2.id,
      allowComments: false,
    });
    expect(share.statusCode, share.body).toBe(201);
    expect((await peer.request("GET", `/api/portfolio/collections/${collection}`)).statusCode).toBe(200);
    const view = await peer.request("GET", `/api/portfolio/pages/${inside}`);
    expect(view.statusCode).toBe(200);
    expect(json<{ policies: Record<string, boolean> }>(view).policies.canComment).toBe(false);
    expect((await peer.request("GET", `/api/portfolio/pages/${outside}`)).statusCode).toBe(404);
  });
});

describe("secret links", () => {
  const publicGet = (url: string) => app.inject({ method: "GET", url });

  it("shows the page without sign-in, only its own artifacts and files, and logs each opening", async () => {
    const created = await owner.request("POST", `/api/portfolio/pages/${pageId}/links`, { label: "For grandma" });
    expect(created.statusCode, created.body).toBe(201);
    const link = json<{ data: { id: string; token: string; status: string } }>(created).data;
    expect(Buffer.from(link.token, "base64url").length).toBeGreaterThanOrEqual(16);
    const { db } = await getTestDatabase();
    const [stored] = await db.select().from(portfolioLinks).where(eq(portfolioLinks.id, link.id));
    expect(stored?.tokenHash).not.toContain(link.token);
    expect(JSON.stringify(stored)).not.toContain(link.token);

    const res = await publicGet(`/api/public/portfolio/${link.token}`);
    expect(res.statusCode, res.body).toBe(200);
    const view = json<{ data: { page: { artifacts: { id: string; file: { url: string } | null }[] } } }>(res).data;
    expect(view.page.artifacts.map((a) => a.id)).toEqual([onPage.id]);
    expect(res.body).not.toContain(offPage.id);
    const fileUrl = view.page.artifacts[0]?.file?.url ?? "";
    expect(fileUrl).toContain(`/api/public/portfolio/`);
    const file = await publicGet(fileUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-disposition"]).toMatch(/^attachment/);
    expect((await publicGet(`/api/public/portfolio/${link.token}/files/${offPage.fileId}`)).statusCode).toBe(404);
    await publicGet(`/api/public/portfolio/${link.token}`);

    const views = json<{ data: { viewedAt: string }[] }>(await owner.request("GET", `/api/portfolio/links/${link.id}/views`)).data;
    expect(views).toHaveLength(2);
    const overview = json<{ data: { shares: { targetType: string }[]; links: { id: string; viewCount: number }[] } }>(
      await owner.request("GET", "/api/portfolio/sharing"),
    ).data;
    expect(overview.links.find((l) => l.id === link.id)?.viewCount).toBe(2);
    expect(overview.shares.map((s) => s.targetType)).toEqual(expect.arrayContaining(["class", "guardians"]));
  });

  it("answers a revoked or expired link exactly like a wrong one", async () => {
    const make = async () =>
      json<{ data: { id: string; token: string } }>(await owner.request("POST", `/api/portfolio/pages/${pageId}/links`, {})).data;
    const revoked = await make();
    const expired = await make();
    expect((await publicGet(`/api/public/portfolio/${revoked.token}`)).statusCode).toBe(200);
    expect((await owner.request("POST", `/api/portfolio/links/${revoked.id}/revoke`)).statusCode).toBe(200);
    const { db } = await getTestDatabase();
    await db
      .update(portfolioLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(portfolioLinks.id, expired.id));

    const wrong = await publicGet(`/api/public/portfolio/${"x".repeat(43)}`);
    const malformed = await publicGet(`/api/public/portfolio/%00%27?page=not-an-id`);
    const overlong = await publicGet(`/api/public/portfolio/${"y".repeat(99)}`);
    expect(wrong.statusCode).toBe(404);
    for (const res of [
      await publicGet(`/api/public/portfolio/${revoked.token}`),
      await publicGet(`/api/public/portfolio/${expired.token}`),
      malformed,
      overlong,
      await publicGet(`/api/public/portfolio/${revoked.token}/files/${onPage.fileId}`),
      await publicGet(`/api/public/portfolio/${"z".repeat(43)}/files/not-an-id`),
    ]) {
      expect(res.statusCode).toBe(wrong.statusCode);
      expect(res.body).toBe(wrong.body);
    }
    expect((await publicGet(`/api/public/portfolio/${revoked.token}/files/${onPage.fileId}`)).body).toBe(wrong.body);
  });

  it("refuses an expiry in the past and lets only the owner manage links", async () => {
    expect((await owner.request("POST", `/api/portfolio/pages/${pageId}/links`, { expiresAt: "2020-01-01T00:00:00Z" })).statusCode).toBe(
      400,
    );
    const link = json<{ data: { id: string } }>(await owner.request("POST", `/api/portfolio/pages/${pageId}/links`, {})).data;
    const peer = await as(d.studentA2);
    expect((await peer.request("POST", `/api/portfolio/links/${link.id}/revoke`)).statusCode).toBe(404);
    expect((await peer.request("GET", `/api/portfolio/links/${link.id}/views`)).statusCode).toBe(404);
  });
});
