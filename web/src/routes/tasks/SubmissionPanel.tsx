import { ActionIcon, Alert, Anchor, Badge, Button, FileButton, Group, List, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPaperclip, IconTrash } from "@tabler/icons-react";
import type { TGroupSpace, TSubmission } from "@stoa/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { submissionFileUrl, useSpaceActions, useSubmissionVersion, useSubmissionVersions } from "../../api/tasks";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormAlert } from "../../components/FormAlert";
import { useErrorMessage } from "../../components/ErrorState";
import { RichTextEditor } from "../../components/RichTextEditor";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";
import { AddTaskToPortfolio } from "../portfolio/AddTaskToPortfolio";
import { SubmitDocumentSection } from "../documents/SubmitDocumentSection";
import { theirVersion } from "./conflict";

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * The one group submission: any member edits it until the deadline. Saving sends the version the
 * editor started from; if someone saved in between, their version is shown and nothing is lost.
 */
export function SubmissionPanel({ space }: { space: TGroupSpace }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const { submission } = space;
  const actions = useSpaceActions(space.task.id, space.group.id);
  const [body, setBody] = useState(submission.body);
  const [base, setBase] = useState(submission.version);
  const [theirs, setTheirs] = useState<TSubmission | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const versions = useSubmissionVersions(space.task.id, space.group.id, historyOpen);
  const older = useSubmissionVersion(space.task.id, space.group.id, viewing);
  const dirty = body !== submission.body || base !== submission.version;
  const editable = space.viewer.canEdit && !submission.submittedAt;

  // Take in other members' saves while this person has no unsaved changes.
  useEffect(() => {
    if (base === submission.version) return;
    if (body === "" || body === submission.body) {
      setBody(submission.body);
      setBase(submission.version);
    }
  }, [submission.version, submission.body, base, body]);

  async function handleSave() {
    setProblem(null);
    try {
      const saved = await actions.saveSubmission.mutateAsync({ version: base, body });
      setBase(saved.version);
      setBody(saved.body);
      setTheirs(null);
      notifications.show({ color: "green", message: t("tasks.submission.saved", { version: saved.version }) });
    } catch (error) {
      const current = theirVersion<TSubmission>(error);
      if (current) setTheirs(current);
      else setProblem(errorMessage(error));
    }
  }

  async function run(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack>
      <FormAlert message={problem} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {submission.updatedBy
            ? t("tasks.submission.lastSave", {
                version: submission.version,
                name: submission.updatedBy.name,
                date: formatDateTime(submission.updatedAt),
              })
            : t("tasks.submission.notStarted")}
        </Text>
        {submission.submittedAt && submission.submittedBy && (
          <Badge variant="light" color="green" size="lg">
            {t("tasks.submission.handedInBy", { name: submission.submittedBy.name, date: formatDateTime(submission.submittedAt) })}
          </Badge>
        )}
      </Group>
      {theirs && (
        <Alert color="orange" title={t("tasks.conflict.title")}>
          <Stack gap="xs">
            <Text>{t("tasks.conflict.submission", { name: theirs.updatedBy?.name ?? "" })}</Text>
            <Paper withBorder p="sm">
              <RichTextView html={theirs.body} />
            </Paper>
            <Group>
              <Button
                size="sm"
                onClick={() => {
                  setBody(theirs.body);
                  setBase(theirs.version);
                  setTheirs(null);
                }}
              >
                {t("tasks.conflict.useTheirs")}
              </Button>
              <Button
                size="sm"
                variant="default"
                onClick={() => {
                  setBase(theirs.version);
                  setTheirs(null);
                }}
              >
                {t("tasks.conflict.keepMineSubmission")}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {editable ? (
        <RichTextEditor label={t("tasks.submission.label")} value={body} onChange={setBody} minHeight={240} />
      ) : (
        <Paper withBorder p="md" radius="md">
          <Title order={2} fz="h4" mb="xs">
            {t("tasks.submission.label")}
          </Title>
          {submission.body ? <RichTextView html={submission.body} /> : <Text c="dimmed">{t("tasks.submission.empty")}</Text>}
        </Paper>
      )}
      {space.viewer.isMember && <AddTaskToPortfolio taskId={space.task.id} groupId={space.group.id} />}
      {space.viewer.canEdit && (
        <Group>
          {editable && (
            <Button onClick={() => void handleSave()} disabled={!dirty || !!theirs} loading={actions.saveSubmission.isPending}>
              {t("tasks.submission.save")}
            </Button>
          )}
          {!submission.submittedAt ? (
            <ConfirmButton
              danger={false}
              label={t("tasks.submission.submit")}
              title={t("tasks.submission.submit")}
              message={dirty ? t("tasks.submission.submitUnsaved") : t("tasks.submission.submitConfirm")}
              onConfirm={() => run(() => actions.submit.mutateAsync())}
              disabled={dirty}
            />
          ) : (
            <Button variant="default" onClick={() => void run(() => actions.unsubmit.mutateAsync())} loading={actions.unsubmit.isPending}>
              {t("tasks.submission.unsubmit")}
            </Button>
          )}
        </Group>
      )}
      <SubmitDocumentSection space={space} />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="submission-files">
        <Title order={2} fz="h4" id="submission-files" mb="xs">
          {t("tasks.submission.files")}
        </Title>
        {submission.files.length === 0 && <Text c="dimmed">{t("tasks.submission.noFiles")}</Text>}
        <List listStyleType="none" spacing="xs">
          {submission.files.map((f) => (
            <List.Item key={f.id}>
              <Group gap="xs">
                <Anchor href={submissionFileUrl(space.task.id, space.group.id, f.id)} download>
                  {f.name}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {t("tasks.submission.fileLine", { size: kb(f.size), name: f.uploadedBy.name })}
                </Text>
                {editable && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("tasks.submission.removeFile", { name: f.name })}
                    onClick={() => void run(() => actions.removeFile.mutateAsync(f.id))}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
        {editable && (
          <FileButton onChange={(file) => file && void run(() => actions.uploadFile.mutateAsync(file))}>
            {(props) => (
              <Button
                {...props}
                mt="sm"
                variant="light"
                leftSection={<IconPaperclip size={16} aria-hidden />}
                loading={actions.uploadFile.isPending}
              >
                {t("tasks.submission.attach")}
              </Button>
            )}
          </FileButton>
        )}
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="submission-history">
        <Group justify="space-between">
          <Title order={2} fz="h4" id="submission-history">
            {t("tasks.submission.history")}
          </Title>
          <Button variant="subtle" onClick={() => setHistoryOpen((open) => !open)} aria-expanded={historyOpen}>
            {historyOpen ? t("tasks.submission.hideHistory") : t("tasks.submission.showHistory")}
          </Button>
        </Group>
        {historyOpen && versions.isSuccess && versions.data.length === 0 && <Text c="dimmed">{t("tasks.submission.noHistory")}</Text>}
        {historyOpen && versions.isSuccess && (
          <List listStyleType="none" spacing="xs" mt="xs">
            {versions.data.map((v) => (
              <List.Item key={v.version}>
                <Group gap="xs">
                  <Text size="sm">
                    {t("tasks.submission.versionLine", {
                      version: v.version,
                      name: v.author.name,
                      date: formatDateTime(v.at),
                      size: kb(v.size),
                    })}
                  </Text>
                  <Button size="compact-sm" variant="light" onClick={() => setViewing(v.version)}>
                    {t("tasks.submission.view")}
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Paper>
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={t("tasks.submission.versionTitle", { version: viewing ?? 0 })}
        size="lg"
      >
        {older.isSuccess ? <RichTextView html={older.data.body} /> : <Text c="dimmed">{t("common.loading")}</Text>}
        {older.isSuccess && editable && (
          <Button
            mt="md"
            variant="light"
            onClick={() => {
              setBody(older.data.body);
              setViewing(null);
            }}
          >
            {t("tasks.submission.restore")}
          </Button>
        )}
      </Modal>
    </Stack>
  );
}
