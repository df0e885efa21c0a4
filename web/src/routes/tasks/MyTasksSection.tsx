import { Badge, Card, Group, SimpleGrid, Text, Title } from "@mantine/core";
import { IconUsersGroup } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMyTasks } from "../../api/tasks";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { formatDateTime } from "../../lib/format";

/** A student's group tasks as big cards leading straight to their group's space. */
export function MyTasksSection() {
  const { t } = useTranslation();
  const query = useMyTasks();
  return (
    <section aria-labelledby="my-group-tasks">
      <Title order={2} id="my-group-tasks" mb="md" fz="h2">
        {t("tasks.mine.title")}
      </Title>
      {query.isPending && <ListSkeleton rows={2} cards />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && query.data.length === 0 && (
        <EmptyState
          icon={<IconUsersGroup size={28} aria-hidden />}
          title={t("tasks.mine.emptyTitle")}
          description={t("tasks.mine.emptyText")}
        />
      )}
      {query.isSuccess && query.data.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {query.data.map((item) => (
            <Card
              key={item.task.id}
              withBorder
              radius="md"
              padding="lg"
              component={Link}
              to={`/tasks/${item.task.id}/groups/${item.group.id}`}
            >
              <Text fw={700} fz="xl">
                {item.task.title}
              </Text>
              <Text>{t("tasks.mine.groupLine", { group: item.group.name, className: item.className })}</Text>
              <Group mt="sm" gap="xs">
                <Text size="sm">{t("tasks.mine.due", { date: formatDateTime(item.task.dueAt) })}</Text>
                {item.submitted && (
                  <Badge variant="light" color="green">
                    {t("tasks.submission.handedIn")}
                  </Badge>
                )}
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}
