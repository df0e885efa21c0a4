import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { TLink, TLinkCreate, TLinkCreated, TShare, TShareCreate, TSharedView } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { portfolioCollections, portfolioLinks, portfolioShares } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { AppError, badRequest, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { getCollection } from "./collections.service.js";
import { listPages as listPageRows } from "./pages.repository.js";
import { buildPageView, presentPageSummary } from "./pages.service.js";
import { linkFileUrl } from "./portfolio.presenter.js";
import * as repo from "./sharing.repository.js";
import { fileIsOnPage, getPageByLink, getViewablePage, hashLinkToken, sharedWithViewerWhere } from "./sharing.access.js";
import { findCollections } from "./collections.repository.js";

/** What is shared: a page or a collection. */
export type Subject = { type: "page" | "collection"; id: string };

const iso = (value: Date | string) => new Date(value).toISOString();

/** Resolves a subject the caller owns (404 when they may not see it, 403 when they see it but do not own it). */
async function requireOwnSubject(db: DbOrTx, actor: Actor, subject: Subject): Promise<{ title: string }> {
  if (subject.type === "page") {
    const access = await getViewablePage(db, actor, subject.id);
    if (!access) throw notFound("Page");
    if (!access.isOwner) throw forbidden("Only the owner can share this");
    return { title: "" };
  }
  const collection = await getCollection(db, actor, subject.id);
  if (!collection.isOwner) throw forbidden("Only the owner can share this");
  return { title: collection.title };
}

const subjectWhere = (subject: Subject) =>
  subject.type === "page" ? eq(portfolioShares.pageId, subject.id) : eq(portfolioShares.collectionId, subject.id);

/** Presents a share. */
function presentShare(row: repo.ShareRow): TShare {
  return {
    id: row.id,
    subject: { type: row.pageId ? "page" : "collection", id: (row.pageId ?? row.collectionId) as string, title: row.subjectTitle },
    targetType: row.targetType,
    targetId: row.targetId,
    targetName: row.targetName ?? "Someone no longer here",
    allowComments: row.allowComments,
    createdAt: iso(row.createdAt),
  };
}

/** Presents a link (never its token: only the hash is stored). */
function presentLink(row: repo.LinkRow): TLink {
  const expired = row.expiresAt !== null && new Date(row.expiresAt).getTime() <= Date.now();
  return {
    id: row.id,
    subject: { type: row.pageId ? "page" : "collection", id: (row.pageId ?? row.collectionId) as string, title: row.subjectTitle },
    label: row.label,
    expiresAt: row.expiresAt ? iso(row.expiresAt) : null,
    revokedAt: row.revokedAt ? iso(row.revokedAt) : null,
    status: row.revokedAt ? "revoked" : expired ? "expired" : "live",
    viewCount: row.viewCount,
    lastViewedAt: row.lastViewedAt ? iso(row.lastViewedAt) : null,
    createdAt: iso(row.createdAt),
  };
}

/** The shares of a page or collection the caller owns. */
export async function listShares(db: Db, actor: Actor, subject: Subject) {
  await requireOwnSubject(db, actor, subject);
  return (await repo.findShares(db, subjectWhere(subject))).map(presentShare);
}

/** Checks that a share target is one the owner may reach; refuses with a plain reason otherwise. */
async function checkTarget(db: DbOrTx, actor: Actor, input: TShareCreate) {
  const targetId = input.targetId ?? "";
  const field = [{ path: "targetId", message: "Choose someone else" }];
  switch (input.targetType) {
    case "guardians":
      return;
    case "person": {
      if (targetId === actor.userId) throw badRequest("You can already see your own work", field);
      const person = await repo.findPersonTarget(db, actor.districtId, actor.userId, targetId);
      if (!person) throw badRequest("That person was not found", field);
      // Families see a child's work only through the child's own guardians share.
      if (person.isGuardian && !person.hasOtherRole && !person.guardsOwner)
        throw badRequest("You can share with your own family only", field);
      return;
    }
    case "class":
      if (!(await repo.isClassMember(db, actor.districtId, actor.userId, targetId)))
        throw badRequest("You can only share with a class you are in", field);
      return;
    case "group":
      if (!(await repo.isGroupMember(db, actor.districtId, actor.userId, targetId)))
        throw badRequest("You can only share with a group you are in", field);
      return;
    case "school":
      if (!(await repo.belongsToSchool(db, actor.districtId, actor.userId, targetId)))
        throw badRequest("You can only share with your own school", field);
      return;
  }
}

const shareRooms = (actor: Actor, input: TShareCreate) =>
  input.targetType === "person"
    ? [`user:${input.targetId}`]
    : input.targetType === "class"
      ? [`class:${input.targetId}`]
      : input.targetType === "group"
        ? [`group:${input.targetId}`]
        : [`user:${actor.userId}`];

/** Shares a page or collection the caller owns with a person, class, group, their guardians or their school. */
export async function createShare(db: Db, actor: Actor, subject: Subject, input: TShareCreate) {
  await requireOwnSubject(db, actor, subject);
  await checkTarget(db, actor, input);
  const id = await db.transaction(async (tx) => {
    const shareId = await repo.upsertShare(tx, {
      districtId: actor.districtId,
      ownerId: actor.userId,
      pageId: subject.type === "page" ? subject.id : null,
      collectionId: subject.type === "collection" ? subject.id : null,
      targetType: input.targetType,
      targetId: input.targetId,
      allowComments: input.allowComments,
    });
    await audit(tx, actor, {
      action: "portfolio.share",
      targetType: subject.type,
      targetId: subject.id,
      details: { to: input.targetType, targetId: input.targetId },
    });
    await recordEvent(tx, actor.districtId, "portfolio.shared", shareRooms(actor, input), { subject, shareId });
    return shareId;
  });
  const row = await repo.findOwnShare(db, actor, id);
  if (!row) throw notFound("Share");
  return presentShare(row);
}

/** Stops a share of the caller's. */
export async function deleteShare(db: Db, actor: Actor, id: string) {
  const row = await repo.findOwnShare(db, actor, id);
  if (!row) throw notFound("Share");
  await db.transaction(async (tx) => {
    await repo.deleteShare(tx, id);
    await audit(tx, actor, {
      action: "portfolio.unshare",
      targetType: row.pageId ? "page" : "collection",
      targetId: row.pageId ?? row.collectionId,
      details: { from: row.targetType, targetId: row.targetId },
    });
  });
}

const linkWhere = (subject: Subject) =>
  subject.type === "page" ? eq(portfolioLinks.pageId, subject.id) : eq(portfolioLinks.collectionId, subject.id);

/** The secret links of a page or collection the caller owns. */
export async function listLinks(db: Db, actor: Actor, subject: Subject) {
  await requireOwnSubject(db, actor, subject);
  return (await repo.findLinks(db, linkWhere(subject))).map(presentLink);
}

/** Creates a secret view-only link: 256 random bits, shown once, only its hash kept. */
export async function createLink(db: Db, actor: Actor, subject: Subject, input: TLinkCreate): Promise<TLinkCreated> {
  await requireOwnSubject(db, actor, subject);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now())
    throw badRequest("Choose an end date in the future", [{ path: "expiresAt", message: "This date has passed" }]);
  const token = randomBytes(32).toString("base64url");
  const id = await db.transaction(async (tx) => {
    const linkId = await repo.insertLink(tx, {
      districtId: actor.districtId,
      ownerId: actor.userId,
      pageId: subject.type === "page" ? subject.id : null,
      collectionId: subject.type === "collection" ? subject.id : null,
      tokenHash: hashLinkToken(token),
      label: input.label,
      expiresAt,
    });
    await audit(tx, actor, {
      action: "portfolio.link.create",
      targetType: subject.type,
      targetId: subject.id,
      details: { linkId, expiresAt: input.expiresAt },
    });
    return linkId;
  });
  const [row] = await repo.findLinks(db, eq(portfolioLinks.id, id));
  if (!row) throw notFound("Link");
  return { ...presentLink(row), token, path: `/shared/${token}` };
}

async function requireOwnLink(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await repo.findLinks(
    db,
    and(eq(portfolioLinks.id, id), eq(portfolioLinks.ownerId, actor.userId), eq(portfolioLinks.districtId, actor.districtId)),
  );
  if (!row) throw notFound("Link");
  return row;
}

/** Turns off a link of the caller's for good. */
export async function revokeLink(db: Db, actor: Actor, id: string) {
  await requireOwnLink(db, actor, id);
  await db.transaction(async (tx) => {
    await repo.revokeLink(tx, id);
    await audit(tx, actor, { action: "portfolio.link.revoke", targetType: "portfolio_link", targetId: id });
  });
  return presentLink(await requireOwnLink(db, actor, id));
}

/** When a link of the caller's was opened. */
export async function listLinkViews(db: Db, actor: Actor, id: string) {
  await requireOwnLink(db, actor, id);
  return (await repo.listLinkViews(db, id)).map((v) => ({ viewedAt: iso(v.viewedAt), pageId: v.pageId }));
}

/** The owner's "who can see what": every share and link across their pages and collections. */
export async function sharingOverview(db: Db, actor: Actor) {
  const mine = (
    owner: typeof portfolioShares.ownerId | typeof portfolioLinks.ownerId,
    district: typeof portfolioShares.districtId | typeof portfolioLinks.districtId,
  ) => and(eq(owner, actor.userId), eq(district, actor.districtId));
  const [shares, links] = await Promise.all([
    repo.findShares(db, mine(portfolioShares.ownerId, portfolioShares.districtId)),
    repo.findLinks(db, mine(portfolioLinks.ownerId, portfolioLinks.districtId)),
  ]);
  return { shares: shares.map(presentShare), links: links.map(presentLink) };
}

/** Pages others shared with the caller (guardians: their children's pages shared with guardians). */
export async function sharedWithMe(db: Db, actor: Actor, query: { page: number; pageSize: number }) {
  const { rows, total } = await listPageRows(db, sharedWithViewerWhere(actor), query);
  return { items: rows.map(presentPageSummary), total, page: query.page, pageSize: query.pageSize };
}

// ---------- secret link visitors (no sign-in) ----------

/** The one answer for a wrong, revoked or expired link: same status, same body. */
export const linkNotFound = () =>
  new AppError(404, "not_found", "This link does not work. It may be mistyped, or its owner may have turned it off.");

/** What a secret link shows: the page (or the asked page of the collection) with only its own artifacts. */
export async function viewByLink(db: Db, token: string, askedPageId?: string): Promise<TSharedView> {
  const linked = await getPageByLink(db, token, askedPageId);
  if (!linked) throw linkNotFound();
  const page = linked.pageId ? await buildPageView(db, linked.pageId, linkFileUrl(token)) : null;
  if (linked.pageId && !page) throw linkNotFound();
  let collection: TSharedView["collection"] = null;
  let pages: TSharedView["pages"] = page ? [{ id: page.id, title: page.title }] : [];
  let owner = page?.owner.name ?? "";
  if (linked.collectionId) {
    const [row] = await findCollections(db, eq(portfolioCollections.id, linked.collectionId));
    if (!row) throw linkNotFound();
    collection = { id: row.id, title: row.title, description: row.description, purpose: row.purpose };
    pages = row.pages;
    owner = row.ownerName;
  }
  await repo.recordLinkView(db, linked, linked.pageId);
  return {
    kind: linked.collectionId ? "collection" : "page",
    owner: { name: owner },
    collection,
    pages,
    page: page ? stripForVisitor(page) : null,
  };
}

// Visitors get the page without its sharing counts; the owner's id stays out of the public view too.
function stripForVisitor(page: NonNullable<Awaited<ReturnType<typeof buildPageView>>>): NonNullable<TSharedView["page"]> {
  const { sharing: _sharing, ...rest } = page;
  return rest;
}

/** The stored file a link visitor may download: only files of artifacts on the link's pages. */
export async function fileForLink(db: Db, token: string, fileId: string) {
  const linked = await getPageByLink(db, token);
  if (!linked) throw linkNotFound();
  const pageIds = await repo.linkedPageIds(
    db,
    linked.collectionId ? { pageId: null, collectionId: linked.collectionId } : { pageId: linked.pageId, collectionId: null },
  );
  for (const pageId of pageIds) {
    if (await fileIsOnPage(db, pageId, fileId)) return { districtId: linked.districtId };
  }
  throw linkNotFound();
}
