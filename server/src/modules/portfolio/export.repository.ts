import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  portfolioArtifacts,
  portfolioAssessments,
  portfolioCollectionPages,
  portfolioCollections,
  portfolioComments,
  portfolioFiles,
  portfolioPages,
  portfolioReflections,
  portfolioSubmissionScores,
  portfolioSubmissions,
  portfolioRubricCriteria,
  portfolioSnapshotFiles,
  users,
} from "../../db/schema/index.js";

/** The owner's name as the archive shows it. */
export async function findOwnerName(db: DbOrTx, districtId: string, userId: string) {
  const [row] = await db
    .select({ name: sql<string>`coalesce(${users.preferredName}, ${users.givenName}) || ' ' || ${users.familyName}` })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.districtId, districtId)));
  return row?.name ?? null;
}

/** Every artifact the person owns or co-owns, with its file, oldest first. */
export function listArtifacts(db: DbOrTx, districtId: string, ownerId: string) {
  return db
    .select({ artifact: portfolioArtifacts, file: portfolioFiles })
    .from(portfolioArtifacts)
    .leftJoin(portfolioFiles, eq(portfolioFiles.id, portfolioArtifacts.fileId))
    .where(
      and(
        eq(portfolioArtifacts.districtId, districtId),
        sql`(${portfolioArtifacts.ownerId} = ${ownerId} or ${ownerId} = any(${portfolioArtifacts.coOwnerIds}))`,
      ),
    )
    .orderBy(asc(portfolioArtifacts.createdAt), asc(portfolioArtifacts.id));
}

/** The person's pages, oldest first. */
export function listPages(db: DbOrTx, districtId: string, ownerId: string) {
  return db
    .select()
    .from(portfolioPages)
    .where(and(eq(portfolioPages.districtId, districtId), eq(portfolioPages.ownerId, ownerId)))
    .orderBy(asc(portfolioPages.createdAt), asc(portfolioPages.id));
}

/** The person's collections with their page ids in order. */
export function listCollections(db: DbOrTx, districtId: string, ownerId: string) {
  return db
    .select({
      collection: portfolioCollections,
      pageIds: sql<
        string[]
      >`coalesce((select array_agg(cp.page_id::text order by cp.position) from ${portfolioCollectionPages} cp where cp.collection_id = ${portfolioCollections.id}), '{}')`,
    })
    .from(portfolioCollections)
    .where(and(eq(portfolioCollections.districtId, districtId), eq(portfolioCollections.ownerId, ownerId)))
    .orderBy(asc(portfolioCollections.createdAt));
}

/** The person's reflections, oldest first. */
export function listReflections(db: DbOrTx, districtId: string, authorId: string) {
  return db
    .select()
    .from(portfolioReflections)
    .where(and(eq(portfolioReflections.districtId, districtId), eq(portfolioReflections.authorId, authorId)))
    .orderBy(asc(portfolioReflections.createdAt));
}

/** Visible (not hidden) comments on these pages and artifacts, with authors, oldest first. */
export function listComments(db: DbOrTx, districtId: string, pageIds: string[], artifactIds: string[]) {
  const on = [
    pageIds.length ? inArray(portfolioComments.pageId, pageIds) : undefined,
    artifactIds.length ? inArray(portfolioComments.artifactId, artifactIds) : undefined,
  ].filter((c) => c !== undefined);
  if (on.length === 0) return Promise.resolve([]);
  return db
    .select({
      comment: portfolioComments,
      authorName: sql<string>`coalesce(${users.preferredName}, ${users.givenName}) || ' ' || ${users.familyName}`,
    })
    .from(portfolioComments)
    .innerJoin(users, eq(users.id, portfolioComments.authorId))
    .where(and(eq(portfolioComments.districtId, districtId), isNull(portfolioComments.hiddenAt), or(...on)))
    .orderBy(asc(portfolioComments.createdAt), asc(portfolioComments.id));
}

/** The person's submissions with their assessment's title; scores only for returned ones. */
export async function listSubmissions(db: DbOrTx, districtId: string, studentId: string) {
  const rows = await db
    .select({ submission: portfolioSubmissions, assessmentTitle: portfolioAssessments.title })
    .from(portfolioSubmissions)
    .innerJoin(portfolioAssessments, eq(portfolioAssessments.id, portfolioSubmissions.assessmentId))
    .where(and(eq(portfolioSubmissions.districtId, districtId), eq(portfolioSubmissions.studentId, studentId)))
    .orderBy(asc(portfolioSubmissions.submittedAt));
  const returned = rows.filter((r) => r.submission.status === "returned").map((r) => r.submission.id);
  const scores =
    returned.length === 0
      ? []
      : await db
          .select({
            score: portfolioSubmissionScores,
            criterion: portfolioRubricCriteria.title,
            position: portfolioRubricCriteria.position,
          })
          .from(portfolioSubmissionScores)
          .innerJoin(portfolioRubricCriteria, eq(portfolioRubricCriteria.id, portfolioSubmissionScores.criterionId))
          .where(inArray(portfolioSubmissionScores.submissionId, returned))
          .orderBy(asc(portfolioRubricCriteria.position));
  return rows.map((r) => ({ ...r, scores: scores.filter((s) => s.score.submissionId === r.submission.id) }));
}

/** Files held by the person's submitted snapshots (they may no longer belong to an artifact). */
export function listSnapshotFiles(db: DbOrTx, districtId: string, studentId: string) {
  return db
    .selectDistinct({ file: portfolioFiles, submissionId: portfolioSnapshotFiles.submissionId })
    .from(portfolioSnapshotFiles)
    .innerJoin(portfolioSubmissions, eq(portfolioSubmissions.id, portfolioSnapshotFiles.submissionId))
    .innerJoin(portfolioFiles, eq(portfolioFiles.id, portfolioSnapshotFiles.fileId))
    .where(and(eq(portfolioSnapshotFiles.districtId, districtId), eq(portfolioSubmissions.studentId, studentId)));
}
