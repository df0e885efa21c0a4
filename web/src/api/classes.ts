import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TClassCreate,
  TClassQuery,
  TClassSummary,
  TClassUpdate,
  TEnrolmentCreate,
  TResetPasswordRequest,
  TRosterEntry,
} from "@stoa/contracts";
import { api, type Query } from "./client";
import { keys } from "./keys";
import type { Paged } from "./types";

export type ClassQuery = Partial<TClassQuery>;

/** The caller's classes (their own, or those in reach for admins), one page at a time. */
export function useClasses(query: ClassQuery) {
  const q = query as Query;
  return useQuery({
    queryKey: keys.classes(q),
    queryFn: async ({ signal }) => (await api.get<Paged<TClassSummary>>("/classes", q, signal)).data,
    placeholderData: keepPreviousData,
  });
}

/** One class with the caller's policies on it. */
export function useClass(id: string) {
  return useQuery({ queryKey: keys.class(id), queryFn: ({ signal }) => api.get<TClassSummary>(`/classes/${id}`, undefined, signal) });
}

/** The members of a class (students see names only). */
export function useRoster(id: string) {
  return useQuery({
    queryKey: keys.roster(id),
    queryFn: ({ signal }) => api.get<TRosterEntry[]>(`/classes/${id}/roster`, undefined, signal),
  });
}

/** Creates a class. */
export function useCreateClass() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TClassCreate) => (await api.post<TClassSummary>("/classes", body)).data,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.classes() }),
  });
}

/** Changes a class's details or status. */
export function useUpdateClass(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TClassUpdate) => (await api.patch<TClassSummary>(`/classes/${id}`, body)).data,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.class(id) });
      await client.invalidateQueries({ queryKey: keys.classes() });
    },
  });
}

/** Enrols a person in a class and refreshes the roster. */
export function useEnrol(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TEnrolmentCreate) => {
      await api.post<unknown>(`/classes/${classId}/enrolments`, body);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.class(classId) }),
  });
}

/** Removes a person from a class. */
export function useUnenrol(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => {
      await api.del<unknown>(`/classes/${classId}/enrolments/${userId}`);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.class(classId) }),
  });
}

/** Sets a new password for a person (an admin, or a teacher for their student). */
export function useResetPassword() {
  return useMutation({
    mutationFn: async ({ userId, ...body }: TResetPasswordRequest & { userId: string }) => {
      await api.post<unknown>(`/people/${userId}/password`, body);
    },
  });
}
