import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFilePlus, IconFileText } from "@tabler/icons-react";
import { documentLimits } from "@stoa/contracts";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useCreateDocument, useDeleteDocument, useDocumentEvents, useGroupDocuments } from "../../api/documents";
import { ConfirmButton } from "../../components/ConfirmButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { formatDateTime } from "../../lib/format";

/** A group's shared documents: open one, or (members and teachers) start a new one. */
export function DocumentsPanel({ groupId, showHeading = true }: { groupId: string; showHeading?: boolean }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const query = useGroupDocuments(groupId);
  const create = useCreateDocument(groupId);
  const remove = useDeleteDocument();
  const [title, setTitle] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  useDocumentEvents(groupId);

  if (query.isPending) return <ListSkeleton rows={3} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const canEdit = query.data.policies?.edit ?? false;
  const documents = query.data.data;

  async function handleCreate(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const created = await create.mutateAsync(title);
      setTitle("");
      await navigate(`/documents/${created.id}`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack>
      {showHeading && (
        <div>
          <Title order={2} size="h3">
            {t("documents.listTitle")}
          </Title>
          <Text c="dimmed">{t("documents.listIntro")}</Text>
        </div>
      )}
      {canEdit && (
        <form onSubmit={(e) => void handleCreate(e)}>
          <Group align="flex-end">
            <TextInput
              label={t("documents.newTitle")}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              maxLength={documentLimits.titleChars}
              error={problem}
              required
              size="md"
              style={{ flex: 1, minWidth: 220 }}
            />
            <Button type="submit" size="md" loading={create.isPending} leftSection={<IconFilePlus size={18} aria-hidden />}>
              {t("documents.create")}
            </Button>
          </Group>
        </form>
      )}
      {documents.length === 0 ? (
        <EmptyState
          icon={<IconFileText aria-hidden />}
          title={t("documents.emptyTitle")}
          description={canEdit ? t("documents.emptyMember") : t("documents.emptyReader")}
        />
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {documents.map((doc) => (
            <Paper component="li" key={doc.id} withBorder p="md" radius="md">
              <Group justify="space-between" wrap="wrap">
                <div>
                  <Anchor component={Link} to={`/documents/${doc.id}`} fw={600} size="lg">
                    {doc.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {doc.updatedBy
                      ? t("documents.updated", { date: formatDateTime(doc.updatedAt), name: doc.updatedBy.name })
                      : t("documents.updatedNobody", { date: formatDateTime(doc.updatedAt) })}
                  </Text>
                </div>
                <Group gap="xs">
                  <Button component={Link} to={`/documents/${doc.id}`} variant="light" size="md">
                    {t("documents.open")}
                  </Button>
                  {canEdit && (
                    <ConfirmButton
                      label={t("documents.delete")}
                      ariaLabel={`${t("documents.delete")}: ${doc.title}`}
                      title={t("documents.deleteTitle")}
                      message={t("documents.deleteMessage", { title: doc.title })}
                      variant="subtle"
                      color="red"
                      size="md"
                      onConfirm={async () => {
                        await remove.mutateAsync(doc.id);
                        notifications.show({ color: "green", message: t("documents.deleted") });
                      }}
                    />
                  )}
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
