import { Button, Group, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentVersion, useDocumentVersions, useVersionActions } from "../../api/documents";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";

/** A document's versions: save one now, read an old one, restore it (a new change; nothing is lost). */
export function HistoryPanel({ documentId, canEdit }: { documentId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const versions = useDocumentVersions(documentId);
  const actions = useVersionActions(documentId);
  const [viewing, setViewing] = useState<number | null>(null);
  const older = useDocumentVersion(documentId, viewing);
  const [problem, setProblem] = useState<string | null>(null);

  async function handleSave() {
    setProblem(null);
    try {
      const saved = await actions.save.mutateAsync();
      notifications.show({ color: "green", message: t("documents.versionSaved", { number: saved.number }) });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="document-history-title">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="document-history-title">
            {t("documents.historyTitle")}
          </Title>
          {canEdit && (
            <Button size="md" variant="light" leftSection={<IconDeviceFloppy size={18} aria-hidden />} loading={actions.save.isPending} onClick={() => void handleSave()}>
              {t("documents.saveVersion")}
            </Button>
          )}
        </Group>
        <FormAlert message={problem} />
        {versions.isPending && <ListSkeleton rows={3} />}
        {versions.isError && <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />}
        {versions.data?.length === 0 && <Text c="dimmed">{t("documents.historyEmpty")}</Text>}
        {versions.data && versions.data.length > 0 && (
          <Stack gap="xs" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {versions.data.map((v) => (
              <Group component="li" key={v.number} justify="space-between" wrap="nowrap">
                <div>
                  <Text fw={600}>
                    {t("documents.version", { number: v.number })} · {t(`documents.reason.${v.reason}`)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t("documents.by", { date: formatDateTime(v.createdAt), name: v.createdBy?.name ?? "Stoa" })}
                  </Text>
                </div>
                <Button size="sm" variant="default" onClick={() => setViewing(v.number)} aria-label={`${t("documents.view")}: ${t("documents.version", { number: v.number })}`}>
                  {t("documents.view")}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      <Modal opened={viewing !== null} onClose={() => setViewing(null)} title={t("documents.viewTitle", { number: viewing ?? 0 })} size="xl">
        {older.isPending && <ListSkeleton rows={4} />}
        {older.isError && <ErrorState error={older.error} onRetry={() => void older.refetch()} />}
        {older.data && (
          <Stack>
            <Paper withBorder p="md">
              <RichTextView html={older.data.html} />
            </Paper>
            {canEdit && (
              <Group justify="flex-end">
                <ConfirmButton
                  label={t("documents.restore")}
                  title={t("documents.restoreTitle", { number: older.data.number })}
                  message={t("documents.restoreMessage")}
                  danger={false}
                  size="md"
                  onConfirm={async () => {
                    const number = older.data.number;
                    await actions.restore.mutateAsync(number);
                    setViewing(null);
                    notifications.show({ color: "green", message: t("documents.restored", { number }) });
                  }}
                />
              </Group>
            )}
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
