import { and, eq } from "drizzle-orm";
import type { TCollection, TCollectionCreate, TCollectionMove, TCollectionUpdate } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { portfolioCollections } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { badRequest, forbidden, notFound } from "../../platform/errors.js";
import * as repo from "./collections.repository.js";
import { moveItem } from "./layout.js";
import { ownPageTitles } from "./pages.repository.js";
import { requirePortfolioKeeper } from "./portfolio.policy.js";

/** Presents a collection for a viewer. */
export function presentCollection(row: repo.CollectionRow, viewerId: string): TCollection {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    purpose: row.purpose,
    owner: { id: row.ownerId, name: row.ownerName },
    pages: row.pages,
    isOwner: row.ownerId === viewerId,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The caller's own collections. */
export async function listCollections(db: Db, actor: Actor) {
  const rows = await repo.findCollections(
    db,
    and(eq(portfolioCollections.ownerId, actor.userId), eq(portfolioCollections.districtId, actor.districtId)),
  );
  return rows.map((r) => presentCollection(r, actor.userId));
}

/** One collection the caller may see (own or shared with them); 404 otherwise. */
export async function getCollection(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await repo.findCollections(db, and(eq(portfolioCollections.id, id), repo.visibleCollectionsWhere(actor)));
  if (!row) throw notFound("Collection");
  return presentCollection(row, actor.userId);
}

async function checkPages(db: DbOrTx, actor: Actor, pageIds: string[]) {
  const unique = [...new Set(pageIds)];
  if (unique.length !== pageIds.length)
    throw badRequest("A page can be in a collection only once", [{ path: "pageIds", message: "Remove the repeated page" }]);
  if ((await ownPageTitles(db, actor, unique)).length !== unique.length) {
    throw badRequest("A collection can only hold your own pages", [{ path: "pageIds", message: "Choose your own pages" }]);
  }
}

/** Creates a collection of the caller's pages (students). */
export async function createCollection(db: Db, actor: Actor, input: TCollectionCreate, templateId: string | null = null) {
  requirePortfolioKeeper(actor);
  await checkPages(db, actor, input.pageIds);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertCollection(tx, {
      districtId: actor.districtId,
      ownerId: actor.userId,
      title: input.title,
      description: input.description,
      purpose: input.purpose,
      templateId,
    });
    await repo.setCollectionPages(tx, { id: row.id, districtId: actor.districtId }, input.pageIds);
    return row.id;
  });
  return getCollection(db, actor, id);
}

async function requireOwnCollection(db: DbOrTx, actor: Actor, id: string) {
  const collection = await getCollection(db, actor, id);
  if (!collection.isOwner) throw forbidden("Only the collection's owner can change it");
  return collection;
}

/** Edits the caller's collection; `pageIds` replaces the ordered list. */
export async function updateCollection(db: Db, actor: Actor, id: string, input: TCollectionUpdate) {
  await requireOwnCollection(db, actor, id);
  if (input.pageIds) await checkPages(db, actor, input.pageIds);
  await db.transaction(async (tx) => {
    const { pageIds, ...fields } = input;
    await repo.updateCollection(tx, id, fields);
    if (pageIds) await repo.setCollectionPages(tx, { id, districtId: actor.districtId }, pageIds);
  });
  return getCollection(db, actor, id);
}

/** Moves one page of the caller's collection to a new index (the keyboard alternative to dragging). */
export async function movePage(db: Db, actor: Actor, id: string, input: TCollectionMove) {
  const collection = await requireOwnCollection(db, actor, id);
  const order = moveItem(
    collection.pages.map((p) => p.id),
    input.pageId,
    input.toIndex,
  );
  if (!order) throw badRequest("That page is not in this collection", [{ path: "pageId", message: "Reload the collection" }]);
  await db.transaction(async (tx) => {
    await repo.setCollectionPages(tx, { id, districtId: actor.districtId }, order);
    await repo.updateCollection(tx, id, {});
  });
  return getCollection(db, actor, id);
}

/** Deletes the caller's collection; its pages stay. */
export async function deleteCollection(db: Db, actor: Actor, id: string) {
  await requireOwnCollection(db, actor, id);
  await repo.deleteCollection(db, id);
}
