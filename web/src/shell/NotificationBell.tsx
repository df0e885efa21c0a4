import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import type { TNotification, TRealtimeEvent } from "@stoa/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { notificationKeys, useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from "../api/notifications";
import { useMe } from "../api/me";
import { ErrorState } from "../components/ErrorState";
import { ListSkeleton } from "../components/ListSkeleton";
import { formatDateTime } from "../lib/format";
import { useRoom } from "../realtime";

/** One notification in a list: goes to its link (and is marked read) when chosen. */
export function NotificationItem({ item, onOpen }: { item: TNotification; onOpen: (item: TNotification) => void }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      onClick={() => onOpen(item)}
      p="sm"
      style={{ borderRadius: "var(--mantine-radius-sm)", background: item.readAt ? undefined : "var(--mantine-color-indigo-light)", width: "100%" }}
      data-unread={item.readAt ? undefined : "true"}
    >
      <Text size="sm" fw={item.readAt ? 400 : 700}>
        {!item.readAt && <VisuallyHidden component="span">{t("notifications.unread")}: </VisuallyHidden>}
        {item.title}
      </Text>
      {item.body && (
        <Text size="sm" c="dimmed" lineClamp={2}>
          {item.body}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {formatDateTime(item.createdAt)}
      </Text>
    </UnstyledButton>
  );
}

/** Opens a notification: marks it read and goes to what it is about. */
export function useOpenNotification() {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  return (item: TNotification) => {
    if (!item.readAt) markRead.mutate(item.id);
    void navigate(item.link);
  };
}

/** The bell in the header: the unread count (live through the person's room) and a popover with the latest. */
export function NotificationBell() {
  const { t } = useTranslation();
  // Not useCurrentUser: signing out clears the cache, the bell's own queries re-render it before
  // the shell redirects, and the person is already gone (null) by then.
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount();
  const latest = useNotifications(1, 8);
  const markAll = useMarkAllRead();
  const open = useOpenNotification();
  const count = unread.data ?? 0;

  const onEvent = useCallback(
    (event: TRealtimeEvent) => {
      if (event.event === "notification.created" || event.event === "notification.read")
        void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
    [queryClient],
  );
  useRoom(me ? `user:${me.user.id}` : null, onEvent);

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} withinPortal shadow="md" trapFocus>
      <Indicator label={<span aria-hidden>{count > 99 ? "99+" : count}</span>} size={18} disabled={count === 0} offset={4} color="red">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="xl"
            onClick={() => setOpened((o) => !o)}
            aria-label={count > 0 ? t("notifications.bellUnread", { count }) : t("notifications.bell")}
            data-testid="notification-bell"
          >
            <IconBell size={22} aria-hidden />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={700}>{t("notifications.latest")}</Text>
            {count > 0 && (
              <Button size="xs" variant="subtle" onClick={() => markAll.mutate()} loading={markAll.isPending}>
                {t("notifications.markAllRead")}
              </Button>
            )}
          </Group>
          {latest.isPending ? (
            <ListSkeleton rows={3} />
          ) : latest.isError ? (
            <ErrorState error={latest.error} onRetry={() => void latest.refetch()} />
          ) : latest.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("notifications.emptyHint")}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={400}>
              <Stack gap={4}>
                {latest.data.items.map((item) => (
                  <NotificationItem
                    key={item.id}
                    item={item}
                    onOpen={(n) => {
                      setOpened(false);
                      open(n);
                    }}
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
          <Group justify="space-between">
            <Anchor component={Link} to="/notifications" size="sm" onClick={() => setOpened(false)}>
              {t("notifications.seeAll")}
            </Anchor>
            <Anchor component={Link} to="/profile/notifications" size="sm" onClick={() => setOpened(false)}>
              {t("notifications.preferences")}
            </Anchor>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
