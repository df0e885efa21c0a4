import { and, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  enrolments,
  portfolioArtifacts,
  portfolioFiles,
  portfolioPrompts,
  portfolioReflections,
  portfolioSnapshotFiles,
  users,
} from "../../db/schema/index.js";
import { ownsArtifact, q } from "./sharing.access.js";

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);
/** A person's display name, in SQL, for users alias `u`. */
export const personName = sql`coalesce(u.preferred_name, u.given_name) || ' ' || u.family_name`;

/** Columns of an artifact with its owners, file and reflection count computed in SQL (no N+1). */
const artifactColumns = {
  id: portfolioArtifacts.id,
  kind: portfolioArtifacts.kind,
  title: portfolioArtifacts.title,
  description: portfolioArtifacts.description,
  body: portfolioArtifacts.body,
  url: portfolioArtifacts.url,
  source: portfolioArtifacts.source,
  tags: portfolioArtifacts.tags,
  skills: portfolioArtifacts.skills,
  occurredOn: portfolioArtifacts.occurredOn,
  ownerId: portfolioArtifacts.ownerId,
  coOwnerIds: portfolioArtifacts.coOwnerIds,
  createdAt: portfolioArtifacts.createdAt,
  updatedAt: portfolioArtifacts.updatedAt,
  ownerName: sql<string>`(select ${personName} from ${users} u where u.id = ${q(portfolioArtifacts.ownerId)})`,
  coOwners: sql<
    { id: string; name: string }[]
  >`coalesce((select json_agg(json_build_object('id', u.id, 'name', ${personName}) order by u.family_name, u.given_name)
    from ${users} u where u.id = any(${q(portfolioArtifacts.coOwnerIds)})), '[]'::json)`,
  file: sql<FileJson | null>`(select json_build_object('id', f.id, 'fileName', f.file_name, 'mediaType', f.media_type, 'sizeBytes', f.size_bytes,
    'inline', f.inline, 'width', f.width, 'height', f.height, 'createdAt', f.created_at) from ${portfolioFiles} f where f.id = ${q(portfolioArtifacts.fileId)})`,
  reflectionCount: sql<number>`(select count(*)::int from ${portfolioReflections} r where r.artifact_id = ${q(portfolioArtifacts.id)})`,
};

export interface FileJson {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  inline: boolean;
  width: number | null;
  height: number | null;
  createdAt: string;
}
export type ArtifactRow = Awaited<ReturnType<typeof findArtifacts>>[number];

/** Artifacts matching a condition, newest first. */
export function findArtifacts(db: DbOrTx, where: SQL | undefined, limit = 500, offset = 0) {
  return db
    .select(artifactColumns)
    .from(portfolioArtifacts)
    .where(where)
    .orderBy(desc(portfolioArtifacts.createdAt), desc(portfolioArtifacts.id))
    .limit(limit)
    .offset(offset);
}

/** A page of the user's own and co-owned artifacts, filtered, with a total. */
export async function listOwnArtifacts(
  db: DbOrTx,
  user: { userId: string; districtId: string },
  filter: { q?: string; kind?: string; tag?: string; skill?: string; page: number; pageSize: number },
) {
  const conditions: (SQL | undefined)[] = [eq(portfolioArtifacts.districtId, user.districtId), ownsArtifact(user.userId)];
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(portfolioArtifacts.title, like), ilike(portfolioArtifacts.description, like)));
  }
  if (filter.kind) conditions.push(sql`${q(portfolioArtifacts.kind)} = ${filter.kind}`);
  if (filter.tag) conditions.push(sql`${filter.tag} = any(${q(portfolioArtifacts.tags)})`);
  if (filter.skill) conditions.push(sql`${filter.skill} = any(${q(portfolioArtifacts.skills)})`);
  const where = and(...conditions);
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(portfolioArtifacts)
    .where(where);
  const rows = await findArtifacts(db, where, filter.pageSize, (filter.page - 1) * filter.pageSize);
  return { rows, total: count?.total ?? 0 };
}

/** The distinct tags and skills of the user's artifacts, sorted. */
export async function listLabels(db: DbOrTx, user: { userId: string; districtId: string }) {
  const [row] = await db
    .select({
      tags: sql<string[]>`coalesce(array_agg(distinct t.tag order by t.tag) filter (where t.tag is not null), '{}')`,
    })
    .from(
      sql`(select unnest(${q(portfolioArtifacts.tags)}) as tag from ${portfolioArtifacts} where ${q(portfolioArtifacts.districtId)} = ${user.districtId} and ${ownsArtifact(user.userId)}) t`,
    );
  const [skills] = await db
    .select({ skills: sql<string[]>`coalesce(array_agg(distinct t.skill order by t.skill) filter (where t.skill is not null), '{}')` })
    .from(
      sql`(select unnest(${q(portfolioArtifacts.skills)}) as skill from ${portfolioArtifacts} where ${q(portfolioArtifacts.districtId)} = ${user.districtId} and ${ownsArtifact(user.userId)}) t`,
    );
  return { tags: row?.tags ?? [], skills: skills?.skills ?? [] };
}

/** How many of these users are active students in a class with the owner (classmates may co-own work). */
export async function countClassmates(db: DbOrTx, ownerId: string, userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${q(enrolments.userId)})::int` })
    .from(enrolments)
    .where(
      and(
        inArray(enrolments.userId, userIds),
        eq(enrolments.role, "student"),
        eq(enrolments.status, "active"),
        sql`${q(enrolments.classId)} in (select e.class_id from ${enrolments} e where e.user_id = ${ownerId} and e.status = 'active')`,
      ),
    );
  return row?.n ?? 0;
}

/** True when the user is an active member of the class. */
export async function isEnrolled(db: DbOrTx, userId: string, classId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.classId, classId), eq(enrolments.status, "active")))
    .limit(1);
  return row !== undefined;
}

/** The file if the user uploaded it, in their district. */
export async function findOwnFile(db: DbOrTx, user: { userId: string; districtId: string }, fileId: string) {
  const [row] = await db
    .select()
    .from(portfolioFiles)
    .where(and(eq(portfolioFiles.id, fileId), eq(portfolioFiles.ownerId, user.userId), eq(portfolioFiles.districtId, user.districtId)));
  return row;
}

/** Inserts an artifact and returns its id. */
export async function insertArtifact(db: DbOrTx, values: typeof portfolioArtifacts.$inferInsert) {
  const [row] = await db.insert(portfolioArtifacts).values(values).returning({ id: portfolioArtifacts.id });
  return row as { id: string };
}

/** Updates an artifact's fields. */
export async function updateArtifact(db: DbOrTx, id: string, values: Partial<typeof portfolioArtifacts.$inferInsert>) {
  await db
    .update(portfolioArtifacts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(portfolioArtifacts.id, id));
}

/** Deletes an artifact (its reflections and page placements cascade) and returns its file id. */
export async function deleteArtifact(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db.delete(portfolioArtifacts).where(eq(portfolioArtifacts.id, id)).returning({ fileId: portfolioArtifacts.fileId });
  return row?.fileId ?? null;
}

/**
 * Deletes a file row no artifact uses any more and no assessment snapshot holds (P2's
 * `portfolio_snapshot_files`: assessed work keeps its files). Returns the storage key to remove, or null.
 */
export async function deleteUnusedFile(db: DbOrTx, fileId: string): Promise<string | null> {
  const [row] = await db
    .delete(portfolioFiles)
    .where(
      and(
        eq(portfolioFiles.id, fileId),
        sql`not exists (select 1 from ${portfolioArtifacts} a where a.file_id = ${fileId})`,
        sql`not exists (select 1 from ${portfolioSnapshotFiles} sf where sf.file_id = ${fileId})`,
      ),
    )
    .returning({ key: portfolioFiles.storageKey });
  return row?.key ?? null;
}

// ---------- reflections and prompts ----------

const reflectionColumns = {
  id: portfolioReflections.id,
  artifactId: portfolioReflections.artifactId,
  pageId: portfolioReflections.pageId,
  promptId: portfolioReflections.promptId,
  promptText: portfolioReflections.promptText,
  body: portfolioReflections.body,
  authorId: portfolioReflections.authorId,
  createdAt: portfolioReflections.createdAt,
  updatedAt: portfolioReflections.updatedAt,
  authorName: sql<string>`(select ${personName} from ${users} u where u.id = ${q(portfolioReflections.authorId)})`,
};
export type ReflectionRow = Awaited<ReturnType<typeof findReflections>>[number];

/** Reflections matching a condition, oldest first. */
export function findReflections(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(reflectionColumns)
    .from(portfolioReflections)
    .where(where)
    .orderBy(portfolioReflections.createdAt, portfolioReflections.id);
}

/** Inserts a reflection and returns its id. */
export async function insertReflection(db: DbOrTx, values: typeof portfolioReflections.$inferInsert) {
  const [row] = await db.insert(portfolioReflections).values(values).returning({ id: portfolioReflections.id });
  return row as { id: string };
}

/** Replaces a reflection's text. */
export async function updateReflection(db: DbOrTx, id: string, body: string) {
  await db.update(portfolioReflections).set({ body, updatedAt: new Date() }).where(eq(portfolioReflections.id, id));
}

/** Deletes a reflection. */
export async function deleteReflection(db: DbOrTx, id: string) {
  await db.delete(portfolioReflections).where(eq(portfolioReflections.id, id));
}

/** A prompt of a class the user is an active member of. */
export async function findPromptForMember(db: DbOrTx, userId: string, promptId: string) {
  const [row] = await db
    .select({ id: portfolioPrompts.id, text: portfolioPrompts.text })
    .from(portfolioPrompts)
    .where(
      and(
        eq(portfolioPrompts.id, promptId),
        sql`${q(portfolioPrompts.archivedAt)} is null`,
        sql`${q(portfolioPrompts.classId)} in (select e.class_id from ${enrolments} e where e.user_id = ${userId} and e.status = 'active')`,
      ),
    );
  return row;
}
