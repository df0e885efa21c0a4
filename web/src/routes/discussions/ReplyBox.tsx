import { Button, Group, Paper, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useReply } from "../../api/discussions";
import { useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { bodyWithMentions, Composer, emptyDraft, type Draft } from "./Composer";

/**
 * Writes a reply to the thread (parent null) or to one post. One Idempotency-Key per reply being
 * written: a retry after a lost answer cannot post it twice.
 */
export function ReplyBox({
  threadId,
  boardId,
  parent,
  approvalNeeded,
  onDone,
}: {
  threadId: string;
  boardId: string;
  parent: { id: string; authorName: string } | null;
  approvalNeeded: boolean;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const reply = useReply(threadId);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(crypto.randomUUID());

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await reply.mutateAsync({
        key: key.current,
        input: {
          parentId: parent?.id ?? null,
          body: bodyWithMentions(draft),
          attachmentIds: draft.attachments.map((a) => a.id),
          mentionIds: draft.mentions.map((m) => m.id),
        },
      });
      key.current = crypto.randomUUID();
      setDraft(emptyDraft);
      notifications.show({ message: approvalNeeded ? t("discussions.sentPending") : t("discussions.sent"), color: "green" });
      onDone?.();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={(e) => void handleSubmit(e)}>
      <Stack gap="sm">
        <FormAlert message={error} />
        <Composer
          boardId={boardId}
          label={parent ? t("discussions.replyTo", { name: parent.authorName }) : t("discussions.replyLabel")}
          draft={draft}
          onChange={setDraft}
        />
        <Group justify="flex-end">
          {onDone && (
            <Button variant="default" onClick={onDone}>
              {t("discussions.cancel")}
            </Button>
          )}
          <Button type="submit" size="md" loading={reply.isPending}>
            {t("discussions.send")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
