import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconUsersGroup } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useClassTasks, useCreateTask } from "../../api/tasks";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { formatDateTime } from "../../lib/format";
import { TaskForm } from "./TaskForm";

/** The "Group tasks" section of a class page: teachers list and create tasks; students open theirs. */
export function ClassTasksSection({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const query = useClassTasks(classId);
  const create = useCreateTask();
  const navigate = useNavigate();
  const [creating, creator] = useDisclosure(false);
  const manage = query.data?.policies?.manage ?? false;

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="class-tasks">
      <Group justify="space-between" mb="md">
        <Title order={2} id="class-tasks" fz="h3">
          {t("tasks.sectionTitle")}
        </Title>
        {manage && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={creator.open}>
            {t("tasks.new")}
          </Button>
        )}
      </Group>
      {query.isPending && <ListSkeleton rows={2} />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && query.data.data.length === 0 && (
        <EmptyState
          icon={<IconUsersGroup size={28} aria-hidden />}
          title={t("tasks.emptyTitle")}
          description={manage ? t("tasks.emptyTeacher") : t("tasks.emptyStudent")}
        />
      )}
      {query.isSuccess && query.data.data.length > 0 && (
        <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {query.data.data.map((task) => (
            <Paper key={task.id} withBorder p="md" radius="md" component="li">
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2}>
                  <Anchor component={Link} to={`/tasks/${task.id}`} fw={600} fz="lg">
                    {task.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t("tasks.dueLine", { date: formatDateTime(task.dueAt), set: task.setName })}
                  </Text>
                </Stack>
                {Date.parse(task.dueAt) < Date.now() && (
                  <Badge variant="light" color="gray">
                    {t("tasks.closed")}
                  </Badge>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Modal opened={creating} onClose={creator.close} title={t("tasks.new")} size="xl">
        <TaskForm
          mode="create"
          classId={classId}
          onCancel={creator.close}
          onSubmit={async (body) => {
            const task = await create.mutateAsync(body);
            notifications.show({ color: "green", message: t("tasks.created") });
            creator.close();
            void navigate(`/tasks/${task.id}`);
          }}
        />
      </Modal>
    </Paper>
  );
}
