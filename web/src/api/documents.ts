import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TDocumentVersion,
  TDocumentVersionBody,
  TSharedDocument,
  TSharedDocumentDetail,
  TSubmission,
  TSubmittedDocument,
} from "@stoa/contracts";
import { documentEventNames } from "@stoa/contracts";
import { useRoom } from "../realtime";
import { api } from "./client";

/** Query keys of shared documents. */
export const documentKeys = {
  all: ["documents"] as const,
  ofGroup: (groupId: string) => ["documents", "group", groupId] as const,
  document: (id: string) => ["documents", "doc", id] as const,
  versions: (id: string) => ["documents", "doc", id, "versions"] as const,
  version: (id: string, number: number) => ["documents", "doc", id, "versions", number] as const,
  submitted: (taskId: string, groupId: string) => ["documents", "submitted", taskId, groupId] as const,
};

const documentEvents = new Set<string>(documentEventNames);

/** Keeps a group's document lists and histories fresh from the group's live events. */
export function useDocumentEvents(groupId: string | null) {
  const client = useQueryClient();
  useRoom(groupId ? `group:${groupId}` : null, (event) => {
    if (!documentEvents.has(event.event)) return;
    void client.invalidateQueries({ queryKey: documentKeys.all });
  });
}

/** A group's shared documents, with the caller's policies (`edit`). */
export function useGroupDocuments(groupId: string) {
  return useQuery({
    queryKey: documentKeys.ofGroup(groupId),
    queryFn: ({ signal }) => api.get<TSharedDocument[]>(`/groups/${groupId}/documents`, undefined, signal),
  });
}

/** One document with its stored snapshot and whether the caller may edit. */
export function useDocument(id: string) {
  return useQuery({
    queryKey: documentKeys.document(id),
    queryFn: async ({ signal }) => (await api.get<TSharedDocumentDetail>(`/documents/${id}`, undefined, signal)).data,
  });
}

/** Creates a document in a group. */
export function useCreateDocument(groupId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (title: string) => (await api.post<TSharedDocumentDetail>(`/groups/${groupId}/documents`, { title })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: documentKeys.ofGroup(groupId) }),
  });
}

/** Renames a document. */
export function useRenameDocument(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (title: string) => (await api.patch<TSharedDocumentDetail>(`/documents/${id}`, { title })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: documentKeys.all }),
  });
}

/** Deletes a document. */
export function useDeleteDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.del(`/documents/${id}`);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: documentKeys.all }),
  });
}

/** A document's history, newest first. */
export function useDocumentVersions(id: string, enabled = true) {
  return useQuery({
    queryKey: documentKeys.versions(id),
    queryFn: async ({ signal }) => (await api.get<TDocumentVersion[]>(`/documents/${id}/versions`, undefined, signal)).data,
    enabled,
  });
}

/** One old version to read. */
export function useDocumentVersion(id: string, number: number | null) {
  return useQuery({
    queryKey: documentKeys.version(id, number ?? 0),
    queryFn: async ({ signal }) => (await api.get<TDocumentVersionBody>(`/documents/${id}/versions/${number}`, undefined, signal)).data,
    enabled: number !== null,
  });
}

/** "Save version" and "restore" for a document. */
export function useVersionActions(id: string) {
  const client = useQueryClient();
  const settle = () => client.invalidateQueries({ queryKey: documentKeys.versions(id) });
  return {
    save: useMutation({ mutationFn: async () => (await api.post<TDocumentVersion>(`/documents/${id}/versions`)).data, onSettled: settle }),
    restore: useMutation({
      mutationFn: async (number: number) => (await api.post<TDocumentVersion>(`/documents/${id}/versions/${number}/restore`)).data,
      onSettled: settle,
    }),
  };
}

/** Where the HTML export of a document downloads from. */
export const documentExportUrl = (id: string) => `/api/documents/${id}/export`;

/** The shared document a group handed in for a task, if any. */
export function useSubmittedDocument(taskId: string, groupId: string) {
  return useQuery({
    queryKey: documentKeys.submitted(taskId, groupId),
    queryFn: async ({ signal }) =>
      (await api.get<TSubmittedDocument | null>(`/tasks/${taskId}/groups/${groupId}/submission/document`, undefined, signal)).data,
  });
}

/** Hands one of the group's documents in as the task submission. */
export function useSubmitDocument(taskId: string, groupId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (documentId: string) =>
      (await api.post<TSubmission>(`/tasks/${taskId}/groups/${groupId}/submission/document`, { documentId })).data,
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: ["tasks", "space", taskId, groupId] });
      await client.invalidateQueries({ queryKey: documentKeys.submitted(taskId, groupId) });
    },
  });
}
