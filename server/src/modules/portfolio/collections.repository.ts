import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { portfolioCollectionPages, portfolioCollections, portfolioPages, users } from "../../db/schema/index.js";
import { personName } from "./artifacts.repository.js";
import { shareReaches, type Viewer, q } from "./sharing.access.js";

const collectionColumns = {
  id: portfolioCollections.id,
  title: portfolioCollections.title,
  description: portfolioCollections.description,
  purpose: portfolioCollections.purpose,
  ownerId: portfolioCollections.ownerId,
  districtId: portfolioCollections.districtId,
  updatedAt: portfolioCollections.updatedAt,
  ownerName: sql<string>`(select ${personName} from ${users} u where u.id = ${q(portfolioCollections.ownerId)})`,
  pages: sql<
    { id: string; title: string }[]
  >`coalesce((select json_agg(json_build_object('id', p.id, 'title', p.title) order by cp.position)
    from ${portfolioCollectionPages} cp join ${portfolioPages} p on p.id = cp.page_id where cp.collection_id = ${q(portfolioCollections.id)}), '[]'::json)`,
};
export type CollectionRow = Awaited<ReturnType<typeof findCollections>>[number];

/** The SQL scope "collections this viewer may see": their own, or shared with them. */
export function visibleCollectionsWhere(viewer: Viewer): SQL {
  return sql`(${q(portfolioCollections.districtId)} = ${viewer.districtId} and (${q(portfolioCollections.ownerId)} = ${viewer.userId}
    or exists (select 1 from portfolio_shares s where s.collection_id = ${q(portfolioCollections.id)} and ${shareReaches(viewer)})))`;
}

/** Collections matching a condition, most recently changed first. */
export function findCollections(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(collectionColumns)
    .from(portfolioCollections)
    .where(where)
    .orderBy(desc(portfolioCollections.updatedAt), asc(portfolioCollections.id))
    .limit(500);
}

/** Inserts a collection and returns its id. */
export async function insertCollection(db: DbOrTx, values: typeof portfolioCollections.$inferInsert) {
  const [row] = await db.insert(portfolioCollections).values(values).returning({ id: portfolioCollections.id });
  return row as { id: string };
}

/** Updates a collection's fields. */
export async function updateCollection(db: DbOrTx, id: string, values: Partial<typeof portfolioCollections.$inferInsert>) {
  await db
    .update(portfolioCollections)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(portfolioCollections.id, id));
}

/** Replaces a collection's pages with these, in this order. */
export async function setCollectionPages(db: DbOrTx, collection: { id: string; districtId: string }, pageIds: string[]) {
  await db.delete(portfolioCollectionPages).where(eq(portfolioCollectionPages.collectionId, collection.id));
  if (pageIds.length > 0) {
    await db
      .insert(portfolioCollectionPages)
      .values(pageIds.map((pageId, position) => ({ collectionId: collection.id, pageId, position, districtId: collection.districtId })));
  }
}

/** Deletes a collection (its pages stay; shares and links of the collection cascade). */
export async function deleteCollection(db: DbOrTx, id: string) {
  await db.delete(portfolioCollections).where(and(eq(portfolioCollections.id, id)));
}
