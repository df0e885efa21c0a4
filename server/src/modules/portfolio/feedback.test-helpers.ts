import type { DbOrTx } from "../../db/client.js";
import {
  portfolioArtifacts,
  portfolioFiles,
  portfolioPageArtifacts,
  portfolioPages,
  portfolioReflections,
  portfolioShares,
} from "../../db/schema/index.js";

type Owner = { id: string; districtId: string };

/** Inserts an artifact owned by `owner` (a text artifact unless told otherwise). */
export async function buildArtifact(db: DbOrTx, owner: Owner, values: Partial<typeof portfolioArtifacts.$inferInsert> = {}) {
  const [row] = await db
    .insert(portfolioArtifacts)
    .values({ districtId: owner.districtId, ownerId: owner.id, kind: "text", title: "My poem", body: "<p>Roses</p>", ...values })
    .returning();
  return row!;
}

/** Inserts a file row (the bytes are the caller's business). */
export async function buildFile(db: DbOrTx, owner: Owner, values: Partial<typeof portfolioFiles.$inferInsert> = {}) {
  const [row] = await db
    .insert(portfolioFiles)
    .values({
      districtId: owner.districtId,
      ownerId: owner.id,
      storageKey: `test/${Math.random()}`,
      fileName: "photo.png",
      mediaType: "image/png",
      sizeBytes: 10,
      ...values,
    })
    .returning();
  return row!;
}

/** Inserts a page showing these artifacts (one block each) and a text block. */
export async function buildPage(
  db: DbOrTx,
  owner: Owner,
  artifactIds: string[] = [],
  values: Partial<typeof portfolioPages.$inferInsert> = {},
) {
  const blocks: Record<string, unknown>[] = [
    { id: "t1", type: "text", html: "<p>Welcome to my page</p>" },
    ...artifactIds.map((artifactId, i) => ({ id: `a${i}`, type: "artifact", artifactId, showReflections: true })),
  ];
  const [row] = await db
    .insert(portfolioPages)
    .values({
      districtId: owner.districtId,
      ownerId: owner.id,
      title: "My term page",
      layout: { sections: [{ id: "s1", columns: [{ id: "c1", blocks }] }] },
      ...values,
    })
    .returning();
  // The core keeps this index of placed artifacts in step with the layout; visibility reads it.
  if (artifactIds.length > 0) {
    await db
      .insert(portfolioPageArtifacts)
      .values([...new Set(artifactIds)].map((artifactId) => ({ pageId: row!.id, artifactId, districtId: owner.districtId })));
  }
  return row!;
}

/** Shares a page with a target. */
export async function sharePage(
  db: DbOrTx,
  page: { id: string; ownerId: string; districtId: string },
  targetType: "person" | "class" | "group" | "guardians" | "school",
  targetId: string | null,
  allowComments = true,
) {
  await db
    .insert(portfolioShares)
    .values({ districtId: page.districtId, ownerId: page.ownerId, pageId: page.id, targetType, targetId, allowComments });
}

/** Inserts a reflection on a page or an artifact. */
export async function buildReflection(
  db: DbOrTx,
  author: Owner,
  target: { pageId?: string; artifactId?: string },
  body = "<p>I learned a lot</p>",
) {
  const [row] = await db
    .insert(portfolioReflections)
    .values({
      districtId: author.districtId,
      authorId: author.id,
      pageId: target.pageId ?? null,
      artifactId: target.artifactId ?? null,
      body,
    })
    .returning();
  return row!;
}
