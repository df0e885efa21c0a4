import { ActionIcon, Box, Button, Divider, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import type { TChatMessage } from "@stoa/contracts";
import { Fragment, forwardRef } from "react";
import { useTranslation } from "react-i18next";
import { MessageText } from "./MessageText";

interface Props {
  /** Oldest first. */
  messages: TChatMessage[];
  meId: string;
  canModerate: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onDelete: (message: TChatMessage) => void;
  onScroll: () => void;
  height: number | string;
}

const dayKey = (iso: string) => new Date(iso).toDateString();

/** "Today", "Yesterday", or the date, for a day separator. */
function useDayLabel() {
  const { t, i18n } = useTranslation();
  return (iso: string) => {
    const day = new Date(iso);
    const today = new Date();
    const yesterday = new Date(Date.now() - 86_400_000);
    if (day.toDateString() === today.toDateString()) return t("chat.today");
    if (day.toDateString() === yesterday.toDateString()) return t("chat.yesterday");
    return day.toLocaleDateString(i18n.language, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  };
}

/** The message list: a live log (new messages are announced politely), day separators, older messages on demand. */
export const ChatLog = forwardRef<HTMLDivElement, Props>(function ChatLog(props, ref) {
  const { t, i18n } = useTranslation();
  const dayLabel = useDayLabel();
  const { messages, meId } = props;
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.language, { hour: "2-digit", minute: "2-digit" });

  return (
    <Box
      ref={ref}
      onScroll={props.onScroll}
      h={props.height}
      style={{ overflowY: "auto", border: "1px solid var(--mantine-color-default-border)", borderRadius: "var(--mantine-radius-md)" }}
      p="sm"
      tabIndex={0}
      role="log"
      aria-live="polite"
      aria-label={t("chat.log")}
      data-testid="chat-log"
    >
      <Group justify="center" mb="sm">
        {props.hasOlder ? (
          <Button variant="subtle" size="sm" onClick={props.onLoadOlder} loading={props.loadingOlder}>
            {t("chat.loadOlder")}
          </Button>
        ) : (
          messages.length > 0 && (
            <Text size="sm" c="dimmed">
              {t("chat.start")}
            </Text>
          )
        )}
      </Group>
      <Stack gap="xs">
        {messages.map((m, i) => {
          const newDay = i === 0 || dayKey(messages[i - 1]!.createdAt) !== dayKey(m.createdAt);
          const mentionsMe = m.mentions.some((x) => x.userId === meId);
          const mayDelete = !m.deleted && (props.canModerate || m.author.id === meId);
          return (
            <Fragment key={m.id}>
              {newDay && <Divider label={dayLabel(m.createdAt)} labelPosition="center" role="separator" />}
              <Box
                component="article"
                data-message-id={m.id}
                p="xs"
                style={{
                  borderRadius: "var(--mantine-radius-sm)",
                  background: mentionsMe ? "var(--mantine-color-indigo-light)" : undefined,
                }}
                aria-label={`${m.author.name}, ${time(m.createdAt)}`}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Group gap="xs" wrap="nowrap" align="baseline">
                    <Text fw={700} size="sm">
                      {m.author.name}
                      {m.author.id === meId ? ` (${t("chat.you")})` : ""}
                    </Text>
                    <Text size="xs" c="dimmed" component="time" dateTime={m.createdAt}>
                      {time(m.createdAt)}
                    </Text>
                  </Group>
                  {mayDelete && (
                    <Tooltip label={t("chat.delete")}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        onClick={() => props.onDelete(m)}
                        aria-label={t("chat.deleteLabel", { name: m.author.name, time: time(m.createdAt) })}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
                {m.deleted ? (
                  <Text size="sm" c="dimmed" fs="italic">
                    {t("chat.deleted")}
                  </Text>
                ) : (
                  <MessageText body={m.body} mentions={m.mentions} meId={meId} />
                )}
              </Box>
            </Fragment>
          );
        })}
      </Stack>
    </Box>
  );
});
