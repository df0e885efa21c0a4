import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TCourse, TCourseCreate, TTerm, TTermCreate } from "@stoa/contracts";
import { api } from "./client";
import { keys } from "./keys";

/** Terms (school years, semesters, grading periods) in reach. */
export function useTerms(enabled = true) {
  return useQuery({
    queryKey: keys.terms,
    queryFn: async ({ signal }) => (await api.get<TTerm[]>("/terms", undefined, signal)).data,
    staleTime: 60_000,
    enabled,
  });
}

/** Creates a term. */
export function useCreateTerm() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TTermCreate) => (await api.post<TTerm>("/terms", body)).data,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.terms }),
  });
}

/** Courses in reach. */
export function useCourses(enabled = true) {
  return useQuery({
    queryKey: keys.courses,
    queryFn: async ({ signal }) => (await api.get<TCourse[]>("/courses", undefined, signal)).data,
    staleTime: 60_000,
    enabled,
  });
}

/** Creates a course. */
export function useCreateCourse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TCourseCreate) => (await api.post<TCourse>("/courses", body)).data,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.courses }),
  });
}
