import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TSchool, TSchoolCreate, TSchoolUpdate } from "@stoa/contracts";
import { api } from "./client";
import { keys } from "./keys";

/** The schools of the caller's district that they may see. */
export function useSchools(enabled = true) {
  return useQuery({
    queryKey: keys.schools,
    queryFn: async ({ signal }) => (await api.get<TSchool[]>("/schools", undefined, signal)).data,
    staleTime: 60_000,
    enabled,
  });
}

/** Creates a school. */
export function useCreateSchool() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TSchoolCreate) => (await api.post<TSchool>("/schools", body)).data,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.schools }),
  });
}

/** Changes a school (name, identifier, time zone, status). */
export function useUpdateSchool() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: TSchoolUpdate & { id: string }) => (await api.patch<TSchool>(`/schools/${id}`, body)).data,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.schools }),
  });
}
