import { Button, Checkbox, Group, Modal, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCreateThread } from "../../api/discussions";
import { useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { bodyWithMentions, Composer, emptyDraft, type Draft } from "./Composer";

/** Starts a thread: a title and the opening post (teachers may ask students to post first). */
export function NewThreadModal({ opened, onClose, boardId, moderate }: { opened: boolean; onClose: () => void; boardId: string; moderate: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreateThread(boardId);
  const [title, setTitle] = useState("");
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [postFirst, setPostFirst] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const thread = await create.mutateAsync({
        title,
        body: bodyWithMentions(draft),
        postFirst,
        attachmentIds: draft.attachments.map((a) => a.id),
        mentionIds: draft.mentions.map((m) => m.id),
      });
      notifications.show({ message: t("discussions.threadForm.created"), color: "green" });
      setTitle("");
      setDraft(emptyDraft);
      onClose();
      void navigate(`/discussions/threads/${thread.id}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t("discussions.newThread")} size="lg">
      <form onSubmit={(e) => void handleSubmit(e)}>
        <Stack>
          <FormAlert message={error} />
          <TextInput label={t("discussions.threadForm.title")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} data-autofocus />
          <Composer boardId={boardId} label={t("discussions.threadForm.body")} draft={draft} onChange={setDraft} />
          {moderate && (
            <Checkbox label={t("discussions.threadForm.postFirst")} checked={postFirst} onChange={(e) => setPostFirst(e.currentTarget.checked)} />
          )}
          <Group justify="flex-end">
            <Button type="submit" size="md" loading={create.isPending}>
              {t("discussions.threadForm.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
