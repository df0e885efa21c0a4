import { Alert, Badge, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import type { TImportRun } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format";
import { ProblemTable } from "./ProblemTable";

/** What an import did: counts per kind when it succeeded, the problem report when it was rejected. */
export function ImportResult({ run }: { run: TImportRun }) {
  const { t } = useTranslation();
  const when = formatDateTime(run.finishedAt ?? run.startedAt);
  const notes = run.problems.filter((p) => p.severity === "note");

  if (run.status !== "succeeded") {
    const errors = run.problems.filter((p) => p.severity === "error");
    return (
      <Stack>
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={run.status === "rejected" ? t("imports.rejectedTitle") : t("imports.failedTitle")}
        >
          {run.status === "rejected" ? t("imports.rejectedText", { count: errors.length }) : t("imports.failedText")}
        </Alert>
        {run.problems.length > 0 && (
          <ProblemTable problems={run.problems} caption={t("imports.problemsCaption", { file: run.fileName ?? "", when })} />
        )}
      </Stack>
    );
  }

  const counts = Object.entries(run.summary?.counts ?? {});
  return (
    <Stack>
      <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title={t("imports.succeededTitle")}>
        {t("imports.succeededText", { file: run.fileName ?? "", when, seconds: ((run.summary?.durationMs ?? 0) / 1000).toFixed(1) })}
        {run.summary?.version && <Text size="sm">{t("imports.version", { version: run.summary.version })}</Text>}
      </Alert>
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing="xs" captionSide="top">
          <Table.Caption>{t("imports.summaryCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("imports.kind")}</Table.Th>
              <Table.Th scope="col">{t("imports.mode")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("imports.created")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("imports.updated")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("imports.deactivated")}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t("imports.unchanged")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {counts.map(([kind, c]) => (
              <Table.Tr key={kind}>
                <Table.Th scope="row">{t(`imports.kinds.${kind}`, { defaultValue: kind })}</Table.Th>
                <Table.Td>
                  {run.summary?.mode[kind] ? (
                    <Badge variant="light" color="gray" tt="none">
                      {t(`imports.modes.${run.summary.mode[kind]}`)}
                    </Badge>
                  ) : (
                    "—"
                  )}
                </Table.Td>
                <Table.Td ta="right">{c.created}</Table.Td>
                <Table.Td ta="right">{c.updated}</Table.Td>
                <Table.Td ta="right">{c.deactivated}</Table.Td>
                <Table.Td ta="right">{c.unchanged}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {notes.length > 0 && <ProblemTable problems={notes} caption={t("imports.notesCaption")} />}
    </Stack>
  );
}
