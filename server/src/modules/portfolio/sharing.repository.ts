import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { preparedPerDatabase, type Db, type DbOrTx } from "../../db/client.js";
import {
  classes,
  enrolments,
  groupMembers,
  groups,
  guardianLinks,
  portfolioCollectionPages,
  portfolioCollections,
  portfolioLinks,
  portfolioLinkViews,
  portfolioPages,
  portfolioShares,
  roleAssignments,
  schools,
  users,
} from "../../db/schema/index.js";
import { personName } from "./artifacts.repository.js";
import { q } from "./sharing.access.js";

/** Columns of a share with its subject's title and its target's name, in SQL. */
const shareColumns = {
  id: portfolioShares.id,
  pageId: portfolioShares.pageId,
  collectionId: portfolioShares.collectionId,
  targetType: portfolioShares.targetType,
  targetId: portfolioShares.targetId,
  allowComments: portfolioShares.allowComments,
  createdAt: portfolioShares.createdAt,
  subjectTitle: sql<string>`coalesce((select p.title from ${portfolioPages} p where p.id = ${q(portfolioShares.pageId)}),
    (select c.title from ${portfolioCollections} c where c.id = ${q(portfolioShares.collectionId)}), '')`,
  targetName: sql<string>`case ${q(portfolioShares.targetType)}
    when 'person' then (select ${personName} from ${users} u where u.id = ${q(portfolioShares.targetId)})
    when 'class' then (select c.title from ${classes} c where c.id = ${q(portfolioShares.targetId)})
    when 'group' then (select g.name from ${groups} g where g.id = ${q(portfolioShares.targetId)})
    when 'school' then (select s.name from ${schools} s where s.id = ${q(portfolioShares.targetId)})
    else 'Your guardians' end`,
};
export type ShareRow = Awaited<ReturnType<typeof findShares>>[number];

/** Shares matching a condition, newest first. */
export function findShares(db: DbOrTx, where: SQL | undefined) {
  return db.select(shareColumns).from(portfolioShares).where(where).orderBy(desc(portfolioShares.createdAt)).limit(1000);
}

/** Adds a share, or updates whether it allows comments when it exists already; returns its id. */
export async function upsertShare(db: DbOrTx, values: typeof portfolioShares.$inferInsert): Promise<string> {
  const subject = values.pageId ? eq(portfolioShares.pageId, values.pageId) : eq(portfolioShares.collectionId, values.collectionId ?? "");
  const target = values.targetId ? eq(portfolioShares.targetId, values.targetId) : sql`${q(portfolioShares.targetId)} is null`;
  const [existing] = await db
    .select({ id: portfolioShares.id })
    .from(portfolioShares)
    .where(and(subject, eq(portfolioShares.targetType, values.targetType), target));
  if (existing) {
    await db
      .update(portfolioShares)
      .set({ allowComments: values.allowComments ?? true })
      .where(eq(portfolioShares.id, existing.id));
    return existing.id;
  }
  const [row] = await db.insert(portfolioShares).values(values).returning({ id: portfolioShares.id });
  return (row as { id: string }).id;
}

/** A share of the owner's, by id. */
export async function findOwnShare(db: DbOrTx, owner: { userId: string; districtId: string }, id: string) {
  const [row] = await findShares(
    db,
    and(eq(portfolioShares.id, id), eq(portfolioShares.ownerId, owner.userId), eq(portfolioShares.districtId, owner.districtId)),
  );
  return row;
}

/** Deletes a share. */
export async function deleteShare(db: DbOrTx, id: string) {
  await db.delete(portfolioShares).where(eq(portfolioShares.id, id));
}

// ---------- share targets ----------

/** An active user of the district, and whether they are a guardian (of the owner or not). */
export async function findPersonTarget(db: DbOrTx, districtId: string, ownerId: string, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      isGuardian: sql<boolean>`exists (select 1 from ${roleAssignments} r where r.user_id = ${q(users.id)} and r.role = 'guardian')`,
      guardsOwner: sql<boolean>`exists (select 1 from ${guardianLinks} g where g.guardian_id = ${q(users.id)} and g.student_id = ${ownerId})`,
      hasOtherRole: sql<boolean>`exists (select 1 from ${roleAssignments} r where r.user_id = ${q(users.id)} and r.role <> 'guardian')`,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.districtId, districtId), eq(users.status, "active")));
  return row;
}

/** True when the user is an active member of the class (in the district). */
export async function isClassMember(db: DbOrTx, districtId: string, userId: string, classId: string) {
  const [row] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.classId, classId),
        eq(enrolments.userId, userId),
        eq(enrolments.status, "active"),
        eq(enrolments.districtId, districtId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** True when the user is a member of the group (in the district). */
export async function isGroupMember(db: DbOrTx, districtId: string, userId: string, groupId: string) {
  const [row] = await db
    .select({ id: groupMembers.groupId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId), eq(groupMembers.districtId, districtId)))
    .limit(1);
  return row !== undefined;
}

/** True when the user holds a role (not guardian) at the school. */
export async function belongsToSchool(db: DbOrTx, districtId: string, userId: string, schoolId: string) {
  const [row] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.schoolId, schoolId),
        eq(roleAssignments.districtId, districtId),
        sql`${q(roleAssignments.role)} <> 'guardian'`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

// ---------- links ----------

const linkColumns = {
  id: portfolioLinks.id,
  pageId: portfolioLinks.pageId,
  collectionId: portfolioLinks.collectionId,
  label: portfolioLinks.label,
  expiresAt: portfolioLinks.expiresAt,
  revokedAt: portfolioLinks.revokedAt,
  // Counted from the view log rather than kept on the link: a popular link's visitors would
  // otherwise all queue on one row lock to bump a counter.
  viewCount: sql<number>`(select count(*)::int from ${portfolioLinkViews} v where v.link_id = ${q(portfolioLinks.id)})`,
  lastViewedAt: sql<Date | null>`(select max(v.viewed_at) from ${portfolioLinkViews} v where v.link_id = ${q(portfolioLinks.id)})`.mapWith(
    (value: string | Date | null) => (value === null ? null : new Date(value)),
  ),
  createdAt: portfolioLinks.createdAt,
  subjectTitle: sql<string>`coalesce((select p.title from ${portfolioPages} p where p.id = ${q(portfolioLinks.pageId)}),
    (select c.title from ${portfolioCollections} c where c.id = ${q(portfolioLinks.collectionId)}), '')`,
};
export type LinkRow = Awaited<ReturnType<typeof findLinks>>[number];

/** Links matching a condition, newest first. */
export function findLinks(db: DbOrTx, where: SQL | undefined) {
  return db.select(linkColumns).from(portfolioLinks).where(where).orderBy(desc(portfolioLinks.createdAt)).limit(1000);
}

/** Inserts a link (its token hash only) and returns its id. */
export async function insertLink(db: DbOrTx, values: typeof portfolioLinks.$inferInsert) {
  const [row] = await db.insert(portfolioLinks).values(values).returning({ id: portfolioLinks.id });
  return (row as { id: string }).id;
}

/** Revokes a link of the owner's (once; later calls keep the first time). */
export async function revokeLink(db: DbOrTx, id: string) {
  await db
    .update(portfolioLinks)
    .set({ revokedAt: sql`coalesce(${q(portfolioLinks.revokedAt)}, now())` })
    .where(eq(portfolioLinks.id, id));
}

const insertLinkView = preparedPerDatabase((db) =>
  db
    .insert(portfolioLinkViews)
    .values({ districtId: sql.placeholder("districtId"), linkId: sql.placeholder("linkId"), pageId: sql.placeholder("pageId") })
    .prepare("portfolio_insert_link_view"),
);

/** Logs one opening of a link (one append: the link's counts are computed from this log). */
export async function recordLinkView(db: Db, link: { linkId: string; districtId: string }, pageId: string | null) {
  await insertLinkView(db).execute({ districtId: link.districtId, linkId: link.linkId, pageId });
}

/** The latest openings of a link. */
export function listLinkViews(db: DbOrTx, linkId: string) {
  return db
    .select({ viewedAt: portfolioLinkViews.viewedAt, pageId: portfolioLinkViews.pageId })
    .from(portfolioLinkViews)
    .where(eq(portfolioLinkViews.linkId, linkId))
    .orderBy(desc(portfolioLinkViews.viewedAt))
    .limit(500);
}

/** The pages a link reaches: its page, or its collection's pages. */
export async function linkedPageIds(db: DbOrTx, link: { pageId: string | null; collectionId: string | null }): Promise<string[]> {
  if (link.pageId) return [link.pageId];
  if (!link.collectionId) return [];
  const rows = await db
    .select({ pageId: portfolioCollectionPages.pageId })
    .from(portfolioCollectionPages)
    .where(eq(portfolioCollectionPages.collectionId, link.collectionId))
    .orderBy(portfolioCollectionPages.position);
  return rows.map((r) => r.pageId);
}
