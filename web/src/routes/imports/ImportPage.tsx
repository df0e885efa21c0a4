import { Button, Paper, Stack, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { exportUrl, useUploadRoster } from "../../api/imports";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import { ImportHistory } from "./ImportHistory";
import { ImportResult } from "./ImportResult";
import { RosterDropzone } from "./RosterDropzone";

/** Upload a OneRoster bundle, see what it changed (or why it was refused), list earlier imports, export. */
export function ImportPage() {
  const { t } = useTranslation();
  const [progress, setProgress] = useState(0);
  const upload = useUploadRoster(setProgress);

  function handleFile(file: File) {
    setProgress(0);
    upload.mutate(file);
  }

  return (
    <>
      <PageHeader
        title={t("nav.imports")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("nav.imports") }]}
        description={t("imports.intro")}
        actions={
          <Button component="a" href={exportUrl} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
            {t("imports.export")}
          </Button>
        }
      />
      <Stack gap="xl">
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="import-upload">
          <Title order={2} id="import-upload" fz="h3" mb="md">
            {t("imports.uploadTitle")}
          </Title>
          <RosterDropzone onFile={handleFile} busy={upload.isPending} progress={progress} fileName={upload.variables?.name ?? null} />
          {upload.isError && (
            <Stack mt="md">
              <ErrorState error={upload.error} title={t("imports.uploadFailed")} />
            </Stack>
          )}
        </Paper>
        {upload.data && (
          <section aria-labelledby="import-result" aria-live="polite">
            <Title order={2} id="import-result" fz="h3" mb="md">
              {t("imports.resultTitle")}
            </Title>
            <ImportResult run={upload.data} />
          </section>
        )}
        <section aria-labelledby="import-history">
          <Title order={2} id="import-history" fz="h3" mb="md">
            {t("imports.historyTitle")}
          </Title>
          <ImportHistory />
        </section>
      </Stack>
    </>
  );
}
