import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TGroupMarkInput, TMarkOverrideInput, TRatingForm, TRatingsSubmit, TTaskOverview } from "@stoa/contracts";
import { api, apiUrl, request } from "./client";

/** Query keys of peer assessment (kept here so the shared keys file stays small). */
export const peerKeys = {
  all: (taskId: string) => ["peer", taskId] as const,
  form: (taskId: string) => ["peer", taskId, "form"] as const,
  overview: (taskId: string, raw: boolean) => ["peer", taskId, "overview", raw] as const,
};

/** A student's rating form: teammates, criteria, scale and their own ratings. */
export function useRatingForm(taskId: string) {
  return useQuery({
    queryKey: peerKeys.form(taskId),
    queryFn: async ({ signal }) => (await api.get<TRatingForm>(`/tasks/${taskId}/peer/form`, undefined, signal)).data,
  });
}

/** Sends the student's ratings of their whole group. */
export function useSubmitRatings(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TRatingsSubmit) => (await request<TRatingForm>("PUT", `/tasks/${taskId}/peer/ratings`, { body })).data,
    onSuccess: (form) => client.setQueryData(peerKeys.form(taskId), form),
  });
}

/** The teacher's overview; refetched on focus and every minute, since students rate meanwhile. */
export function useTaskOverview(taskId: string, raw: boolean) {
  return useQuery({
    queryKey: peerKeys.overview(taskId, raw),
    queryFn: async ({ signal }) =>
      (await api.get<TTaskOverview>(`/tasks/${taskId}/peer/overview`, { raw: raw ? "true" : undefined }, signal)).data,
    refetchOnWindowFocus: true,
    refetchInterval: 60_000,
  });
}

/** Enters or changes a group's mark. */
export function useSetGroupMark(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ groupId, ...body }: TGroupMarkInput & { groupId: string }) =>
      request("PUT", `/tasks/${taskId}/peer/groups/${groupId}/mark`, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: peerKeys.all(taskId) }),
  });
}

/** Overrides one student's mark with a reason. */
export function useOverrideMark(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, ...body }: TMarkOverrideInput & { userId: string }) =>
      request("PUT", `/tasks/${taskId}/peer/overrides/${userId}`, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: peerKeys.all(taskId) }),
  });
}

/** Removes an override. */
export function useClearOverride(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => api.del(`/tasks/${taskId}/peer/overrides/${userId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: peerKeys.all(taskId) }),
  });
}

/** The address of the marks CSV (a plain download link; the session cookie goes with it). */
export const marksCsvUrl = (taskId: string, raw: boolean) => apiUrl(`/tasks/${taskId}/peer/marks.csv`, { raw: raw ? "true" : undefined });
