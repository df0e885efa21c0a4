import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TAttachment,
  TBoard,
  TBoardCreate,
  TBoardUpdate,
  TPost,
  TPostCreate,
  TPostEdit,
  TReactionKind,
  TSearchResult,
  TThreadCreate,
  TThreadDetail,
  TThreadSummary,
  TThreadUpdate,
} from "@stoa/contracts";
import { ApiError, api, apiUrl, notifyUnauthenticated, request, requestHeaders, toApiError, type Envelope } from "./client";
import { uploadFile } from "./upload";

/** Query keys of discussions. */
export const discussionKeys = {
  all: ["discussions"] as const,
  mine: ["discussions", "mine"] as const,
  ofClass: (classId: string) => ["discussions", "class", classId] as const,
  ofGroup: (groupId: string) => ["discussions", "group", groupId] as const,
  board: (boardId: string) => ["discussions", "board", boardId] as const,
  threads: (boardId: string, page: number) => ["discussions", "board", boardId, "threads", page] as const,
  thread: (threadId: string) => ["discussions", "thread", threadId] as const,
  edits: (postId: string) => ["discussions", "post", postId, "edits"] as const,
  people: (boardId: string, q: string) => ["discussions", "board", boardId, "people", q] as const,
  search: (q: string, page: number) => ["discussions", "search", q, page] as const,
};

interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The boards the person reads across their classes, with unread counts. */
export function useMyBoards() {
  return useQuery({
    queryKey: discussionKeys.mine,
    queryFn: async ({ signal }) => (await api.get<Paged<TBoard>>("/discussions/boards", { pageSize: 200 }, signal)).data,
  });
}

/** A class's boards with the "create" policy. */
export function useClassBoards(classId: string, includeArchived = false) {
  return useQuery({
    queryKey: [...discussionKeys.ofClass(classId), includeArchived],
    queryFn: ({ signal }) => api.get<TBoard[]>(`/classes/${classId}/discussion-boards`, { archived: includeArchived ? "1" : undefined }, signal),
  });
}

/** A group's boards. */
export function useGroupBoards(groupId: string) {
  return useQuery({
    queryKey: discussionKeys.ofGroup(groupId),
    queryFn: ({ signal }) => api.get<TBoard[]>(`/groups/${groupId}/discussion-boards`, undefined, signal),
  });
}

/** One board with the "moderate" and "post" policies. */
export function useBoard(boardId: string) {
  return useQuery({
    queryKey: discussionKeys.board(boardId),
    queryFn: ({ signal }) => api.get<TBoard>(`/discussions/boards/${boardId}`, undefined, signal),
  });
}

/** A page of a board's threads. */
export function useThreads(boardId: string, page: number) {
  return useQuery({
    queryKey: discussionKeys.threads(boardId, page),
    queryFn: async ({ signal }) => (await api.get<Paged<TThreadSummary>>(`/discussions/boards/${boardId}/threads`, { page }, signal)).data,
    placeholderData: keepPreviousData,
  });
}

/** A thread with its posts and the "reply" and "moderate" policies. */
export function useThread(threadId: string) {
  return useQuery({
    queryKey: discussionKeys.thread(threadId),
    queryFn: ({ signal }) => api.get<TThreadDetail>(`/discussions/threads/${threadId}`, undefined, signal),
  });
}

/** A post's earlier versions (fetched when the history dialog opens). */
export function usePostEdits(postId: string, enabled: boolean) {
  return useQuery({
    queryKey: discussionKeys.edits(postId),
    queryFn: async ({ signal }) => (await api.get<TPostEdit[]>(`/discussions/posts/${postId}/edits`, undefined, signal)).data,
    enabled,
  });
}

/** People who can see the board, to @mention. */
export function useMentionable(boardId: string, q: string) {
  return useQuery({
    queryKey: discussionKeys.people(boardId, q),
    queryFn: async ({ signal }) => (await api.get<{ id: string; name: string }[]>(`/discussions/boards/${boardId}/people`, { q }, signal)).data,
    staleTime: 60_000,
  });
}

/** Search across every post the person may read. */
export function useDiscussionSearch(q: string, page: number) {
  return useQuery({
    queryKey: discussionKeys.search(q, page),
    queryFn: async ({ signal }) => (await api.get<Paged<TSearchResult>>("/discussions/search", { q, page }, signal)).data,
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** Creates a board (teachers). */
export function useCreateBoard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TBoardCreate) => (await api.post<TBoard>("/discussions/boards", input)).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKeys.all }),
  });
}

/** Edits, archives or restores a board (teachers). */
export function useUpdateBoard(boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TBoardUpdate) => (await api.patch<TBoard>(`/discussions/boards/${boardId}`, input)).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKeys.all }),
  });
}

/** Starts a thread. */
export function useCreateThread(boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TThreadCreate) => (await api.post<TThreadSummary>(`/discussions/boards/${boardId}/threads`, input)).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKeys.board(boardId) }),
  });
}

/** Pins, locks, renames, sets "post first". */
export function useUpdateThread(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TThreadUpdate) => (await api.patch<TThreadSummary>(`/discussions/threads/${threadId}`, input)).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKeys.all }),
  });
}

/** Marks the thread read now (once per visit). */
export async function markThreadRead(threadId: string) {
  await api.post<null>(`/discussions/threads/${threadId}/read`);
}

/** Follows or stops following. */
export function useFollowThread(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) =>
      on ? request<{ following: boolean }>("PUT", `/discussions/threads/${threadId}/follow`) : api.del<{ following: boolean }>(`/discussions/threads/${threadId}/follow`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKeys.thread(threadId) }),
  });
}

/**
 * Posts a reply with an Idempotency-Key: the key is made once per reply the person writes, so
 * a retry after a lost answer returns the stored post instead of posting twice.
 */
export async function postReply(threadId: string, input: TPostCreate, idempotencyKey: string): Promise<TPost> {
  const path = `/discussions/threads/${threadId}/posts`;
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: "POST",
      credentials: "same-origin",
      headers: { ...requestHeaders("POST", true), "Idempotency-Key": idempotencyKey },
      body: JSON.stringify(input),
    });
  } catch {
    throw new ApiError(0, "network", "Could not reach the server");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    notifyUnauthenticated(response.status, path);
    throw toApiError(response.status, body, response.headers.get("Retry-After"));
  }
  return (body as Envelope<TPost>).data;
}

/** Replies in a thread (the caller keeps one idempotency key per reply being written). */
export function useReply(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: TPostCreate; key: string }) => postReply(threadId, input, key),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKeys.thread(threadId) }),
  });
}

/** Changes to one post (edit, delete, hide, react) refresh the thread. */
export function usePostActions(threadId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: discussionKeys.thread(threadId) });
  const edit = useMutation({
    mutationFn: async ({ postId, body }: { postId: string; body: string }) => (await api.patch<TPost>(`/discussions/posts/${postId}`, { body })).data,
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (postId: string) => api.del<TPost>(`/discussions/posts/${postId}`), onSuccess: refresh });
  const hide = useMutation({
    mutationFn: ({ postId, reason }: { postId: string; reason: string | null }) =>
      reason === null ? api.del<TPost>(`/discussions/posts/${postId}/hide`) : api.post<TPost>(`/discussions/posts/${postId}/hide`, { reason }),
    onSuccess: refresh,
  });
  const react = useMutation({
    mutationFn: ({ postId, kind, on }: { postId: string; kind: TReactionKind; on: boolean }) =>
      on ? request<TPost>("PUT", `/discussions/posts/${postId}/reactions/${kind}`) : api.del<TPost>(`/discussions/posts/${postId}/reactions/${kind}`),
    onSuccess: refresh,
  });
  return { edit, remove, hide, react };
}

/** Uploads a file to attach to the next post on the board. */
export function uploadAttachment(boardId: string, file: File, onProgress: (fraction: number) => void) {
  return uploadFile<TAttachment>(`/discussions/boards/${boardId}/attachments`, file, onProgress);
}
