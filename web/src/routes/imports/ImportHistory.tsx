import { Anchor, Badge, Table } from "@mantine/core";
import { IconHistory } from "@tabler/icons-react";
import type { TImportRun } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useImports } from "../../api/imports";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { Pager } from "../../components/Pager";
import { formatDateTime } from "../../lib/format";

const statusColor: Record<TImportRun["status"], string> = { succeeded: "green", rejected: "red", failed: "orange" };

/** Status of an import run as a coloured badge. */
export function ImportStatusBadge({ status }: { status: TImportRun["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" tt="none">
      {t(`imports.status.${status}`)}
    </Badge>
  );
}

/** Earlier imports, newest first, each linking to its report. */
export function ImportHistory() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const imports = useImports(page);
  if (imports.isPending) return <ListSkeleton rows={4} />;
  if (imports.isError) return <ErrorState error={imports.error} onRetry={() => void imports.refetch()} />;
  const { items, total, pageSize } = imports.data;
  if (total === 0)
    return (
      <EmptyState icon={<IconHistory aria-hidden />} title={t("imports.historyEmptyTitle")} description={t("imports.historyEmptyText")} />
    );
  return (
    <>
      <Table.ScrollContainer minWidth={600}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("imports.started")}</Table.Th>
              <Table.Th scope="col">{t("imports.file")}</Table.Th>
              <Table.Th scope="col">{t("imports.by")}</Table.Th>
              <Table.Th scope="col">{t("common.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/imports/${run.id}`}>
                    {formatDateTime(run.startedAt)}
                  </Anchor>
                </Table.Th>
                <Table.Td>{run.fileName ?? "—"}</Table.Td>
                <Table.Td>{run.actor?.name ?? "—"}</Table.Td>
                <Table.Td>
                  <ImportStatusBadge status={run.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager page={page} pageSize={pageSize} total={total} onChange={setPage} />
    </>
  );
}
