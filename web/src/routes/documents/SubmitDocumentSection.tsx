import { Alert, Group, Loader, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TGroupSpace } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useGroupDocuments, useSubmitDocument, useSubmittedDocument } from "../../api/documents";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { formatDateTime } from "../../lib/format";

/**
 * In a task's submission: which shared document was handed in, and (members, before handing in)
 * a way to hand one of the group's documents in instead of typing the submission here.
 */
export function SubmitDocumentSection({ space }: { space: TGroupSpace }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const submitted = useSubmittedDocument(space.task.id, space.group.id);
  const canHandIn = space.viewer.canEdit && !space.submission.submittedAt;
  const documents = useGroupDocuments(space.group.id);
  const submit = useSubmitDocument(space.task.id, space.group.id);
  const [choice, setChoice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const from = space.submission.submittedAt ? submitted.data : null;
  if (!canHandIn && !from) return null;
  const options = (documents.data?.data ?? []).map((d) => ({ value: d.id, label: d.title }));

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="submit-document-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="submit-document-title">
          {t("documents.submit.title")}
        </Title>
        {from && (
          <Alert color="green">
            {t("documents.submit.from", {
              title: from.title,
              number: from.versionNumber,
              name: from.submittedBy.name,
              date: formatDateTime(from.submittedAt),
            })}
          </Alert>
        )}
        {canHandIn && (
          <>
            <Text size="sm">{t("documents.submit.intro")}</Text>
            <FormAlert message={problem} />
            {/* Nothing to choose until the group's documents have loaded (never an empty picker). */}
            {documents.isError ? (
              <FormAlert message={errorMessage(documents.error)} />
            ) : !documents.isSuccess ? (
              <Loader size="sm" aria-label={t("common.loading")} />
            ) : options.length === 0 ? (
              <Text c="dimmed">{t("documents.submit.none")}</Text>
            ) : (
              <Group align="flex-end">
                <Select
                  label={t("documents.submit.choose")}
                  data={options}
                  value={choice}
                  onChange={setChoice}
                  size="md"
                  style={{ flex: 1, minWidth: 220 }}
                />
                <ConfirmButton
                  danger={false}
                  size="md"
                  label={t("documents.submit.button")}
                  title={t("documents.submit.confirmTitle")}
                  message={t("documents.submit.confirmMessage")}
                  disabled={!choice}
                  onConfirm={async () => {
                    setProblem(null);
                    try {
                      if (choice) await submit.mutateAsync(choice);
                      notifications.show({ color: "green", message: t("documents.submit.done") });
                    } catch (error) {
                      setProblem(errorMessage(error));
                    }
                  }}
                />
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
