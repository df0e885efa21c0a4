import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TApprovalPage,
  TGradeSave,
  TGradingSheet,
  TMyDiscussionGrade,
  TReportReceipt,
  TReportsPage,
  TTeacherTools,
} from "@stoa/contracts";
import { api, apiUrl, request } from "./client";

/** Query keys of the discussion teacher tools. */
export const moderationKeys = {
  all: ["discussion-moderation"] as const,
  approvals: (boardId: string | undefined, page: number) => ["discussion-moderation", "approvals", boardId ?? "all", page] as const,
  reports: (boardId: string | undefined, status: string, page: number) => ["discussion-moderation", "reports", boardId ?? "all", status, page] as const,
  boardTools: (boardId: string) => ["discussion-moderation", "board", boardId] as const,
  threadTools: (threadId: string) => ["discussion-moderation", "thread", threadId] as const,
  grading: (threadId: string) => ["discussion-moderation", "grading", threadId] as const,
  myGrade: (threadId: string) => ["discussion-moderation", "my-grade", threadId] as const,
};

/** The discussions core's queries that change when a post is approved or hidden. */
const discussionsRoot = ["discussions"] as const;

/** Pending posts across the caller's classes (optionally one board). */
export function useApprovals(boardId: string | undefined, page: number) {
  return useQuery({
    queryKey: moderationKeys.approvals(boardId, page),
    queryFn: async ({ signal }) => (await api.get<TApprovalPage>("/discussions/approvals", { boardId, page, pageSize: 25 }, signal)).data,
  });
}

/** Reports across the caller's classes. */
export function useReports(boardId: string | undefined, status: "open" | "resolved", page: number) {
  return useQuery({
    queryKey: moderationKeys.reports(boardId, status, page),
    queryFn: async ({ signal }) => (await api.get<TReportsPage>("/discussions/reports", { boardId, status, page, pageSize: 25 }, signal)).data,
  });
}

/** What a board's teacher links show. */
export function useBoardTeacherTools(boardId: string) {
  return useQuery({
    queryKey: moderationKeys.boardTools(boardId),
    queryFn: async ({ signal }) => (await api.get<TTeacherTools>(`/discussions/boards/${boardId}/teacher-tools`, undefined, signal)).data,
    retry: false,
  });
}

/** What a thread's teacher links show. */
export function useThreadTeacherTools(threadId: string) {
  return useQuery({
    queryKey: moderationKeys.threadTools(threadId),
    queryFn: async ({ signal }) => (await api.get<TTeacherTools>(`/discussions/threads/${threadId}/teacher-tools`, undefined, signal)).data,
    retry: false,
  });
}

/** Invalidates everything that a moderation action changes. */
function useRefreshAfterModeration() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: moderationKeys.all }), client.invalidateQueries({ queryKey: discussionsRoot })]);
}

/** Approves a waiting post. */
export function useApprovePost() {
  const refresh = useRefreshAfterModeration();
  return useMutation({
    mutationFn: async (postId: string) => (await api.post<{ id: string }>(`/discussions/posts/${postId}/approve`)).data,
    onSuccess: refresh,
  });
}

/** Rejects a waiting post with a reason. */
export function useRejectPost() {
  const refresh = useRefreshAfterModeration();
  return useMutation({
    mutationFn: async ({ postId, reason }: { postId: string; reason: string }) =>
      (await api.post<{ id: string }>(`/discussions/posts/${postId}/reject`, { reason })).data,
    onSuccess: refresh,
  });
}

/** Reports a post to the teachers. */
export function useReportPost() {
  return useMutation({
    mutationFn: async ({ postId, reason }: { postId: string; reason: string }) =>
      (await api.post<TReportReceipt>(`/discussions/posts/${postId}/reports`, { reason })).data,
  });
}

/** Hides a reported post with a reason. */
export function useHideReportedPost() {
  const refresh = useRefreshAfterModeration();
  return useMutation({
    mutationFn: async ({ reportId, reason }: { reportId: string; reason: string }) =>
      (await api.post<{ resolved: number }>(`/discussions/reports/${reportId}/hide`, { reason })).data,
    onSuccess: refresh,
  });
}

/** Dismisses a report. */
export function useDismissReport() {
  const refresh = useRefreshAfterModeration();
  return useMutation({
    mutationFn: async (reportId: string) => (await api.post<{ resolved: number }>(`/discussions/reports/${reportId}/dismiss`)).data,
    onSuccess: refresh,
  });
}

/** Each student's posts and mark in a thread. */
export function useGradingSheet(threadId: string) {
  return useQuery({
    queryKey: moderationKeys.grading(threadId),
    queryFn: async ({ signal }) => (await api.get<TGradingSheet>(`/discussions/threads/${threadId}/grading`, undefined, signal)).data,
  });
}

/** Makes a thread graded (most points) or not. */
export function useSetGrading(threadId: string) {
  const refresh = useRefreshAfterModeration();
  return useMutation({
    mutationFn: async (maxPoints: string | null) =>
      (await request<{ maxPoints: string | null }>("PUT", `/discussions/threads/${threadId}/grading`, { body: { maxPoints } })).data,
    onSuccess: refresh,
  });
}

/** Saves one student's mark. */
export function useSaveGrade(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ studentId, ...body }: TGradeSave & { studentId: string }) =>
      (await request<{ points: string; comment: string; gradedAt: string }>("PUT", `/discussions/threads/${threadId}/grades/${studentId}`, { body }))
        .data,
    onSuccess: () => client.invalidateQueries({ queryKey: moderationKeys.grading(threadId) }),
  });
}

/** The caller's own mark in a thread. */
export function useMyDiscussionGrade(threadId: string) {
  return useQuery({
    queryKey: moderationKeys.myGrade(threadId),
    queryFn: async ({ signal }) => (await api.get<TMyDiscussionGrade>(`/discussions/threads/${threadId}/my-grade`, undefined, signal)).data,
    retry: false,
  });
}

/** Download links. */
export const gradesCsvUrl = (threadId: string) => apiUrl(`/discussions/threads/${threadId}/grades.csv`);
export const threadExportUrl = (threadId: string) => apiUrl(`/discussions/threads/${threadId}/export.html`);
