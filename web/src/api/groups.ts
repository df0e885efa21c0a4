import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TAttributeInfo,
  TAttributeTable,
  TGroupLock,
  TGroupMove,
  TGroupRerun,
  TGroupSetCreate,
  TGroupSetDetail,
  TGroupSetSummary,
  TGroupSetUpdate,
  TMyGroup,
  TSignupView,
  TSurvey,
  TSurveyAnswer,
  TSurveyForStudent,
  TSurveySettings,
} from "@stoa/contracts";
import { api, request } from "./client";

/** Query keys of the groups area (kept here so the shared keys file stays small). */
export const groupKeys = {
  all: ["groups"] as const,
  sets: (classId: string) => ["groups", "sets", classId] as const,
  set: (setId: string) => ["groups", "set", setId] as const,
  signup: (setId: string) => ["groups", "signup", setId] as const,
  mine: ["groups", "mine"] as const,
  survey: (classId: string) => ["groups", "survey", classId] as const,
  mySurvey: (classId: string) => ["groups", "my-survey", classId] as const,
  catalogue: (classId: string) => ["groups", "catalogue", classId] as const,
  attributes: (classId: string) => ["groups", "attributes", classId] as const,
};

/** A class's group sets (students: published ones). */
export function useGroupSets(classId: string) {
  return useQuery({
    queryKey: groupKeys.sets(classId),
    queryFn: async ({ signal }) => (await api.get<TGroupSetSummary[]>(`/classes/${classId}/group-sets`, undefined, signal)).data,
  });
}

/** One set with groups, locks and scores (teachers and school admins); refetched on focus. */
export function useGroupSet(setId: string) {
  return useQuery({
    queryKey: groupKeys.set(setId),
    queryFn: ({ signal }) => api.get<TGroupSetDetail>(`/group-sets/${setId}`, undefined, signal),
  });
}

/** Creates a set in a class. */
export function useCreateGroupSet(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TGroupSetCreate) => (await api.post<TGroupSetDetail>(`/classes/${classId}/group-sets`, body)).data,
    onSuccess: () => client.invalidateQueries({ queryKey: groupKeys.sets(classId) }),
  });
}

type BoardAction =
  | { kind: "move"; body: TGroupMove }
  | { kind: "lock"; body: TGroupLock }
  | { kind: "rerun"; body: TGroupRerun }
  | { kind: "publish" | "unpublish"; body: { version: number } }
  | { kind: "update"; body: TGroupSetUpdate };

const actionPath: Record<BoardAction["kind"], string> = {
  move: "moves",
  lock: "locks",
  rerun: "rerun",
  publish: "publish",
  unpublish: "unpublish",
  update: "",
};

/** Every change on the result board; the answer is the updated set, put straight into the cache. */
export function useBoardAction(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: BoardAction) =>
      action.kind === "update"
        ? api.patch<TGroupSetDetail>(`/group-sets/${setId}`, action.body)
        : api.post<TGroupSetDetail>(`/group-sets/${setId}/${actionPath[action.kind]}`, action.body),
    onSuccess: async (answer) => {
      client.setQueryData(groupKeys.set(setId), answer);
      await client.invalidateQueries({ queryKey: groupKeys.sets(answer.data.classId) });
    },
  });
}

/** Deletes a set. */
export function useDeleteGroupSet(setId: string, classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.del<null>(`/group-sets/${setId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: groupKeys.sets(classId) }),
  });
}

/** A self-signup set as a student sees it; polled modestly so seats left stay fresh. */
export function useSignup(setId: string) {
  return useQuery({
    queryKey: groupKeys.signup(setId),
    queryFn: async ({ signal }) => (await api.get<TSignupView>(`/group-sets/${setId}/signup`, undefined, signal)).data,
    refetchInterval: 15_000,
  });
}

/** Joins (groupId) or leaves (null) a group of a self-signup set. */
export function useSignupChoice(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (groupId: string | null) =>
      (groupId
        ? await api.post<TSignupView>(`/group-sets/${setId}/join`, { groupId })
        : await api.post<TSignupView>(`/group-sets/${setId}/leave`)
      ).data,
    onSuccess: async (view) => {
      client.setQueryData(groupKeys.signup(setId), view);
      await client.invalidateQueries({ queryKey: groupKeys.mine });
    },
    onError: () => client.invalidateQueries({ queryKey: groupKeys.signup(setId) }),
  });
}

/** The student's own groups in published sets. */
export function useMyGroups() {
  return useQuery({
    queryKey: groupKeys.mine,
    queryFn: async ({ signal }) => (await api.get<TMyGroup[]>("/me/groups", undefined, signal)).data,
  });
}

/** The class survey's settings (teachers). */
export function useSurvey(classId: string) {
  return useQuery({
    queryKey: groupKeys.survey(classId),
    queryFn: async ({ signal }) => (await api.get<TSurvey>(`/classes/${classId}/group-survey`, undefined, signal)).data,
  });
}

/** Saves the survey's settings. */
export function useSaveSurvey(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TSurveySettings) => (await request<TSurvey>("PUT", `/classes/${classId}/group-survey`, { body })).data,
    onSuccess: (survey) => client.setQueryData(groupKeys.survey(classId), survey),
  });
}

/** The survey as a student sees it. */
export function useMySurvey(classId: string) {
  return useQuery({
    queryKey: groupKeys.mySurvey(classId),
    queryFn: async ({ signal }) => (await api.get<TSurveyForStudent>(`/classes/${classId}/group-survey/mine`, undefined, signal)).data,
    retry: false,
  });
}

/** Saves the student's answer. */
export function useAnswerSurvey(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TSurveyAnswer) =>
      (await request<TSurveyForStudent>("PUT", `/classes/${classId}/group-survey/mine`, { body })).data,
    onSuccess: (view) => client.setQueryData(groupKeys.mySurvey(classId), view),
  });
}

/** Attributes criteria can use, with coverage. */
export function useAttributeCatalogue(classId: string) {
  return useQuery({
    queryKey: groupKeys.catalogue(classId),
    queryFn: async ({ signal }) => (await api.get<TAttributeInfo[]>(`/classes/${classId}/group-attributes`, undefined, signal)).data,
  });
}

/** The class's attribute table. */
export function useAttributeTable(classId: string) {
  return useQuery({
    queryKey: groupKeys.attributes(classId),
    queryFn: async ({ signal }) => (await api.get<TAttributeTable>(`/classes/${classId}/student-attributes`, undefined, signal)).data,
  });
}

/** Pastes attributes as CSV (checked whole by the server first). */
export function useImportAttributes(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (csv: string) => (await api.post<TAttributeTable>(`/classes/${classId}/student-attributes/csv`, { csv })).data,
    onSuccess: async (table) => {
      client.setQueryData(groupKeys.attributes(classId), table);
      await client.invalidateQueries({ queryKey: groupKeys.catalogue(classId) });
    },
  });
}
