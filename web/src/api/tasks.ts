import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type {
  TCard,
  TCardCreate,
  TCardLogEntry,
  TCharter,
  TCharterUpdate,
  TContribution,
  TGroupSetSummary,
  TGroupSpace,
  TGroupTaskSummary,
  TMyTask,
  TRoleAccept,
  TRoleProposal,
  TSubmission,
  TSubmissionSave,
  TSubmissionVersion,
  TSubmissionVersionBody,
  TTask,
  TTaskCreate,
  TTaskRoleAssignment,
  TTaskUpdate,
  TCardUpdate,
} from "@stoa/contracts";
import { api, request } from "./client";
import { uploadFile } from "./upload";

/** Query keys of group tasks (kept here so the shared keys file stays small). */
export const taskKeys = {
  all: ["tasks"] as const,
  ofClass: (classId: string) => ["tasks", "class", classId] as const,
  mine: ["tasks", "mine"] as const,
  task: (taskId: string) => ["tasks", "task", taskId] as const,
  summaries: (taskId: string) => ["tasks", "task", taskId, "summaries"] as const,
  space: (taskId: string, groupId: string) => ["tasks", "space", taskId, groupId] as const,
  cardLog: (taskId: string, groupId: string) => ["tasks", "space", taskId, groupId, "log"] as const,
  versions: (taskId: string, groupId: string) => ["tasks", "space", taskId, groupId, "versions"] as const,
  contributions: (taskId: string, groupId: string) => ["tasks", "space", taskId, groupId, "contributions"] as const,
  sets: (classId: string) => ["tasks", "sets", classId] as const,
};

/** Changes in a group space show up for the other members on refresh; until real-time arrives, poll modestly. */
const spacePollMs = 20_000;

/** A class's group tasks (students: their own) with the caller's policies. */
export function useClassTasks(classId: string) {
  return useQuery({
    queryKey: taskKeys.ofClass(classId),
    queryFn: ({ signal }) => api.get<TTask[]>(`/classes/${classId}/tasks`, undefined, signal),
  });
}

/** A student's group tasks across classes. */
export function useMyTasks() {
  return useQuery({
    queryKey: taskKeys.mine,
    queryFn: async ({ signal }) => (await api.get<TMyTask[]>("/tasks/mine", undefined, signal)).data,
  });
}

/** One task with the caller's group. */
export function useTask(taskId: string) {
  return useQuery({
    queryKey: taskKeys.task(taskId),
    queryFn: ({ signal }) => api.get<{ task: TTask; myGroup: { id: string; name: string } | null }>(`/tasks/${taskId}`, undefined, signal),
  });
}

/** Per-group progress of a task (teachers). */
export function useTaskSummaries(taskId: string, enabled = true) {
  return useQuery({
    queryKey: taskKeys.summaries(taskId),
    queryFn: async ({ signal }) => (await api.get<TGroupTaskSummary[]>(`/tasks/${taskId}/summaries`, undefined, signal)).data,
    enabled,
    refetchInterval: spacePollMs * 3,
  });
}

/** The class's group sets, to choose one for a task. */
export function useClassGroupSets(classId: string) {
  return useQuery({
    queryKey: taskKeys.sets(classId),
    queryFn: async ({ signal }) => (await api.get<TGroupSetSummary[]>(`/classes/${classId}/group-sets`, undefined, signal)).data,
  });
}

/** Creates a task. */
export function useCreateTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TTaskCreate) => (await api.post<TTask>("/tasks", body)).data,
    onSuccess: () => client.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

/** Edits a task's settings (409 when someone else saved first). */
export function useUpdateTask(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TTaskUpdate) => (await request<TTask>("PUT", `/tasks/${taskId}`, { body })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

/** Archives a task. */
export function useArchiveTask(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.del(`/tasks/${taskId}`);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

/** A group's space; refetched on focus and every 20 s so members see each other's changes. */
export function useGroupSpace(taskId: string, groupId: string) {
  return useQuery({
    queryKey: taskKeys.space(taskId, groupId),
    queryFn: async ({ signal }) => (await api.get<TGroupSpace>(`/tasks/${taskId}/groups/${groupId}`, undefined, signal)).data,
    refetchInterval: spacePollMs,
    refetchOnWindowFocus: true,
  });
}

/** The board's change log. */
export function useCardLog(taskId: string, groupId: string, enabled: boolean) {
  return useQuery({
    queryKey: taskKeys.cardLog(taskId, groupId),
    queryFn: async ({ signal }) => (await api.get<TCardLogEntry[]>(`/tasks/${taskId}/groups/${groupId}/cards-log`, undefined, signal)).data,
    enabled,
  });
}

/** The submission's version history. */
export function useSubmissionVersions(taskId: string, groupId: string, enabled: boolean) {
  return useQuery({
    queryKey: taskKeys.versions(taskId, groupId),
    queryFn: async ({ signal }) =>
      (await api.get<TSubmissionVersion[]>(`/tasks/${taskId}/groups/${groupId}/submission/versions`, undefined, signal)).data,
    enabled,
  });
}

/** One older version of the submission. */
export function useSubmissionVersion(taskId: string, groupId: string, version: number | null) {
  return useQuery({
    queryKey: [...taskKeys.versions(taskId, groupId), version],
    queryFn: async ({ signal }) =>
      (await api.get<TSubmissionVersionBody>(`/tasks/${taskId}/groups/${groupId}/submission/versions/${version}`, undefined, signal)).data,
    enabled: version !== null,
  });
}

/** The group's contribution record. */
export function useContributions(taskId: string, groupId: string) {
  return useQuery({
    queryKey: taskKeys.contributions(taskId, groupId),
    queryFn: async ({ signal }) =>
      (await api.get<TContribution[]>(`/tasks/${taskId}/groups/${groupId}/contributions`, undefined, signal)).data,
    refetchInterval: spacePollMs * 3,
  });
}

const refreshSpace = (client: QueryClient, taskId: string, groupId: string) =>
  client.invalidateQueries({ queryKey: taskKeys.space(taskId, groupId) });

/** Every change to a group space, as mutations that refresh the space afterwards (also after a 409, to show the other version). */
export function useSpaceActions(taskId: string, groupId: string) {
  const client = useQueryClient();
  const base = `/tasks/${taskId}/groups/${groupId}`;
  const settle = () => refreshSpace(client, taskId, groupId);
  return {
    proposeRole: useMutation({
      mutationFn: async (body: TRoleProposal) => (await api.post<TTaskRoleAssignment[]>(`${base}/roles`, body)).data,
      onSettled: settle,
    }),
    acceptRole: useMutation({
      mutationFn: async (body: TRoleAccept) => (await api.post<TTaskRoleAssignment[]>(`${base}/roles/accept`, body)).data,
      onSettled: settle,
    }),
    saveCharter: useMutation({
      mutationFn: async (body: TCharterUpdate) => (await request<TCharter>("PUT", `${base}/charter`, { body })).data,
      onSettled: settle,
    }),
    signCharter: useMutation({
      mutationFn: async (version: number) => (await api.post<TCharter>(`${base}/charter/sign`, { version })).data,
      onSettled: settle,
    }),
    createCard: useMutation({
      mutationFn: async (body: TCardCreate) => (await api.post<TCard>(`${base}/cards`, body)).data,
      onSettled: settle,
    }),
    updateCard: useMutation({
      mutationFn: async ({ cardId, ...body }: TCardUpdate & { cardId: string }) =>
        (await api.patch<TCard>(`${base}/cards/${cardId}`, body)).data,
      onSettled: settle,
    }),
    deleteCard: useMutation({
      mutationFn: async ({ cardId, version }: { cardId: string; version: number }) => {
        await request("DELETE", `${base}/cards/${cardId}`, { query: { version } });
      },
      onSettled: settle,
    }),
    saveSubmission: useMutation({
      mutationFn: async (body: TSubmissionSave) => (await request<TSubmission>("PUT", `${base}/submission`, { body })).data,
      onSettled: settle,
    }),
    submit: useMutation({ mutationFn: async () => (await api.post<TSubmission>(`${base}/submission/submit`)).data, onSettled: settle }),
    unsubmit: useMutation({ mutationFn: async () => (await api.post<TSubmission>(`${base}/submission/unsubmit`)).data, onSettled: settle }),
    uploadFile: useMutation({
      mutationFn: async (file: File) => (await uploadFile<TSubmission>(`${base}/submission/files`, file, () => undefined)).data,
      onSettled: settle,
    }),
    removeFile: useMutation({
      mutationFn: async (fileId: string) => (await api.del<TSubmission>(`${base}/submission/files/${fileId}`)).data,
      onSettled: settle,
    }),
  };
}

/** The download address of a submission file (served as an attachment). */
export const submissionFileUrl = (taskId: string, groupId: string, fileId: string) =>
  `/api/tasks/${taskId}/groups/${groupId}/submission/files/${fileId}`;

/** Sends an activity heartbeat (fire and forget: a lost beat only undercounts). */
export async function sendHeartbeat(taskId: string, groupId: string): Promise<void> {
  await api.post(`/tasks/${taskId}/groups/${groupId}/activity`);
}
