import { createHash } from "node:crypto";
import { and, eq, getTableName, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { preparedPerDatabase, type Db, type DbOrTx } from "../../db/client.js";
import {
  portfolioArtifacts,
  portfolioCollectionPages,
  portfolioFiles,
  portfolioLinks,
  portfolioPageArtifacts,
  portfolioPages,
} from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";

// Who may see what, as SQL. Used by this module and by P2's feedback, assessment and export.
// A page is visible to its owner, and to a viewer reached by a share of the page or of a
// collection holding it. An artifact is visible to its owners, and wherever a visible page places
// it. Nothing crosses districts. Guardians are reached only by "guardians" shares of their own
// children (person shares cannot target another family's guardian: checked when sharing).

/**
 * A column always written as "table"."column". Drizzle writes bare column names in the select list
 * of a one-table query, and a bare name inside a correlated subquery binds to the inner table.
 */
export const q = (column: AnyPgColumn) => sql.raw(`"${getTableName(column.table)}"."${column.name}"`);

/** The viewer a scope is computed for: a signed-in person (district + user id). */
export type Viewer = Pick<Actor, "userId" | "districtId">;

/** True (as SQL) when share row alias `s` reaches the viewer. */
export function shareReaches(viewer: Viewer): SQL {
  const u = viewer.userId;
  return sql`(
    (s.target_type = 'person' and s.target_id = ${u})
    or (s.target_type = 'class' and s.target_id in (select e.class_id from enrolments e where e.user_id = ${u} and e.status = 'active'))
    or (s.target_type = 'group' and s.target_id in (select gm.group_id from group_members gm where gm.user_id = ${u}))
    or (s.target_type = 'guardians' and exists (select 1 from guardian_links gl where gl.guardian_id = ${u} and gl.student_id = s.owner_id))
    or (s.target_type = 'school' and s.target_id in (select ra.school_id from role_assignments ra where ra.user_id = ${u} and ra.role <> 'guardian' and ra.school_id is not null))
  )`;
}

/** The shares (alias `s`) that cover a page: its own, and those of collections holding it. */
function sharesOfPage(pageId: SQL, viewer: Viewer): SQL {
  return sql`select 1 from portfolio_shares s where s.district_id = ${viewer.districtId}
    and (s.page_id = ${pageId} or s.collection_id in (select cp.collection_id from ${portfolioCollectionPages} cp where cp.page_id = ${pageId}))
    and ${shareReaches(viewer)}`;
}

/** The SQL scope "pages this viewer may see", over `portfolio_pages` (unaliased). */
export function visiblePagesWhere(viewer: Viewer): SQL {
  return sql`(${q(portfolioPages.districtId)} = ${viewer.districtId} and (${q(portfolioPages.ownerId)} = ${viewer.userId} or exists (${sharesOfPage(q(portfolioPages.id), viewer)})))`;
}

/** The same scope for a page given by its columns in another query (alias `p`). */
function visiblePageAlias(viewer: Viewer): SQL {
  return sql`(p.district_id = ${viewer.districtId} and (p.owner_id = ${viewer.userId} or exists (${sharesOfPage(sql`p.id`, viewer)})))`;
}

/** Pages shared with the viewer by others (not their own). */
export function sharedWithViewerWhere(viewer: Viewer): SQL {
  return sql`(${q(portfolioPages.districtId)} = ${viewer.districtId} and ${q(portfolioPages.ownerId)} <> ${viewer.userId} and exists (${sharesOfPage(q(portfolioPages.id), viewer)}))`;
}

/** What others need to know about a page the viewer may see. */
export interface ViewablePage {
  id: string;
  ownerId: string;
  districtId: string;
  isOwner: boolean;
  /** The owner, or a share reaching the viewer that allows comments. */
  canComment: boolean;
}

/** The page if this viewer may see it, else null (answer 404 then, exactly as for a missing page). */
export async function getViewablePage(db: DbOrTx, viewer: Viewer, pageId: string): Promise<ViewablePage | null> {
  const [row] = await db
    .select({
      id: portfolioPages.id,
      ownerId: portfolioPages.ownerId,
      districtId: portfolioPages.districtId,
      commentShare: sql<boolean>`exists (${sharesOfPage(q(portfolioPages.id), viewer)} and s.allow_comments)`,
    })
    .from(portfolioPages)
    .where(and(eq(portfolioPages.id, pageId), visiblePagesWhere(viewer)));
  if (!row) return null;
  const isOwner = row.ownerId === viewer.userId;
  return { id: row.id, ownerId: row.ownerId, districtId: row.districtId, isOwner, canComment: isOwner || row.commentShare };
}

/** What others need to know about an artifact the viewer may see. */
export interface ViewableArtifact {
  id: string;
  ownerId: string;
  ownerIds: string[];
  districtId: string;
  isOwner: boolean;
  canComment: boolean;
}

/** True (as SQL, over `portfolio_artifacts`) when the viewer owns the artifact or a visible page places it. */
export function visibleArtifactsWhere(viewer: Viewer): SQL {
  return sql`(${q(portfolioArtifacts.districtId)} = ${viewer.districtId} and (${ownsArtifact(viewer.userId)}
    or exists (select 1 from portfolio_page_artifacts pa join portfolio_pages p on p.id = pa.page_id where pa.artifact_id = ${q(portfolioArtifacts.id)} and ${visiblePageAlias(viewer)})))`;
}

/** True (as SQL) when the user (an id, or a prepared statement's placeholder) owns or co-owns the artifact. */
export function ownsArtifact(userId: string | SQLWrapper): SQL {
  return sql`(${q(portfolioArtifacts.ownerId)} = ${userId}::uuid or ${userId}::uuid = any(${q(portfolioArtifacts.coOwnerIds)}))`;
}

/** The artifact if this viewer may see it (owner, co-owner, or placed on a page they may see), else null. */
export async function getViewableArtifact(db: DbOrTx, viewer: Viewer, artifactId: string): Promise<ViewableArtifact | null> {
  const [row] = await db
    .select({
      id: portfolioArtifacts.id,
      ownerId: portfolioArtifacts.ownerId,
      coOwnerIds: portfolioArtifacts.coOwnerIds,
      districtId: portfolioArtifacts.districtId,
      commentShare: sql<boolean>`exists (select 1 from portfolio_page_artifacts pa join portfolio_pages p on p.id = pa.page_id
        where pa.artifact_id = ${q(portfolioArtifacts.id)} and p.district_id = ${viewer.districtId} and exists (${sharesOfPage(sql`p.id`, viewer)} and s.allow_comments))`,
    })
    .from(portfolioArtifacts)
    .where(and(eq(portfolioArtifacts.id, artifactId), visibleArtifactsWhere(viewer)));
  if (!row) return null;
  const ownerIds = [row.ownerId, ...row.coOwnerIds];
  const isOwner = ownerIds.includes(viewer.userId);
  return { id: row.id, ownerId: row.ownerId, ownerIds, districtId: row.districtId, isOwner, canComment: isOwner || row.commentShare };
}

/** True when the viewer may download the file: they uploaded it, or a visible artifact holds it. */
export async function canViewFile(db: DbOrTx, viewer: Viewer, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: portfolioFiles.id })
    .from(portfolioFiles)
    .where(
      and(
        eq(portfolioFiles.id, fileId),
        eq(portfolioFiles.districtId, viewer.districtId),
        sql`(${q(portfolioFiles.ownerId)} = ${viewer.userId} or exists (select 1 from ${portfolioArtifacts} where ${q(portfolioArtifacts.fileId)} = ${q(portfolioFiles.id)} and ${visibleArtifactsWhere(viewer)}))`,
      ),
    );
  return row !== undefined;
}

/** The SHA-256 of a link token, hex: the only form of the token the database holds. */
export const hashLinkToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A live secret link and the page it shows. */
export interface LinkedPage {
  linkId: string;
  districtId: string;
  ownerId: string;
  /** The page shown: the link's page, or the asked (else first) page of the link's collection; null for an empty collection. */
  pageId: string | null;
  collectionId: string | null;
}

/** A live link by its token's hash, with its collection's pages in order: runs on every link visit. */
const linkByTokenHash = preparedPerDatabase((db) =>
  db
    .select({
      id: portfolioLinks.id,
      districtId: portfolioLinks.districtId,
      ownerId: portfolioLinks.ownerId,
      pageId: portfolioLinks.pageId,
      collectionId: portfolioLinks.collectionId,
      collectionPages: sql<
        string[]
      >`coalesce((select array_agg(cp.page_id::text order by cp.position) from ${portfolioCollectionPages} cp where cp.collection_id = ${q(portfolioLinks.collectionId)}), '{}')`,
    })
    .from(portfolioLinks)
    .where(
      and(
        eq(portfolioLinks.tokenHash, sql.placeholder("tokenHash")),
        sql`${q(portfolioLinks.revokedAt)} is null`,
        sql`(${q(portfolioLinks.expiresAt)} is null or ${q(portfolioLinks.expiresAt)} > now())`,
      ),
    )
    .prepare("portfolio_link_by_token_hash"),
);

/**
 * The page a secret link opens, or null when the token is wrong, revoked or expired, or the asked
 * page is not in the linked collection: one indexed lookup in every case, so the answers look alike.
 */
export async function getPageByLink(db: Db, token: string, askedPageId?: string): Promise<LinkedPage | null> {
  const [link] = await linkByTokenHash(db).execute({ tokenHash: hashLinkToken(token) });
  if (!link) return null;
  const base = { linkId: link.id, districtId: link.districtId, ownerId: link.ownerId, collectionId: link.collectionId };
  if (link.pageId) return askedPageId && askedPageId !== link.pageId ? null : { ...base, pageId: link.pageId };
  if (askedPageId) return link.collectionPages.includes(askedPageId) ? { ...base, pageId: askedPageId } : null;
  return { ...base, pageId: link.collectionPages[0] ?? null };
}

/** True when the file belongs to an artifact placed on the page (what a link visitor may download). */
export async function fileIsOnPage(db: DbOrTx, pageId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: portfolioArtifacts.id })
    .from(portfolioPageArtifacts)
    .innerJoin(portfolioArtifacts, eq(portfolioArtifacts.id, portfolioPageArtifacts.artifactId))
    .where(and(eq(portfolioPageArtifacts.pageId, pageId), eq(portfolioArtifacts.fileId, fileId)))
    .limit(1);
  return row !== undefined;
}
