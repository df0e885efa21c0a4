import { useQuery } from "@tanstack/react-query";
import type { TChild } from "@stoa/contracts";
import { api } from "./client";
import { keys } from "./keys";

/** A guardian's children with their classes. */
export function useChildren() {
  return useQuery({
    queryKey: keys.children,
    queryFn: async ({ signal }) => (await api.get<TChild[]>("/children", undefined, signal)).data,
  });
}
