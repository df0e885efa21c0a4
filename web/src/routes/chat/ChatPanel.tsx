import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconMessages } from "@tabler/icons-react";
import type { TChatMessage, TRealtimeEvent } from "@stoa/contracts";
import { ZChatMessageEvent, ZChatSettingsEvent } from "@stoa/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../api/client";
import { chatKeys, setChatEnabledInCache, upsertChatMessage, useChat, useDeleteMessage, useSetChatEnabled, type ChatTarget } from "../../api/chat";
import { useCurrentUser } from "../../api/me";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { usePresence, useRoom, useTyping } from "../../realtime";
import { ChatComposer } from "./ChatComposer";
import { ChatLog } from "./ChatLog";

interface Props {
  target: ChatTarget;
  /** Height of the message list. */
  height?: number | string;
  /** Show a link to the chat's own page (when embedded in another page). */
  showOpenLink?: boolean;
  /** Render nothing when the person may not see this chat (embedded panels). */
  hideWhenUnavailable?: boolean;
}

/** A class's or group's live chat: history that loads on scroll, who is here, who is typing, the composer. */
export function ChatPanel({ target, height = 420, showOpenLink = false, hideWhenUnavailable = false }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const chat = useChat(target);
  const remove = useDeleteMessage(target);
  const errorMessage = useErrorMessage();
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const [toDelete, setToDelete] = useState<TChatMessage | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [confirmOpen, confirm] = useDisclosure(false);

  const first = chat.data?.pages[0];
  const room = first?.data.room ?? null;
  const policies = first?.policies ?? {};
  const enabled = first?.data.enabled ?? true;
  const toggle = useSetChatEnabled(target.id);

  const onEvent = useCallback(
    (event: TRealtimeEvent) => {
      if (event.event === "chat.message_created" || event.event === "chat.message_deleted") {
        const parsed = ZChatMessageEvent.safeParse(event.payload);
        if (parsed.success) upsertChatMessage(queryClient, target, parsed.data.message);
      } else if (event.event === "chat.settings_changed") {
        const parsed = ZChatSettingsEvent.safeParse(event.payload);
        if (parsed.success) setChatEnabledInCache(queryClient, target, parsed.data.enabled);
        void queryClient.invalidateQueries({ queryKey: chatKeys.chat(target) });
      }
    },
    [queryClient, target],
  );
  const { status } = useRoom(room, onEvent);
  const present = usePresence(room);
  const { typing, notifyTyping } = useTyping(room);

  // Oldest first for reading; the server pages newest first.
  const messages = useMemo(() => (chat.data?.pages ?? []).flatMap((p) => p.data.messages).slice().reverse(), [chat.data]);
  const newestId = messages.at(-1)?.id;

  // New messages: stay at the bottom if the person was there. Older pages: keep their place.
  const heightBefore = useRef(0);
  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    if (stickToBottom.current) log.scrollTop = log.scrollHeight;
    else if (heightBefore.current) log.scrollTop += log.scrollHeight - heightBefore.current;
    heightBefore.current = 0;
  }, [newestId, messages.length]);

  const loadOlder = useCallback(() => {
    if (!chat.hasNextPage || chat.isFetchingNextPage) return;
    heightBefore.current = logRef.current?.scrollHeight ?? 0;
    void chat.fetchNextPage();
  }, [chat]);

  function handleScroll() {
    const log = logRef.current;
    if (!log) return;
    stickToBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < 60;
    if (log.scrollTop < 40) loadOlder();
  }

  useEffect(() => {
    if (!confirmOpen) setDeleteError(null);
  }, [confirmOpen]);

  const title = target.kind === "class" ? t("chat.classTitle") : t("chat.groupTitle");
  const headingId = `chat-heading-${target.id}`;

  if (chat.isError && hideWhenUnavailable && chat.error instanceof ApiError && chat.error.status === 404) return null;

  const others = typing.filter((p) => p.userId !== me.user.id);
  const typingText =
    others.length === 0
      ? ""
      : others.length === 1
        ? t("chat.typingOne", { name: others[0]!.name })
        : others.length === 2
          ? t("chat.typingTwo", { first: others[0]!.name, second: others[1]!.name })
          : t("chat.typingMany");

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm">
            <IconMessages size={22} aria-hidden />
            <Title order={2} fz="h3" id={headingId}>
              {title}
            </Title>
            {room && (
              <Badge variant="light" color={status === "live" ? "green" : "gray"} title={status === "live" ? undefined : t("chat.offline")}>
                {status === "live" ? t("chat.live") : t("chat.offline")}
              </Badge>
            )}
          </Group>
          <Group gap="sm">
            {policies.toggle && target.kind === "class" && (
              <Switch
                label={t("chat.switchLabel")}
                checked={enabled}
                onChange={(e) => toggle.mutate(e.currentTarget.checked)}
                disabled={toggle.isPending}
                size="md"
              />
            )}
            {showOpenLink && (
              <Anchor component={Link} to={`/chat/${target.kind === "class" ? "classes" : "groups"}/${target.id}`}>
                {t("chat.openFull")}
              </Anchor>
            )}
          </Group>
        </Group>

        {room && (
          <Group gap="xs" aria-label={t("chat.here")} role="group">
            <Text size="sm" fw={600}>
              {t("chat.hereCount", { count: present.length })}:
            </Text>
            {present.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("chat.nobodyHere")}
              </Text>
            ) : (
              present.map((p) => (
                <Badge key={p.userId} variant="outline" tt="none" size="lg">
                  {p.userId === me.user.id ? `${p.name} (${t("chat.you")})` : p.name}
                </Badge>
              ))
            )}
          </Group>
        )}

        {chat.isPending ? (
          <ListSkeleton rows={5} />
        ) : chat.isError ? (
          <ErrorState error={chat.error} onRetry={() => void chat.refetch()} />
        ) : (
          <>
            {!enabled && (
              <Alert color="yellow" variant="light" role="status">
                {t("chat.off")}
              </Alert>
            )}
            {messages.length === 0 ? (
              <EmptyState
                icon={<IconMessages aria-hidden />}
                title={t("chat.empty")}
                description={policies.write ? t("chat.emptyHint") : t("chat.emptyReadOnly")}
              />
            ) : (
              <ChatLog
                ref={logRef}
                messages={messages}
                meId={me.user.id}
                canModerate={Boolean(policies.moderate)}
                hasOlder={Boolean(chat.hasNextPage)}
                loadingOlder={chat.isFetchingNextPage}
                onLoadOlder={loadOlder}
                onScroll={handleScroll}
                onDelete={(m) => {
                  setToDelete(m);
                  confirm.open();
                }}
                height={height}
              />
            )}
            <Text size="sm" c="dimmed" role="status" aria-live="polite" mih={20}>
              {typingText}
            </Text>
            {policies.write ? (
              <ChatComposer target={target} onTyping={notifyTyping} onSent={() => (stickToBottom.current = true)} />
            ) : (
              enabled && (
                <Text size="sm" c="dimmed">
                  {t("chat.readOnly")}
                </Text>
              )
            )}
          </>
        )}
      </Stack>
      <Modal opened={confirmOpen} onClose={confirm.close} title={t("chat.delete")} centered>
        <Stack>
          <Text>{t("chat.deleteConfirm")}</Text>
          {deleteError && (
            <Text c="red.8" role="alert">
              {deleteError}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t("common.cancel")}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                toDelete &&
                remove.mutate(toDelete.id, { onSuccess: confirm.close, onError: (e) => setDeleteError(errorMessage(e)) })
              }
            >
              {t("chat.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
