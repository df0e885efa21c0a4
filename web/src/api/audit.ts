import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TAuditEntry, TAuditQuery } from "@stoa/contracts";
import { api, type Query } from "./client";
import { keys } from "./keys";
import type { Paged } from "./types";

export type AuditQuery = Partial<TAuditQuery>;

/** The district's audit log, filtered and paged (district admins). */
export function useAudit(query: AuditQuery) {
  const q = query as Query;
  return useQuery({
    queryKey: keys.audit(q),
    queryFn: async ({ signal }) => (await api.get<Paged<TAuditEntry>>("/audit", q, signal)).data,
    placeholderData: keepPreviousData,
  });
}
