import { randomUUID } from "node:crypto";
import type { TAssessInput, TAssessmentCreate, TSnapshot, TSubmissionCreate } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { recordEvent } from "../../platform/events.js";
import { badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import * as repo from "./assessment.repository.js";
import { presentAssessment, presentStatusRow, presentSubmission } from "./assessment.presenter.js";
import { artifactIdsOf, renderLayout, renderReflections, safeRichText, type RenderArtifact, type RenderLayout } from "./export.html.js";
import { checkScores, sumPoints } from "./rubrics.points.js";
import { classRole, getRubric, requireTeacher } from "./rubrics.service.js";

/** A teacher sets a portfolio assessment for their class, scored with one of the class's rubrics. */
export async function createAssessment(db: Db, actor: Actor, classId: string, input: TAssessmentCreate) {
  await requireTeacher(db, actor, classId);
  const rubric = await getRubric(db, actor.districtId, input.rubricId).catch(() => null);
  if (!rubric || rubric.classId !== classId)
    throw badRequest("Choose a rubric of this class", [{ path: "rubricId", message: "Not a rubric of this class" }]);
  return db.transaction(async (tx) => {
    const row = await repo.insertAssessment(tx, {
      districtId: actor.districtId,
      classId,
      rubricId: input.rubricId,
      title: input.title,
      instructions: input.instructions,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      createdBy: actor.userId,
    });
    await audit(tx, actor, {
      action: "portfolio.assessment.create",
      targetType: "portfolio_assessment",
      targetId: row.id,
      details: { classId },
    });
    await recordEvent(tx, actor.districtId, "portfolio.assessment.created", [`class:${classId}`], { assessmentId: row.id, classId });
    return presentAssessment(row);
  });
}

/** A class's portfolio assessments, for its teachers and students. */
export async function listClassAssessments(db: Db, actor: Actor, classId: string) {
  const role = await classRole(db, actor, classId);
  if (!role.isTeacher && !role.isStudent) throw forbidden("Only the teachers and students of this class see its assessments");
  return (await repo.listAssessmentsOfClass(db, actor.districtId, classId)).map(presentAssessment);
}

/** The assessments of the student's classes, each with where the student stands. */
export async function listMyAssessments(db: Db, actor: Actor) {
  const rows = await repo.listAssessmentsForStudent(db, actor.districtId, actor.userId);
  return rows.map((r) => ({
    ...presentAssessment(r.assessment),
    className: r.className,
    status: r.status ?? ("not_submitted" as const),
    submissionId: r.submissionId,
  }));
}

/** Loads an assessment the actor's class role reaches; 404 otherwise. */
async function loadAssessment(db: Db, actor: Actor, assessmentId: string) {
  const assessment = await repo.findAssessment(db, actor.districtId, assessmentId);
  if (!assessment) throw notFound("Assessment");
  const role = await classRole(db, actor, assessment.classId).catch(() => null);
  if (!role || (!role.isTeacher && !role.isStudent)) throw notFound("Assessment");
  return { assessment, role };
}

/**
 * Renders what the student submits into a locked snapshot: each page's layout as sanitised HTML,
 * the metadata of the artifacts the pages show (only the student's own), their reflections, and
 * the files those artifacts hold (referenced; the files are kept while a snapshot holds them).
 */
async function buildSnapshot(
  db: Db,
  actor: Actor,
  submissionId: string,
  source: NonNullable<Awaited<ReturnType<typeof repo.findSourcePages>>>,
) {
  const layouts = source.pages.map((p) => p.layout as RenderLayout);
  const artifactIds = [...new Set(layouts.flatMap(artifactIdsOf))];
  const owned = await repo.listOwnedArtifacts(db, actor.districtId, actor.userId, artifactIds);
  const reflections = await repo.listReflections(
    db,
    actor.districtId,
    actor.userId,
    source.pages.map((p) => p.id),
    owned.map((a) => a.artifact.id),
  );
  const fileHref = (fileId: string) => `/api/portfolio/submissions/${submissionId}/files/${fileId}`;
  const render = new Map<string, RenderArtifact>(
    owned.map(({ artifact: a, file: f }) => [
      a.id,
      {
        id: a.id,
        kind: a.kind,
        title: a.title,
        description: a.description,
        body: a.body ?? a.source?.text ?? null,
        url: a.url,
        tags: a.tags,
        skills: a.skills,
        occurredOn: a.occurredOn,
        file: f
          ? {
              id: f.id,
              name: f.fileName,
              mediaType: f.mediaType,
              sizeBytes: f.sizeBytes,
              href: fileHref(f.id),
              image: f.inline && f.mediaType.startsWith("image/"),
            }
          : null,
      },
    ]),
  );
  const reflectionsOf = (target: { pageId?: string; artifactId?: string }) =>
    reflections
      .filter((r) => (target.pageId ? r.pageId === target.pageId : r.artifactId === target.artifactId))
      .map((r) => ({ promptText: r.promptText, body: r.body, createdAt: r.createdAt.toISOString() }));
  const snapshot: TSnapshot = {
    title: source.title,
    pages: source.pages.map((page) => ({
      id: page.id,
      title: page.title,
      html: renderLayout(page.layout as RenderLayout, render, () => null) + renderReflections(reflectionsOf({ pageId: page.id })),
    })),
    artifacts: owned.map(({ artifact: a, file: f }) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      description: a.description,
      tags: a.tags,
      url: a.url,
      file: f ? { id: f.id, name: f.fileName, mimeType: f.mediaType, size: f.sizeBytes } : null,
    })),
    reflections: reflections.map((r) => ({
      id: r.id,
      targetType: r.pageId ? "page" : "artifact",
      targetId: (r.pageId ?? r.artifactId)!,
      html: safeRichText(r.body),
      createdAt: r.createdAt.toISOString(),
    })),
  };
  const fileIds = owned.flatMap(({ file }) => (file ? [file.id] : []));
  return { snapshot, fileIds };
}

/** A student submits a page or collection (purpose "assessment") to an assessment of their class; the snapshot is locked. */
export async function submit(db: Db, actor: Actor, assessmentId: string, input: TSubmissionCreate) {
  const { assessment, role } = await loadAssessment(db, actor, assessmentId);
  if (!role.isStudent) throw forbidden("Only students of this class submit to its assessments");
  const source = await repo.findSourcePages(db, actor.districtId, actor.userId, input);
  const what = input.pageId ? "page" : "collection";
  if (!source) throw notFound(input.pageId ? "Page" : "Collection");
  if (source.purpose !== "assessment") {
    throw badRequest(`Set this ${what}'s purpose to "assessment" before you submit it`, [
      { path: input.pageId ? "pageId" : "collectionId", message: "Its purpose is not assessment" },
    ]);
  }
  if (source.pages.length === 0)
    throw badRequest("This collection has no pages yet: add your pages, then submit", [
      { path: "collectionId", message: "Empty collection" },
    ]);
  const existing = (await repo.listAssessmentsForStudent(db, actor.districtId, actor.userId)).find((r) => r.assessment.id === assessmentId);
  if (existing?.status && existing.status !== "submitted")
    throw conflict("Your teacher has already assessed this submission: it can no longer change");
  const submissionId = existing?.submissionId ?? randomUUID();
  const { snapshot, fileIds } = await buildSnapshot(db, actor, submissionId, source);
  const id = await db.transaction(async (tx) => {
    const saved = await repo.saveSubmission(
      tx,
      {
        id: submissionId,
        districtId: actor.districtId,
        assessmentId,
        studentId: actor.userId,
        sourceType: what,
        sourceId: (input.pageId ?? input.collectionId)!,
        snapshot,
      },
      fileIds,
    );
    if (!saved) throw conflict("Your teacher has already assessed this submission: it can no longer change");
    await recordEvent(tx, actor.districtId, "portfolio.submission.submitted", [`class:${assessment.classId}`], {
      submissionId: saved,
      assessmentId,
    });
    return saved;
  });
  return getSubmission(db, actor, id);
}

/** One submission: the student sees their own (with the result once returned); teachers of the class see all. */
export async function getSubmission(db: Db, actor: Actor, submissionId: string) {
  const row = await repo.findSubmission(db, actor.districtId, submissionId);
  if (!row) throw notFound("Submission");
  const isStudent = row.submission.studentId === actor.userId;
  const isTeacher = !isStudent && (await classRole(db, actor, row.classId).catch(() => null))?.isTeacher === true;
  if (!isStudent && !isTeacher) throw notFound("Submission");
  const rubric = await getRubric(db, actor.districtId, row.rubricId);
  const scores = await repo.listScores(db, submissionId);
  return presentSubmission(row, scores, rubric, isTeacher || row.submission.status === "returned");
}

/** Every student of the class and where they stand on this assessment, for its teachers. */
export async function listSubmissions(db: Db, actor: Actor, assessmentId: string) {
  const { assessment, role } = await loadAssessment(db, actor, assessmentId);
  if (!role.isTeacher) throw forbidden("Only a teacher of this class sees everyone's submissions");
  return (await repo.listSubmissionStatus(db, assessment.classId, assessmentId)).map(presentStatusRow);
}

/** A teacher of the class scores each criterion, comments, and (when asked) returns the result to the student. */
export async function assess(db: Db, actor: Actor, submissionId: string, input: TAssessInput) {
  const row = await repo.findSubmission(db, actor.districtId, submissionId);
  if (!row) throw notFound("Submission");
  const role = await classRole(db, actor, row.classId).catch(() => null);
  if (!role?.isTeacher) {
    if (row.submission.studentId === actor.userId || role?.isStudent) throw forbidden("Only a teacher of this class can assess");
    throw notFound("Submission");
  }
  const rubric = await getRubric(db, actor.districtId, row.rubricId);
  const { scores, problems } = checkScores(
    rubric.criteria.map((c) => ({ id: c.id, levels: c.levels })),
    input.scores,
  );
  if (problems.length > 0) throw badRequest("Some scores do not fit the rubric", problems);
  const totalPoints = sumPoints(scores.map((s) => s.points));
  await db.transaction(async (tx) => {
    await repo.saveAssessment(tx, row.submission, {
      scores,
      overallComment: input.overallComment,
      totalPoints,
      assessorId: actor.userId,
      returnToStudent: input.returnToStudent,
    });
    await audit(tx, actor, {
      action: input.returnToStudent ? "portfolio.submission.return" : "portfolio.submission.assess",
      targetType: "portfolio_submission",
      targetId: submissionId,
      details: { totalPoints },
    });
    if (input.returnToStudent) {
      await recordEvent(tx, actor.districtId, "portfolio.submission.returned", [`user:${row.submission.studentId}`], { submissionId });
    }
  });
  return getSubmission(db, actor, submissionId);
}

/** A file the snapshot holds, for the student and the class's teachers. */
export async function getSnapshotFile(db: Db, actor: Actor, submissionId: string, fileId: string) {
  await getSubmission(db, actor, submissionId);
  const file = await repo.findSnapshotFile(db, submissionId, fileId);
  if (!file) throw notFound("File");
  return file;
}
