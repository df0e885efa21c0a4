import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TPeopleQuery, TPerson, TPersonCreate, TPersonDetail, TPersonUpdate, TRoleGrant } from "@stoa/contracts";
import { api, type Query } from "./client";
import { keys } from "./keys";
import type { Paged } from "./types";

export type PeopleQuery = Partial<TPeopleQuery>;

/** People in the caller's reach, filtered and paged. */
export function usePeople(query: PeopleQuery, enabled = true) {
  const q = query as Query;
  return useQuery({
    queryKey: keys.people(q),
    queryFn: async ({ signal }) => (await api.get<Paged<TPerson>>("/people", q, signal)).data,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One person with roles, guardians, children and classes. */
export function usePerson(id: string) {
  return useQuery({ queryKey: keys.person(id), queryFn: ({ signal }) => api.get<TPersonDetail>(`/people/${id}`, undefined, signal) });
}

/** Creates a person with their first roles. */
export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TPersonCreate) => (await api.post<TPersonDetail>("/people", body)).data,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.people() }),
  });
}

/** Invalidates one person and every people list after a change. */
function usePersonChanged(id: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: keys.person(id) });
    await client.invalidateQueries({ queryKey: keys.people() });
  };
}

/** Changes a person's details or status. */
export function useUpdatePerson(id: string) {
  const onSuccess = usePersonChanged(id);
  return useMutation({
    mutationFn: async (body: TPersonUpdate) => (await api.patch<TPersonDetail>(`/people/${id}`, body)).data,
    onSuccess,
  });
}

/** Grants a role (at a school, or district-wide). */
export function useGrantRole(id: string) {
  const onSuccess = usePersonChanged(id);
  return useMutation({
    mutationFn: async (body: TRoleGrant) => {
      await api.post<unknown>(`/people/${id}/roles`, body);
    },
    onSuccess,
  });
}

/** Revokes one role assignment. */
export function useRevokeRole(id: string) {
  const onSuccess = usePersonChanged(id);
  return useMutation({
    mutationFn: async (roleId: string) => {
      await api.del<unknown>(`/people/${id}/roles/${roleId}`);
    },
    onSuccess,
  });
}

/** Links a guardian to a child. */
export function useLinkChild(guardianId: string) {
  const onSuccess = usePersonChanged(guardianId);
  return useMutation({
    mutationFn: async (studentId: string) => {
      await api.post<unknown>(`/people/${guardianId}/children`, { studentId });
    },
    onSuccess,
  });
}
