import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  classes,
  enrolments,
  portfolioArtifacts,
  portfolioAssessments,
  portfolioCollectionPages,
  portfolioCollections,
  portfolioFiles,
  portfolioPages,
  portfolioReflections,
  portfolioSnapshotFiles,
  portfolioSubmissionScores,
  portfolioSubmissions,
  users,
  type StoredSnapshot,
} from "../../db/schema/index.js";

const personName = sql.raw(`coalesce(u.preferred_name, u.given_name) || ' ' || u.family_name`);

/** Inserts an assessment for a class. */
export async function insertAssessment(db: DbOrTx, values: typeof portfolioAssessments.$inferInsert) {
  const [row] = await db.insert(portfolioAssessments).values(values).returning();
  return row!;
}

/** Assessments of a class, newest first. */
export function listAssessmentsOfClass(db: DbOrTx, districtId: string, classId: string) {
  return db
    .select()
    .from(portfolioAssessments)
    .where(and(eq(portfolioAssessments.districtId, districtId), eq(portfolioAssessments.classId, classId)))
    .orderBy(desc(portfolioAssessments.createdAt));
}

/** One assessment within a district. */
export async function findAssessment(db: DbOrTx, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(portfolioAssessments)
    .where(and(eq(portfolioAssessments.id, id), eq(portfolioAssessments.districtId, districtId)));
  return row ?? null;
}

/** Assessments of the classes a student is actively in, with their own submission (if any). */
export function listAssessmentsForStudent(db: DbOrTx, districtId: string, studentId: string) {
  return db
    .select({
      assessment: portfolioAssessments,
      className: classes.title,
      submissionId: portfolioSubmissions.id,
      status: portfolioSubmissions.status,
      submittedAt: portfolioSubmissions.submittedAt,
    })
    .from(portfolioAssessments)
    .innerJoin(
      enrolments,
      and(
        eq(enrolments.classId, portfolioAssessments.classId),
        eq(enrolments.userId, studentId),
        eq(enrolments.role, "student"),
        eq(enrolments.status, "active"),
      ),
    )
    .innerJoin(classes, eq(classes.id, portfolioAssessments.classId))
    .leftJoin(
      portfolioSubmissions,
      and(eq(portfolioSubmissions.assessmentId, portfolioAssessments.id), eq(portfolioSubmissions.studentId, studentId)),
    )
    .where(eq(portfolioAssessments.districtId, districtId))
    .orderBy(desc(portfolioAssessments.createdAt))
    .limit(500);
}

/** The pages of what a student submits: one page, or a collection's pages in order. Null unless the student owns it. */
export async function findSourcePages(db: DbOrTx, districtId: string, ownerId: string, source: { pageId?: string; collectionId?: string }) {
  if (source.pageId) {
    const [page] = await db
      .select({ id: portfolioPages.id, title: portfolioPages.title, purpose: portfolioPages.purpose, layout: portfolioPages.layout })
      .from(portfolioPages)
      .where(and(eq(portfolioPages.id, source.pageId), eq(portfolioPages.districtId, districtId), eq(portfolioPages.ownerId, ownerId)));
    return page ? { title: page.title, purpose: page.purpose, pages: [page] } : null;
  }
  const [collection] = await db
    .select({ id: portfolioCollections.id, title: portfolioCollections.title, purpose: portfolioCollections.purpose })
    .from(portfolioCollections)
    .where(
      and(
        eq(portfolioCollections.id, source.collectionId!),
        eq(portfolioCollections.districtId, districtId),
        eq(portfolioCollections.ownerId, ownerId),
      ),
    );
  if (!collection) return null;
  const pages = await db
    .select({ id: portfolioPages.id, title: portfolioPages.title, purpose: portfolioPages.purpose, layout: portfolioPages.layout })
    .from(portfolioCollectionPages)
    .innerJoin(portfolioPages, eq(portfolioPages.id, portfolioCollectionPages.pageId))
    .where(and(eq(portfolioCollectionPages.collectionId, collection.id), eq(portfolioPages.ownerId, ownerId)))
    .orderBy(asc(portfolioCollectionPages.position));
  return { title: collection.title, purpose: collection.purpose, pages };
}

/** Artifacts among these ids that the person owns or co-owns, with their files. */
export function listOwnedArtifacts(db: DbOrTx, districtId: string, ownerId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ artifact: portfolioArtifacts, file: portfolioFiles })
    .from(portfolioArtifacts)
    .leftJoin(portfolioFiles, eq(portfolioFiles.id, portfolioArtifacts.fileId))
    .where(
      and(
        eq(portfolioArtifacts.districtId, districtId),
        inArray(portfolioArtifacts.id, ids),
        sql`(${portfolioArtifacts.ownerId} = ${ownerId} or ${ownerId} = any(${portfolioArtifacts.coOwnerIds}))`,
      ),
    );
}

/** The author's reflections on these pages and artifacts, oldest first. */
export function listReflections(db: DbOrTx, districtId: string, authorId: string, pageIds: string[], artifactIds: string[]) {
  const targets = [
    pageIds.length > 0 ? inArray(portfolioReflections.pageId, pageIds) : undefined,
    artifactIds.length > 0 ? inArray(portfolioReflections.artifactId, artifactIds) : undefined,
  ].filter((c) => c !== undefined);
  if (targets.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(portfolioReflections)
    .where(and(eq(portfolioReflections.districtId, districtId), eq(portfolioReflections.authorId, authorId), or(...targets)))
    .orderBy(asc(portfolioReflections.createdAt));
}

/** Stores (or, before assessment, replaces) a student's submission and the files its snapshot holds. */
export async function saveSubmission(
  db: DbOrTx,
  values: {
    id: string;
    districtId: string;
    assessmentId: string;
    studentId: string;
    sourceType: "page" | "collection";
    sourceId: string;
    snapshot: StoredSnapshot;
  },
  fileIds: string[],
) {
  const [row] = await db
    .insert(portfolioSubmissions)
    .values(values)
    .onConflictDoUpdate({
      target: [portfolioSubmissions.assessmentId, portfolioSubmissions.studentId],
      set: { sourceType: values.sourceType, sourceId: values.sourceId, snapshot: values.snapshot, submittedAt: sql`now()` },
      // A submission the teacher has assessed stays as it was assessed.
      setWhere: sql`${portfolioSubmissions.status} = 'submitted'`,
    })
    .returning({ id: portfolioSubmissions.id });
  if (!row) return null;
  await db.delete(portfolioSnapshotFiles).where(eq(portfolioSnapshotFiles.submissionId, row.id));
  if (fileIds.length > 0)
    await db
      .insert(portfolioSnapshotFiles)
      .values(fileIds.map((fileId) => ({ submissionId: row.id, fileId, districtId: values.districtId })));
  return row.id;
}

/** One submission with its student's name and its assessment's class and rubric. */
export async function findSubmission(db: DbOrTx, districtId: string, id: string) {
  const [row] = await db
    .select({
      submission: portfolioSubmissions,
      studentName: sql<string>`${personName}`,
      classId: portfolioAssessments.classId,
      rubricId: portfolioAssessments.rubricId,
      assessorName: sql<
        string | null
      >`(select coalesce(a.preferred_name, a.given_name) || ' ' || a.family_name from ${users} a where a.id = ${portfolioSubmissions.assessedBy})`,
    })
    .from(portfolioSubmissions)
    .innerJoin(portfolioAssessments, eq(portfolioAssessments.id, portfolioSubmissions.assessmentId))
    .innerJoin(sql`${users} u`, sql`u.id = ${portfolioSubmissions.studentId}`)
    .where(and(eq(portfolioSubmissions.id, id), eq(portfolioSubmissions.districtId, districtId)));
  return row ?? null;
}
export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof findSubmission>>>;

/** The scores of a submission. */
export function listScores(db: DbOrTx, submissionId: string) {
  return db.select().from(portfolioSubmissionScores).where(eq(portfolioSubmissionScores.submissionId, submissionId));
}

/** Replaces a submission's scores and records the assessment (and the return, when asked). */
export async function saveAssessment(
  db: DbOrTx,
  submission: { id: string; districtId: string },
  input: {
    scores: { criterionId: string; levelId: string | null; points: string; comment: string }[];
    overallComment: string;
    totalPoints: string;
    assessorId: string;
    returnToStudent: boolean;
  },
) {
  await db.delete(portfolioSubmissionScores).where(eq(portfolioSubmissionScores.submissionId, submission.id));
  if (input.scores.length > 0) {
    await db
      .insert(portfolioSubmissionScores)
      .values(input.scores.map((s) => ({ ...s, submissionId: submission.id, districtId: submission.districtId })));
  }
  await db
    .update(portfolioSubmissions)
    .set({
      status: input.returnToStudent ? "returned" : "assessed",
      overallComment: input.overallComment,
      totalPoints: input.totalPoints,
      assessedBy: input.assessorId,
      assessedAt: sql`now()`,
      returnedAt: input.returnToStudent ? sql`coalesce(${portfolioSubmissions.returnedAt}, now())` : null,
    })
    .where(eq(portfolioSubmissions.id, submission.id));
}

/** Every active student of the class with their submission to this assessment, if any, by name. */
export function listSubmissionStatus(db: DbOrTx, classId: string, assessmentId: string) {
  return db
    .select({
      studentId: enrolments.userId,
      studentName: sql<string>`${personName}`,
      submissionId: portfolioSubmissions.id,
      status: portfolioSubmissions.status,
      submittedAt: portfolioSubmissions.submittedAt,
      totalPoints: portfolioSubmissions.totalPoints,
    })
    .from(enrolments)
    .innerJoin(sql`${users} u`, sql`u.id = ${enrolments.userId}`)
    .leftJoin(
      portfolioSubmissions,
      and(eq(portfolioSubmissions.assessmentId, assessmentId), eq(portfolioSubmissions.studentId, enrolments.userId)),
    )
    .where(and(eq(enrolments.classId, classId), eq(enrolments.role, "student"), eq(enrolments.status, "active")))
    .orderBy(sql`u.family_name`, sql`u.given_name`, enrolments.userId);
}

/** True when a submitted snapshot holds this file (it must then outlive the artifact). */
export async function fileHeldBySnapshot(db: DbOrTx, fileId: string) {
  const [row] = await db
    .select({ fileId: portfolioSnapshotFiles.fileId })
    .from(portfolioSnapshotFiles)
    .where(eq(portfolioSnapshotFiles.fileId, fileId))
    .limit(1);
  return row !== undefined;
}

/** A file a submission's snapshot holds, for downloading from the submission. */
export async function findSnapshotFile(db: DbOrTx, submissionId: string, fileId: string) {
  const [row] = await db
    .select({ file: portfolioFiles })
    .from(portfolioSnapshotFiles)
    .innerJoin(portfolioFiles, eq(portfolioFiles.id, portfolioSnapshotFiles.fileId))
    .where(and(eq(portfolioSnapshotFiles.submissionId, submissionId), eq(portfolioSnapshotFiles.fileId, fileId)));
  return row?.file ?? null;
}
