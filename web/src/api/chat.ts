import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { TChatMessage, TChatPage, TChatSettings } from "@stoa/contracts";
import { api, apiUrl, notifyUnauthenticated, request, requestHeaders, toApiError, type Envelope } from "./client";

/** Which chat: a class's or a group's. */
export interface ChatTarget {
  kind: "class" | "group";
  id: string;
}

const base = (target: ChatTarget) => (target.kind === "class" ? `/classes/${target.id}/chat` : `/groups/${target.id}/chat`);

export const chatKeys = {
  all: ["chat"] as const,
  chat: (target: ChatTarget) => ["chat", target.kind, target.id] as const,
};

type ChatData = InfiniteData<Envelope<TChatPage>, string | undefined>;

/** A chat's history, newest first, 50 a page; `fetchNextPage` loads older messages. */
export function useChat(target: ChatTarget) {
  return useInfiniteQuery({
    queryKey: chatKeys.chat(target),
    queryFn: ({ pageParam, signal }) => api.get<TChatPage>(base(target), { before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.data.hasMore ? last.data.messages.at(-1)?.id : undefined),
    // Live events keep it fresh; refetching would drop the older pages the person scrolled to.
    staleTime: Infinity,
  });
}

/** Puts a message into the cached chat (new at the top, or replacing the stored copy, e.g. once deleted). */
export function upsertChatMessage(queryClient: QueryClient, target: ChatTarget, message: TChatMessage) {
  queryClient.setQueryData<ChatData>(chatKeys.chat(target), (data) => {
    if (!data || data.pages.length === 0) return data;
    const pages = data.pages.map((page) => ({ ...page, data: { ...page.data, messages: [...page.data.messages] } }));
    for (const page of pages) {
      const at = page.data.messages.findIndex((m) => m.id === message.id);
      if (at >= 0) {
        page.data.messages[at] = message;
        return { ...data, pages };
      }
    }
    pages[0]!.data.messages.unshift(message);
    return { ...data, pages };
  });
}

/** Sets the chat's on/off switch in the cache (from a live event). */
export function setChatEnabledInCache(queryClient: QueryClient, target: ChatTarget, enabled: boolean) {
  void queryClient.invalidateQueries({ queryKey: chatKeys.chat(target), refetchType: "none" });
  queryClient.setQueryData<ChatData>(chatKeys.chat(target), (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, data: { ...p.data, enabled } })) } : data,
  );
}

/** Posts with an Idempotency-Key, so that a retry after a lost answer stores the message once. */
async function postMessage(target: ChatTarget, body: string, key: string): Promise<TChatMessage> {
  const path = `${base(target)}/messages`;
  const response = await fetch(apiUrl(path), {
    method: "POST",
    credentials: "same-origin",
    headers: { ...requestHeaders("POST", true), "Idempotency-Key": key },
    body: JSON.stringify({ body }),
  }).catch(() => null);
  if (!response) throw toApiError(0, null, null);
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    notifyUnauthenticated(response.status, path);
    throw toApiError(response.status, parsed, response.headers.get("Retry-After"));
  }
  return (parsed as Envelope<TChatMessage>).data;
}

/** Sends a message; the key is made once per message typed, so a retry of the same send reuses it. */
export function useSendMessage(target: ChatTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: string; key: string }) => postMessage(target, body, key),
    onSuccess: (message) => upsertChatMessage(queryClient, target, message),
  });
}

/** Deletes a message ("message deleted" stays in its place). */
export function useDeleteMessage(target: ChatTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await api.del<TChatMessage>(`/chat/messages/${id}`)).data,
    onSuccess: (message) => upsertChatMessage(queryClient, target, message),
  });
}

/** Turns a class's chat off or on (teachers). */
export function useSetChatEnabled(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (enabled: boolean) => (await request<TChatSettings>("PUT", `/classes/${classId}/chat/settings`, { body: { enabled } })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatKeys.all }),
  });
}
