import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TAssessInput,
  TAssessment,
  TAssessmentCreate,
  TCommentCreate,
  TCommentList,
  TCommentModerate,
  TFeedbackRequestCreate,
  TFeedbackRequestLists,
  TMyAssessment,
  TPortfolioComment,
  TRubric,
  TRubricCreate,
  TPortfolioSubmission,
  TSubmissionStatusRow,
} from "@stoa/contracts";
import { api, request } from "./client";
import { invalidator, portfolioKeys } from "./portfolio";

// Portfolio feedback (comments, peer requests) and assessment (rubrics, submissions), served by
// the feedback and assessment routes; the core portfolio hooks are in ./portfolio.
const base = "/portfolio";

// ---------- feedback (comments, requests) ----------

/** The comment thread on a page or an artifact. */
export function useComments(type: "page" | "artifact", id: string) {
  return useQuery({
    queryKey: portfolioKeys.comments(type, id),
    queryFn: async ({ signal }) => (await api.get<TCommentList>(`${base}/${type}s/${id}/comments`, undefined, signal)).data,
  });
}

/** Adds a comment or a reply. */
export function useCreateComment(type: "page" | "artifact", id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TCommentCreate) => (await api.post<TPortfolioComment>(`${base}/${type}s/${id}/comments`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.comments(type, id), portfolioKeys.feedbackRequests),
  });
}

/** Resolves or hides a comment (the owner), or undoes either. */
export function useModerateComment(type: "page" | "artifact", id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ commentId, ...body }: TCommentModerate & { commentId: string }) =>
      (await api.patch<TPortfolioComment>(`${base}/comments/${commentId}`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.comments(type, id)),
  });
}

/** Feedback requests the caller made and those made to them. */
export function useFeedbackRequests() {
  return useQuery({
    queryKey: portfolioKeys.feedbackRequests,
    queryFn: async ({ signal }) => (await api.get<TFeedbackRequestLists>(`${base}/feedback-requests`, undefined, signal)).data,
  });
}

/** Asks classmates for feedback on a page with guiding questions. */
export function useCreateFeedbackRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TFeedbackRequestCreate) => (await api.post<unknown>(`${base}/feedback-requests`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.feedbackRequests),
  });
}

// ---------- assessment ----------

/** A class's rubrics (teacher). */
export function useRubrics(classId: string, enabled = true) {
  return useQuery({
    queryKey: portfolioKeys.rubrics(classId),
    queryFn: async ({ signal }) => (await api.get<TRubric[]>(`/classes/${classId}/portfolio/rubrics`, undefined, signal)).data,
    enabled,
  });
}

/** Creates a rubric for a class. */
export function useCreateRubric(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TRubricCreate) => (await api.post<TRubric>(`/classes/${classId}/portfolio/rubrics`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.rubrics(classId)),
  });
}

/** A class's portfolio assessments (teacher and students of the class). */
export function useAssessments(classId: string) {
  return useQuery({
    queryKey: portfolioKeys.assessments(classId),
    queryFn: async ({ signal }) => (await api.get<TAssessment[]>(`/classes/${classId}/portfolio/assessments`, undefined, signal)).data,
  });
}

/** Sets a portfolio assessment for a class. */
export function useCreateAssessment(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TAssessmentCreate) => (await api.post<TAssessment>(`/classes/${classId}/portfolio/assessments`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.assessments(classId)),
  });
}

/** An assessment of one of the student's classes, with their own submission's status (className when the server sends it). */
export type MyAssessment = TMyAssessment & { className?: string };

/** The student's assessments across their classes, with their submissions and results. */
export function useMyAssessments() {
  return useQuery({
    queryKey: portfolioKeys.myAssessments,
    queryFn: async ({ signal }) => (await api.get<MyAssessment[]>(`${base}/assessments`, undefined, signal)).data,
  });
}

/** Submits a page or a collection to an assessment (locks a snapshot). */
export function useSubmit(assessmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { pageId?: string; collectionId?: string }) =>
      (await api.post<TPortfolioSubmission>(`${base}/assessments/${assessmentId}/submissions`, body)).data,
    onSuccess: invalidator(client, portfolioKeys.myAssessments),
  });
}

/** Every student of the class with their submission status (teacher). */
export function useClassSubmissions(assessmentId: string) {
  return useQuery({
    queryKey: portfolioKeys.classSubmissions(assessmentId),
    queryFn: async ({ signal }) =>
      (await api.get<TSubmissionStatusRow[]>(`${base}/assessments/${assessmentId}/submissions`, undefined, signal)).data,
  });
}

/** One submission: the locked snapshot and, when visible to the caller, the result. */
export function useSubmission(id: string) {
  return useQuery({
    queryKey: portfolioKeys.submission(id),
    queryFn: async ({ signal }) => (await api.get<TPortfolioSubmission>(`${base}/submissions/${id}`, undefined, signal)).data,
  });
}

/** Saves the teacher's assessment of a submission. */
export function useAssess(submissionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TAssessInput) =>
      (await request<TPortfolioSubmission>("PUT", `${base}/submissions/${submissionId}/assessment`, { body })).data,
    onSuccess: (submission) => {
      client.setQueryData(portfolioKeys.submission(submissionId), submission);
      void client.invalidateQueries({ queryKey: portfolioKeys.all });
    },
  });
}
