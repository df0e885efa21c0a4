import { and, eq, sql } from "drizzle-orm";
import { emptyLayout, type TBlockMove, type TPageCreate, type TPageLayout, type TPageUpdate, type TPortfolioPage } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { portfolioPages } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import { sanitizeRichText } from "../../platform/rich-text.js";
import { artifactIdsOf, cleanLayout, moveBlock as moveLayoutBlock } from "./layout.js";
import * as repo from "./pages.repository.js";
import { pagePolicies, requirePortfolioKeeper } from "./portfolio.policy.js";
import { presentArtifact, presentReflection, signedInFileUrl, type FileUrl } from "./portfolio.presenter.js";
import { getViewablePage } from "./sharing.access.js";

const iso = (value: Date | string) => new Date(value).toISOString();
const ownPages = (actor: Actor) =>
  and(eq(portfolioPages.ownerId, actor.userId), eq(portfolioPages.districtId, actor.districtId)) ?? sql`false`;

/** Presents a page summary. */
export function presentPageSummary(row: repo.PageRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    purpose: row.purpose,
    owner: { id: row.ownerId, name: row.ownerName },
    sharing: { shares: row.shares, liveLinks: row.liveLinks },
    version: row.version,
    updatedAt: iso(row.updatedAt),
  };
}

/** The caller's own pages, a page at a time. */
export async function listPages(db: Db, actor: Actor, query: { q?: string; purpose?: string; page: number; pageSize: number }) {
  const { rows, total } = await repo.listPages(db, ownPages(actor), query);
  return { items: rows.map(presentPageSummary), total, page: query.page, pageSize: query.pageSize };
}

/**
 * A page with the artifacts it places (the owner's only) and the owner's reflections on them.
 * Used for the owner, for people a share reaches, and (with link file URLs) for link visitors.
 */
export async function buildPageView(db: Db, pageId: string, fileUrl: FileUrl): Promise<Omit<TPortfolioPage, "isOwner"> | null> {
  const row = await repo.pageForView(db, pageId);
  if (!row) return null;
  const artifacts = await repo.placedArtifacts(db, row.id, row.ownerId);
  const placed = new Set(artifacts.map((a) => a.id));
  const reflections = await repo.pageReflections(db, row.id, row.ownerId, [...placed]);
  // Blocks pointing at an artifact deleted since (or no longer the owner's) are dropped, not shown broken.
  const layout: TPageLayout = {
    sections: row.layout.sections.map((s) => ({
      ...s,
      columns: s.columns.map((c) => ({
        ...c,
        blocks: (c.blocks as TPageLayout["sections"][number]["columns"][number]["blocks"]).filter(
          (b) => b.type !== "artifact" || placed.has(b.artifactId),
        ),
      })),
    })),
  };
  return {
    ...presentPageSummary(row),
    layout,
    artifacts: artifacts.map((a) => presentArtifact(a, fileUrl)),
    reflections: reflections.map(presentReflection),
  };
}

/** One page the caller may see, with what they may do; 404 otherwise. */
export async function getPage(db: DbOrTx, actor: Actor, id: string) {
  const access = await getViewablePage(db, actor, id);
  if (!access) throw notFound("Page");
  const view = await buildPageView(db, id, signedInFileUrl);
  if (!view) throw notFound("Page");
  return { data: { ...view, isOwner: access.isOwner }, policies: pagePolicies(access) };
}

/** Checks a layout's artifact references (the owner's only), cleans its text; returns it with the artifact ids. */
async function prepareLayout(db: DbOrTx, actor: Actor, layout: TPageLayout) {
  const ids = artifactIdsOf(layout);
  if ((await repo.countOwnedArtifacts(db, actor, ids)) !== ids.length) {
    throw badRequest("A page can only show artifacts from your own library", [
      { path: "layout", message: "Remove artifacts that are not yours" },
    ]);
  }
  return { layout: cleanLayout(layout, sanitizeRichText), ids };
}

/** Creates a page for the caller (students). */
export async function createPage(db: Db, actor: Actor, input: TPageCreate, templateId: string | null = null) {
  requirePortfolioKeeper(actor);
  const { layout, ids } = await prepareLayout(db, actor, input.layout ?? emptyLayout());
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertPage(tx, {
      districtId: actor.districtId,
      ownerId: actor.userId,
      title: input.title,
      description: input.description,
      purpose: input.purpose,
      layout,
      templateId,
    });
    await repo.setPageArtifacts(tx, { id: row.id, districtId: actor.districtId }, ids);
    return row.id;
  });
  return getPage(db, actor, id);
}

async function requireOwnPage(db: DbOrTx, actor: Actor, id: string) {
  const access = await getViewablePage(db, actor, id);
  if (!access) throw notFound("Page");
  if (!access.isOwner) throw forbidden("Only the page's owner can change it");
  const [row] = await repo.findPages(db, eq(portfolioPages.id, id), 1);
  if (!row) throw notFound("Page");
  return row;
}

const staleVersion = () =>
  conflict("Someone (perhaps you, in another tab) changed this page meanwhile. Reload it and make your change again.");

/** Edits the caller's page; a stale version answers 409 so no edit is lost. */
export async function updatePage(db: Db, actor: Actor, id: string, input: TPageUpdate) {
  const page = await requireOwnPage(db, actor, id);
  const prepared = input.layout ? await prepareLayout(db, actor, input.layout) : null;
  await db.transaction(async (tx) => {
    const values: Partial<typeof portfolioPages.$inferInsert> = {};
    if (input.title !== undefined) values.title = input.title;
    if (input.description !== undefined) values.description = input.description;
    if (input.purpose !== undefined) values.purpose = input.purpose;
    if (prepared) values.layout = prepared.layout;
    if (!(await repo.updatePage(tx, id, input.version, values))) throw staleVersion();
    if (prepared) await repo.setPageArtifacts(tx, page, prepared.ids);
  });
  return getPage(db, actor, id);
}

/** Moves one block of the caller's page to a place given by indexes (the keyboard alternative to dragging). */
export async function moveBlock(db: Db, actor: Actor, id: string, input: TBlockMove) {
  const page = await requireOwnPage(db, actor, id);
  if (page.version !== input.version) throw staleVersion();
  const moved = moveLayoutBlock(page.layout as TPageLayout, input.blockId, input.toSection, input.toColumn, input.toIndex);
  if (moved === "block_not_found") throw badRequest("That block is not on this page", [{ path: "blockId", message: "Reload the page" }]);
  if (moved === "no_such_place")
    throw badRequest("There is no such section or column on this page", [{ path: "toColumn", message: "Choose an existing place" }]);
  if (!(await repo.updatePage(db, id, input.version, { layout: moved }))) throw staleVersion();
  return getPage(db, actor, id);
}

/** Deletes the caller's page, with its shares and links. */
export async function deletePage(db: Db, actor: Actor, id: string) {
  await requireOwnPage(db, actor, id);
  await repo.deletePage(db, id);
}
