import { Alert, Badge, Button, Group, Modal, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconHistory, IconPencil } from "@tabler/icons-react";
import { documentLimits } from "@stoa/contracts";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { documentExportUrl, useDocument, useDocumentEvents, useRenameDocument } from "../../api/documents";
import { useCurrentUser } from "../../api/me";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { CollaborativeEditor } from "./CollaborativeEditor";
import { HistoryPanel } from "./HistoryPanel";
import { useCollaboration, colourFor, type CollabStatus } from "./useCollaboration";

const statusColour: Record<CollabStatus, string> = {
  connecting: "gray",
  connected: "green",
  disconnected: "orange",
  denied: "red",
  tooLarge: "red",
};

/** A shared document: live editor with everyone's carets, who is editing, connection state, history. */
export function DocumentPage() {
  const { t } = useTranslation();
  const { documentId = "" } = useParams();
  const query = useDocument(documentId);
  const crumbs = [{ label: t("nav.home"), to: "/" }];

  if (query.isPending) {
    return (
      <>
        <PageHeader title={t("common.loading")} breadcrumbs={crumbs} />
        <ListSkeleton rows={6} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("documents.notFoundTitle")} breadcrumbs={crumbs} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return <DocumentWorkspace key={query.data.id} document={query.data} />;
}

function DocumentWorkspace({ document }: { document: NonNullable<ReturnType<typeof useDocument>["data"]> }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const myName = `${me.user.preferredName || me.user.givenName} ${me.user.familyName}`;
  const { session, status, editors } = useCollaboration(document.id, { id: me.user.id, name: myName });
  const [historyOpen, setHistoryOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  useDocumentEvents(document.group.id);
  const others = editors.filter((e) => e.userId !== me.user.id);

  return (
    <>
      <PageHeader
        title={document.title}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: document.group.name, to: `/groups/${document.group.id}/documents` }, { label: document.title }]}
        actions={
          <Group gap="xs">
            {document.canEdit && (
              <Button variant="default" size="md" leftSection={<IconPencil size={18} aria-hidden />} onClick={() => setRenaming(true)}>
                {t("documents.rename")}
              </Button>
            )}
            <Button component="a" href={documentExportUrl(document.id)} download variant="default" size="md" leftSection={<IconDownload size={18} aria-hidden />}>
              {t("documents.export")}
            </Button>
            <Button
              variant={historyOpen ? "filled" : "light"}
              size="md"
              leftSection={<IconHistory size={18} aria-hidden />}
              onClick={() => setHistoryOpen((open) => !open)}
              aria-expanded={historyOpen}
            >
              {historyOpen ? t("documents.hideHistory") : t("documents.history")}
            </Button>
          </Group>
        }
      />
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Badge size="lg" variant="light" color={statusColour[status]} role="status" data-testid="document-status">
            {t(`documents.status.${status}`)}
          </Badge>
          <Group gap="xs" aria-label={t("documents.editingNow")} role="group" data-testid="document-editors">
            <Text size="sm" fw={600}>
              {t("documents.editingNow")}:
            </Text>
            <Badge variant="filled" style={{ backgroundColor: colourFor(me.user.id) }}>
              {t("documents.you", { name: myName })}
            </Badge>
            {others.length === 0 && (
              <Text size="sm" c="dimmed">
                ({t("documents.onlyYou")})
              </Text>
            )}
            {others.map((e) => (
              <Tooltip key={e.userId} label={e.name}>
                <Badge variant="filled" style={{ backgroundColor: e.color }}>
                  {e.name}
                </Badge>
              </Tooltip>
            ))}
          </Group>
        </Group>
        {!document.canEdit && <Alert color="blue">{t("documents.readOnly")}</Alert>}
        {(status === "denied" || status === "tooLarge") && (
          <Alert color="red" role="alert">
            {t(`documents.status.${status}`)}
          </Alert>
        )}
        {session && status !== "denied" && (
          <CollaborativeEditor label={t("documents.editorLabel")} ydoc={session.ydoc} provider={session.provider} editable={document.canEdit && status !== "tooLarge"} />
        )}
        {historyOpen && <HistoryPanel documentId={document.id} canEdit={document.canEdit} />}
      </Stack>
      <RenameModal documentId={document.id} title={document.title} opened={renaming} onClose={() => setRenaming(false)} />
    </>
  );
}

function RenameModal({ documentId, title, opened, onClose }: { documentId: string; title: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const rename = useRenameDocument(documentId);
  const [value, setValue] = useState(title);
  const [problem, setProblem] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      await rename.mutateAsync(value);
      notifications.show({ color: "green", message: t("documents.renameTitle") });
      onClose();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t("documents.renameTitle")}>
      <form onSubmit={(e) => void handleSubmit(e)}>
        <Stack>
          <TextInput label={t("documents.renameLabel")} value={value} onChange={(e) => setValue(e.currentTarget.value)} maxLength={documentLimits.titleChars} error={problem} required data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("documents.cancel")}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {t("documents.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
