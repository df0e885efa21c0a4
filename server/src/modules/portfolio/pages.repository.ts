import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import { preparedPerDatabase, type Db, type DbOrTx } from "../../db/client.js";
import {
  portfolioArtifacts,
  portfolioLinks,
  portfolioPageArtifacts,
  portfolioPages,
  portfolioReflections,
  portfolioShares,
  users,
} from "../../db/schema/index.js";
import { findArtifacts, findReflections, personName, type ArtifactRow, type ReflectionRow } from "./artifacts.repository.js";
import { ownsArtifact, q } from "./sharing.access.js";

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Columns of a page summary, with its owner's name and sharing counts computed in SQL. */
const pageColumns = {
  id: portfolioPages.id,
  title: portfolioPages.title,
  description: portfolioPages.description,
  purpose: portfolioPages.purpose,
  layout: portfolioPages.layout,
  ownerId: portfolioPages.ownerId,
  districtId: portfolioPages.districtId,
  version: portfolioPages.version,
  updatedAt: portfolioPages.updatedAt,
  ownerName: sql<string>`(select ${personName} from ${users} u where u.id = ${q(portfolioPages.ownerId)})`,
  shares: sql<number>`(select count(*)::int from ${portfolioShares} s where s.page_id = ${q(portfolioPages.id)})`,
  liveLinks: sql<number>`(select count(*)::int from ${portfolioLinks} l where l.page_id = ${q(portfolioPages.id)} and l.revoked_at is null and (l.expires_at is null or l.expires_at > now()))`,
};
export type PageRow = Awaited<ReturnType<typeof findPages>>[number];

/** Pages matching a condition, most recently changed first. */
export function findPages(db: DbOrTx, where: SQL | undefined, limit = 200, offset = 0) {
  return db
    .select(pageColumns)
    .from(portfolioPages)
    .where(where)
    .orderBy(desc(portfolioPages.updatedAt), desc(portfolioPages.id))
    .limit(limit)
    .offset(offset);
}

/** A page of pages within a scope, filtered, with a total. */
export async function listPages(db: DbOrTx, scope: SQL, filter: { q?: string; purpose?: string; page: number; pageSize: number }) {
  const conditions: (SQL | undefined)[] = [scope];
  if (filter.q) conditions.push(ilike(portfolioPages.title, `%${escapeLike(filter.q)}%`));
  if (filter.purpose) conditions.push(sql`${q(portfolioPages.purpose)} = ${filter.purpose}`);
  const where = and(...conditions);
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(portfolioPages)
    .where(where);
  const rows = await findPages(db, where, filter.pageSize, (filter.page - 1) * filter.pageSize);
  return { rows, total: count?.total ?? 0 };
}

/**
 * What every view of a page reads (by its owner, a person it is shared with, or a link visitor),
 * as prepared statements: the page, the artifacts placed on it that its owner owns (what any
 * viewer of the page may see, and nothing else), and the owner's reflections on the page and on
 * those artifacts.
 */
const pageViewStatements = preparedPerDatabase((db) => ({
  page: db.select(pageColumns).from(portfolioPages).where(eq(portfolioPages.id, sql.placeholder("pageId"))).prepare("portfolio_page_view_page"),
  artifacts: findArtifacts(
    db,
    and(
      sql`${q(portfolioArtifacts.id)} in (select pa.artifact_id from ${portfolioPageArtifacts} pa where pa.page_id = ${sql.placeholder("pageId")})`,
      ownsArtifact(sql.placeholder("ownerId")),
    ),
  ).prepare("portfolio_page_view_artifacts"),
  reflections: findReflections(
    db,
    and(
      eq(portfolioReflections.authorId, sql.placeholder("ownerId")),
      sql`(${q(portfolioReflections.pageId)} = ${sql.placeholder("pageId")} or ${q(portfolioReflections.artifactId)} = any(${sql.placeholder("artifactIds")}::uuid[]))`,
    ),
  ).prepare("portfolio_page_view_reflections"),
}));

/** The page itself, for a view. */
export async function pageForView(db: Db, pageId: string): Promise<PageRow | undefined> {
  const [row] = await pageViewStatements(db).page.execute({ pageId });
  return row;
}

/** The artifacts placed on a page that its owner owns. */
export function placedArtifacts(db: Db, pageId: string, ownerId: string): Promise<ArtifactRow[]> {
  return pageViewStatements(db).artifacts.execute({ pageId, ownerId });
}

/** The owner's reflections on a page and on the given artifacts. */
export function pageReflections(db: Db, pageId: string, ownerId: string, artifactIds: string[]): Promise<ReflectionRow[]> {
  return pageViewStatements(db).reflections.execute({ pageId, ownerId, artifactIds });
}

/** How many of these artifacts the user owns or co-owns. */
export async function countOwnedArtifacts(db: DbOrTx, user: { userId: string; districtId: string }, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(portfolioArtifacts)
    .where(and(inArray(portfolioArtifacts.id, ids), eq(portfolioArtifacts.districtId, user.districtId), ownsArtifact(user.userId)));
  return row?.n ?? 0;
}

/** Inserts a page and returns its id. */
export async function insertPage(db: DbOrTx, values: typeof portfolioPages.$inferInsert) {
  const [row] = await db.insert(portfolioPages).values(values).returning({ id: portfolioPages.id });
  return row as { id: string };
}

/** Updates a page when its version still matches; returns false when someone changed it meanwhile. */
export async function updatePage(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<typeof portfolioPages.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(portfolioPages)
    .set({ ...values, version: sql`${q(portfolioPages.version)} + 1`, updatedAt: new Date() })
    .where(and(eq(portfolioPages.id, id), eq(portfolioPages.version, version)))
    .returning({ id: portfolioPages.id });
  return rows.length === 1;
}

/** Keeps the page-artifact index in step with the layout. */
export async function setPageArtifacts(db: DbOrTx, page: { id: string; districtId: string }, artifactIds: string[]) {
  await db.delete(portfolioPageArtifacts).where(eq(portfolioPageArtifacts.pageId, page.id));
  if (artifactIds.length > 0) {
    await db
      .insert(portfolioPageArtifacts)
      .values(artifactIds.map((artifactId) => ({ pageId: page.id, artifactId, districtId: page.districtId })));
  }
}

/** Deletes a page (shares, links, placements and reflections cascade). */
export async function deletePage(db: DbOrTx, id: string) {
  await db.delete(portfolioPages).where(eq(portfolioPages.id, id));
}

/** The titles of these pages, in the order given, that the user owns. */
export async function ownPageTitles(db: DbOrTx, user: { userId: string; districtId: string }, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: portfolioPages.id, title: portfolioPages.title })
    .from(portfolioPages)
    .where(and(inArray(portfolioPages.id, ids), eq(portfolioPages.ownerId, user.userId), eq(portfolioPages.districtId, user.districtId)))
    .orderBy(asc(portfolioPages.title));
  return rows;
}
