import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TNotificationPage, TNotificationPreference, TNotificationPreferences, TOutboxMail } from "@stoa/contracts";
import { api, request } from "./client";

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: ["notifications", "unread"] as const,
  list: (page: number, pageSize: number) => ["notifications", "list", page, pageSize] as const,
  preferences: ["notifications", "preferences"] as const,
  outbox: (page: number) => ["mail-outbox", page] as const,
};

/** How many of my notifications are unread (kept live by the bell's room subscription). */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: async ({ signal }) => (await api.get<{ unread: number }>("/notifications/unread-count", undefined, signal)).data.unread,
    // A slow safety net for when the live connection is down.
    refetchInterval: 60_000,
  });
}

/** A page of my notifications, newest first. */
export function useNotifications(page: number, pageSize = 20) {
  return useQuery({
    queryKey: notificationKeys.list(page, pageSize),
    queryFn: async ({ signal }) => (await api.get<TNotificationPage>("/notifications", { page, pageSize }, signal)).data,
    placeholderData: keepPreviousData,
  });
}

/** Marks one notification read. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await api.post<{ unread: number }>(`/notifications/${id}/read`)).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** Marks all my notifications read. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api.post<{ unread: number }>("/notifications/read-all")).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** My channel per kind. */
export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: async ({ signal }) => (await api.get<TNotificationPreferences>("/notifications/preferences", undefined, signal)).data,
  });
}

/** Saves my channels. */
export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (preferences: TNotificationPreference[]) =>
      (await request<TNotificationPreferences>("PUT", "/notifications/preferences", { body: { preferences } })).data,
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.preferences, data),
  });
}

/** The development mail outbox (404 when the server sends mail by SMTP). */
export function useMailOutbox(page: number, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.outbox(page),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: TOutboxMail[]; total: number; page: number; pageSize: number }>("/mail-outbox", { page, pageSize: 20 }, signal)).data,
    placeholderData: keepPreviousData,
    retry: false,
    enabled,
  });
}
