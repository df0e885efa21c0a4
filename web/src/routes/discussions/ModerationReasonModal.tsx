import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { FormAlert } from "../../components/FormAlert";

interface Props {
  opened: boolean;
  title: string;
  intro: string;
  help?: string;
  submitLabel: string;
  danger?: boolean;
  onClose: () => void;
  /** Sends the reason; a rejected promise shows the server's message beside the field. */
  onSubmit: (reason: string) => Promise<unknown>;
}

/** A modal asking for a reason (reporting, rejecting, hiding): a labelled text area and one action. */
export function ModerationReasonModal({ opened, title, intro, help, submitLabel, danger, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function handleClose() {
    setReason("");
    setFieldError(null);
    setFormError(null);
    onClose();
  }

  async function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    setFieldError(null);
    setFormError(null);
    if (!reason.trim()) {
      setFieldError(t("discussionModeration.reasonRequired"));
      return;
    }
    setBusy(true);
    try {
      await onSubmit(reason.trim());
      handleClose();
    } catch (error) {
      const message = error instanceof ApiError ? error.message : t("errors.unknown");
      if (error instanceof ApiError && error.fields.some((f) => f.path.endsWith("reason"))) setFieldError(message);
      else setFormError(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={handleClose} title={title} centered>
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="md">
          <Text size="sm">{intro}</Text>
          <FormAlert message={formError} />
          <Textarea
            label={t("discussionModeration.reasonLabel")}
            description={help}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError}
            required
            autosize
            minRows={3}
            maxLength={1000}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={handleClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color={danger ? "red" : undefined} loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
