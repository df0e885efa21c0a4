import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { chatMessageMaxLength } from "@stoa/contracts";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { useSendMessage, type ChatTarget } from "../../api/chat";
import { useErrorMessage } from "../../components/ErrorState";

/** The message box: Enter sends, Shift+Enter starts a new line; errors show under it. */
export function ChatComposer({ target, onTyping, onSent }: { target: ChatTarget; onTyping: () => void; onSent: () => void }) {
  const { t } = useTranslation();
  const send = useSendMessage(target);
  const errorMessage = useErrorMessage();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  // One key per message typed: a retry of the same text after a lost answer is stored once.
  const keyRef = useRef<{ text: string; key: string } | null>(null);
  const helpId = useId();
  const tooLong = text.trim().length > chatMessageMaxLength;

  function handleSend() {
    const body = text.trim();
    if (!body || tooLong || send.isPending) return;
    if (keyRef.current?.text !== body) keyRef.current = { text: body, key: crypto.randomUUID() };
    setError(null);
    send.mutate(
      { body, key: keyRef.current.key },
      {
        onSuccess: () => {
          keyRef.current = null;
          setText("");
          onSent();
        },
        onError: (e) =>
          setError(e instanceof ApiError && e.status === 429 ? t("chat.rateLimited", { seconds: e.retryAfter ?? 10 }) : errorMessage(e)),
      },
    );
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      handleSend();
    }
  }

  return (
    <Stack gap={4}>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <Textarea
          label={t("chat.messageLabel")}
          placeholder={t("chat.placeholder")}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (e.currentTarget.value) onTyping();
          }}
          onKeyDown={handleKeyDown}
          autosize
          minRows={1}
          maxRows={6}
          size="md"
          style={{ flex: 1 }}
          aria-describedby={helpId}
          error={tooLong ? t("chat.tooLong", { count: text.trim().length }) : undefined}
        />
        <Button size="md" onClick={handleSend} loading={send.isPending} disabled={!text.trim() || tooLong} leftSection={<IconSend size={18} aria-hidden />}>
          {t("chat.send")}
        </Button>
      </Group>
      <Text id={helpId} size="sm" c="dimmed">
        {t("chat.messageHelp")}
      </Text>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
