import { Badge, Button, Group, Stack, Switch, Text } from "@mantine/core";
import { IconDownload, IconUsersGroup } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { marksCsvUrl, useTaskOverview } from "../../api/peer";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader, type Crumb } from "../../components/PageHeader";
import { GroupPanel } from "./GroupPanel";

const windowColour = { notYet: "gray", open: "green", closed: "blue" } as const;

/** The teacher's overview of a task: each group's progress, ratings, flags and marks; CSV export. */
export function OverviewPage() {
  const { t } = useTranslation();
  const { taskId = "" } = useParams();
  const [raw, setRaw] = useState(false);
  const query = useTaskOverview(taskId, raw);
  const title = t("peer.overview.title");
  const crumbs: Crumb[] = [{ label: t("nav.home"), to: "/" }];

  if (query.isPending) {
    return (
      <>
        <PageHeader title={title} breadcrumbs={[...crumbs, { label: t("peer.overview.crumb") }]} />
        <ListSkeleton rows={6} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={title} breadcrumbs={[...crumbs, { label: t("peer.overview.crumb") }]} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const overview = query.data;
  const { task } = overview;
  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={[...crumbs, { label: task.title, to: `/tasks/${task.id}` }, { label: t("peer.overview.crumb") }]}
        description={
          <Stack gap={4}>
            <Text fw={600}>{task.title}</Text>
            <Text size="sm">{t(`peer.overview.method.${task.method}`, { weight: task.weight })}</Text>
          </Stack>
        }
        actions={
          <Button
            component="a"
            href={marksCsvUrl(task.id, raw)}
            download
            leftSection={<IconDownload size={16} aria-hidden />}
            variant="default"
          >
            {t("peer.overview.export")}
          </Button>
        }
      />
      <Group mb="md" gap="md">
        <Badge color={windowColour[overview.window]} variant="light" size="lg">
          {t(`peer.overview.window.${overview.window}`)}
        </Badge>
        {task.method === "catme" && (
          <Switch label={t("peer.overview.raw")} checked={raw} onChange={(e) => setRaw(e.currentTarget.checked)} />
        )}
      </Group>
      {overview.groups.length === 0 ? (
        <EmptyState icon={<IconUsersGroup aria-hidden />} title={t("peer.overview.empty")} description={t("peer.overview.emptyHint")} />
      ) : (
        <Stack gap="lg">
          {overview.groups.map((g) => (
            <GroupPanel key={g.summary.group.id} taskId={task.id} method={task.method} group={g} criteria={overview.criteria} />
          ))}
        </Stack>
      )}
    </>
  );
}
