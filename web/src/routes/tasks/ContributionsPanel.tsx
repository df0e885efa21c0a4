import { Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconChartBar } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useContributions } from "../../api/tasks";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";

/** Each member's contribution record, visible to the group and its teachers. */
export function ContributionsPanel({ taskId, groupId }: { taskId: string; groupId: string }) {
  const { t } = useTranslation();
  const query = useContributions(taskId, groupId);
  if (query.isPending) return <ListSkeleton rows={3} cards />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0)
    return (
      <EmptyState
        icon={<IconChartBar size={28} aria-hidden />}
        title={t("tasks.contributions.emptyTitle")}
        description={t("tasks.contributions.emptyText")}
      />
    );
  return (
    <Stack>
      <Text c="dimmed">{t("tasks.contributions.explain")}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {query.data.map((c) => (
          <Paper key={c.user.id} withBorder p="md" radius="md" component="section" aria-label={c.user.name}>
            <Title order={3} fz="h4" mb="xs">
              {c.user.name}
            </Title>
            <Text>{t("tasks.contributions.cards", { done: c.cardsDone, owned: c.cardsOwned })}</Text>
            <Text>{t("tasks.contributions.edits", { count: c.submissionEdits })}</Text>
            <Text>{t("tasks.contributions.actions", { count: c.boardActions })}</Text>
            <Text>{t("tasks.contributions.time", { minutes: Math.round(c.activeSeconds / 60) })}</Text>
            <Text>{c.signedCharter ? t("tasks.contributions.signed") : t("tasks.contributions.notSigned")}</Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
