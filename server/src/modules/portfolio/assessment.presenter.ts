import type { TAssessment, TRubric, TSnapshot, TPortfolioSubmission, TSubmissionStatusRow } from "@stoa/contracts";
import type { portfolioAssessments, portfolioSubmissionScores } from "../../db/schema/index.js";
import type { SubmissionRow } from "./assessment.repository.js";
import { fromHundredths, toHundredths } from "./rubrics.points.js";

const exact = (points: string) => fromHundredths(toHundredths(points));

/** An assessment a teacher set. */
export function presentAssessment(row: typeof portfolioAssessments.$inferSelect): TAssessment {
  return {
    id: row.id,
    classId: row.classId,
    title: row.title,
    instructions: row.instructions,
    rubricId: row.rubricId,
    dueAt: row.dueAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A submission; the result only when the caller may see it (teachers always, the student once returned). */
export function presentSubmission(
  row: SubmissionRow,
  scores: (typeof portfolioSubmissionScores.$inferSelect)[],
  rubric: TRubric,
  showResult: boolean,
): TPortfolioSubmission {
  const maxPoints = rubric.maxPoints;
  const s = row.submission;
  const assessed = s.status !== "submitted";
  return {
    id: s.id,
    assessmentId: s.assessmentId,
    student: { id: s.studentId, name: row.studentName },
    status: s.status,
    submittedAt: s.submittedAt.toISOString(),
    rubric,
    snapshot: s.snapshot as unknown as TSnapshot,
    result:
      showResult && assessed
        ? {
            scores: scores.map((x) => ({ criterionId: x.criterionId, levelId: x.levelId, points: exact(x.points), comment: x.comment })),
            overallComment: s.overallComment ?? "",
            totalPoints: exact(s.totalPoints ?? "0"),
            maxPoints,
            assessedBy: s.assessedBy && row.assessorName ? { id: s.assessedBy, name: row.assessorName } : null,
            assessedAt: s.assessedAt?.toISOString() ?? null,
            returnedAt: s.returnedAt?.toISOString() ?? null,
          }
        : null,
  };
}

/** One student's line in the teacher's list. */
export function presentStatusRow(row: {
  studentId: string;
  studentName: string;
  submissionId: string | null;
  status: "submitted" | "assessed" | "returned" | null;
  submittedAt: Date | null;
  totalPoints: string | null;
}): TSubmissionStatusRow {
  return {
    student: { id: row.studentId, name: row.studentName },
    status: row.status ?? "not_submitted",
    submissionId: row.submissionId,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    totalPoints: row.totalPoints === null ? null : exact(row.totalPoints),
  };
}
