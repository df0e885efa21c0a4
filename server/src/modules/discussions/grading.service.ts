import { stringify } from "csv-stringify/sync";
import type { TGradeSave, TGradingSheet, TGradingStudent, TMyDiscussionGrade } from "@stoa/contracts";
import { ZGradeSave } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import { guardCell } from "../../platform/csv.js";
import { recordEvent } from "../../platform/events.js";
import { canModerate } from "./moderation.policy.js";
import * as moderationRepo from "./moderation.repository.js";
import { boardRelation, requireThreadForTeacher } from "./moderation.service.js";
import { normalisePoints, toHundredths } from "./grading.points.js";
import * as repo from "./grading.repository.js";

const onlyTeachers = "Only the class's teachers can grade its discussions.";

/** Turns graded discussion on with the most points, or off (null). Marks above a new maximum, or any marks when turning off, are a conflict. */
export async function setGrading(db: Db, actor: Actor, threadId: string, maxPoints: string | null): Promise<{ maxPoints: string | null }> {
  return db.transaction(async (tx) => {
    const { ctx, relation } = await requireThreadForTeacher(tx, actor, threadId);
    if (!canModerate(relation)) throw forbidden(onlyTeachers);
    if (maxPoints !== null && toHundredths(maxPoints) === 0)
      throw badRequest("The most points must be more than 0.", [{ path: "maxPoints", message: "must be more than 0" }]);
    const summary = await repo.gradeSummary(tx, threadId);
    if (maxPoints === null && summary.count > 0)
      throw conflict(
        `${summary.count} student(s) already have a mark in this thread. Keep it graded, or ask an administrator to remove the marks first.`,
      );
    if (maxPoints !== null && summary.highest !== null && toHundredths(summary.highest) > toHundredths(maxPoints))
      throw conflict(
        `A student already has ${normalisePoints(summary.highest)} points. Choose a maximum of at least that, or lower that mark first.`,
        [{ path: "maxPoints", message: `must be at least ${normalisePoints(summary.highest)}` }],
      );
    const stored = maxPoints === null ? null : normalisePoints(maxPoints);
    await repo.setGradedMax(tx, threadId, stored);
    await recordEvent(tx, actor.districtId, "discussion.thread_updated", [`thread:${threadId}`, `board:${ctx.board.id}`], {
      boardId: ctx.board.id,
      threadId,
    });
    await audit(tx, actor, {
      action: "discussion.grading_set",
      targetType: "discussion_thread",
      targetId: threadId,
      details: { maxPoints: stored },
    });
    return { maxPoints: stored };
  });
}

/** Every student of the board with all their posts in the thread side by side, and their mark. */
export async function getGradingSheet(db: Db, actor: Actor, threadId: string): Promise<TGradingSheet> {
  const { ctx } = await requireThreadForTeacher(db, actor, threadId);
  const [participants, posts, grades] = [
    await repo.listParticipants(db, ctx.board, threadId),
    await repo.listThreadPosts(db, threadId),
    await repo.listGrades(db, threadId),
  ];
  const gradeOf = new Map(grades.map((g) => [g.grade.studentId, g]));
  const students: TGradingStudent[] = participants.map((p) => {
    const g = gradeOf.get(p.id);
    return {
      student: { id: p.id, name: p.name },
      posts: posts
        .filter((post) => post.authorId === p.id)
        .map((post) => ({
          id: post.id,
          parentId: post.parentId,
          replyTo: post.replyTo,
          body: post.body,
          createdAt: post.createdAt.toISOString(),
          status: post.status,
          hidden: post.hiddenAt !== null,
          deleted: post.deletedAt !== null,
        })),
      grade: g
        ? {
            points: normalisePoints(g.grade.points),
            comment: g.grade.comment,
            gradedAt: g.grade.gradedAt.toISOString(),
            gradedBy: g.graderName,
          }
        : null,
    };
  });
  const max = ctx.thread.gradedMaxPoints;
  return {
    thread: {
      id: ctx.thread.id,
      title: ctx.thread.title,
      boardId: ctx.board.id,
      boardTitle: ctx.board.title,
      className: ctx.classTitle,
      maxPoints: max === null ? null : normalisePoints(max),
    },
    students,
  };
}

/** Saves one student's mark and comment (0..max, exact), audited with the mark it replaced. */
export async function saveGrade(db: Db, actor: Actor, threadId: string, studentId: string, input: TGradeSave) {
  const { points, comment } = ZGradeSave.parse(input);
  return db.transaction(async (tx) => {
    const { ctx, relation } = await requireThreadForTeacher(tx, actor, threadId);
    if (!canModerate(relation)) throw forbidden(onlyTeachers);
    const max = ctx.thread.gradedMaxPoints;
    if (max === null) throw badRequest("This thread is not graded. Set it as graded with the most points first.");
    if (toHundredths(points) > toHundredths(max))
      throw badRequest(`Points must be between 0 and ${normalisePoints(max)}.`, [
        { path: "points", message: `must be at most ${normalisePoints(max)}` },
      ]);
    const participants = await repo.listParticipants(tx, ctx.board, threadId);
    if (!participants.some((p) => p.id === studentId)) throw notFound("Student in this discussion");
    const before = await repo.findGrade(tx, threadId, studentId);
    const saved = await repo.upsertGrade(tx, { threadId, studentId, points: normalisePoints(points), comment, gradedBy: actor.userId });
    await audit(tx, actor, {
      action: "discussion.grade_saved",
      targetType: "discussion_thread",
      targetId: threadId,
      details: { studentId, points: saved.points, before: before ? { points: before.points, comment: before.comment } : null },
    });
    await recordEvent(tx, actor.districtId, "discussion.grade_saved", [`user:${studentId}`], { threadId });
    return { points: normalisePoints(saved.points), comment: saved.comment, gradedAt: saved.gradedAt.toISOString() };
  });
}

/** The marks as CSV (every cell guarded against spreadsheet formulas). */
export async function gradesCsv(db: Db, actor: Actor, threadId: string): Promise<{ filename: string; csv: string }> {
  const sheet = await getGradingSheet(db, actor, threadId);
  const header = ["Student", "Points", "Most points", "Comment", "Posts", "Graded at"];
  const rows = sheet.students.map((s) => [
    s.student.name,
    s.grade?.points ?? "",
    sheet.thread.maxPoints ?? "",
    s.grade?.comment ?? "",
    String(s.posts.filter((p) => !p.deleted).length),
    s.grade?.gradedAt ?? "",
  ]);
  const csv = stringify(
    [header, ...rows].map((r) => r.map(guardCell)),
    { record_delimiter: "\r\n" },
  );
  const safeTitle =
    sheet.thread.title
      .replace(/[^a-zA-Z0-9 _-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 60) || "discussion";
  return { filename: `discussion-marks-${safeTitle}.csv`, csv };
}

/** The caller's own mark in a thread (students); null for everyone else and before marking. */
export async function getMyGrade(db: Db, actor: Actor, threadId: string): Promise<TMyDiscussionGrade> {
  const ctx = await moderationRepo.findThreadContext(db, actor.districtId, threadId);
  if (!ctx) throw notFound("Thread");
  const relation = await boardRelation(db, actor, ctx);
  if (relation === null) throw notFound("Thread");
  const max = ctx.thread.gradedMaxPoints === null ? null : normalisePoints(ctx.thread.gradedMaxPoints);
  if (relation !== "member" || max === null) return { maxPoints: max, grade: null };
  const g = await repo.findGrade(db, threadId, actor.userId);
  return {
    maxPoints: max,
    grade: g ? { points: normalisePoints(g.points), comment: g.comment, gradedAt: g.gradedAt.toISOString() } : null,
  };
}
