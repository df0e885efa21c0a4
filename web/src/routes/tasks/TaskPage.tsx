import { Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconChartBar, IconPencil } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useParams } from "react-router";
import type { TTask } from "@stoa/contracts";
import { useArchiveTask, useTask, useTaskSummaries, useUpdateTask } from "../../api/tasks";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Details } from "../../components/Details";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";
import { TaskForm } from "./TaskForm";

/** One task: students go straight to their group's space; teachers see settings and every group's progress. */
export function TaskPage() {
  const { t } = useTranslation();
  const { taskId = "" } = useParams();
  const query = useTask(taskId);
  const manage = query.data?.policies?.manage ?? false;
  const crumbs = [{ label: t("nav.home"), to: "/" }];

  if (query.isPending) {
    return (
      <>
        <PageHeader title={t("common.loading")} breadcrumbs={crumbs} />
        <ListSkeleton rows={4} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("tasks.pageTitle")} breadcrumbs={crumbs} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const { task, myGroup } = query.data.data;
  if (myGroup) return <Navigate to={`/tasks/${task.id}/groups/${myGroup.id}`} replace />;
  return <TeacherTaskView task={task} manage={manage} />;
}

function TeacherTaskView({ task, manage }: { task: TTask; manage: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [editing, editor] = useDisclosure(false);
  const update = useUpdateTask(task.id);
  const archive = useArchiveTask(task.id);
  const summaries = useTaskSummaries(task.id, manage);
  const yesNo = (value: boolean) => (value ? t("tasks.yes") : t("tasks.no"));

  return (
    <>
      <PageHeader
        title={task.title}
        breadcrumbs={[
          { label: t("nav.home"), to: "/" },
          { label: t("tasks.classCrumb"), to: `/classes/${task.classId}` },
          { label: task.title },
        ]}
        description={t("tasks.dueLine", { date: formatDateTime(task.dueAt), set: task.setName })}
        actions={
          manage ? (
            <Group>
              <Button
                component={Link}
                to={`/tasks/${task.id}/overview`}
                variant="light"
                leftSection={<IconChartBar size={16} aria-hidden />}
              >
                {t("tasks.overviewLink")}
              </Button>
              <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={editor.open}>
                {t("tasks.edit")}
              </Button>
            </Group>
          ) : undefined
        }
      />
      <Stack gap="xl">
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="task-groups">
          <Title order={2} id="task-groups" fz="h3" mb="md">
            {t("tasks.groupsTitle")}
          </Title>
          {summaries.isPending && <ListSkeleton rows={3} />}
          {summaries.isError && <ErrorState error={summaries.error} onRetry={() => void summaries.refetch()} />}
          {summaries.isSuccess && summaries.data.length === 0 && <Text>{t("tasks.noGroups")}</Text>}
          {summaries.isSuccess && summaries.data.length > 0 && (
            <Table.ScrollContainer minWidth={640}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("tasks.summary.group")}</Table.Th>
                    <Table.Th>{t("tasks.summary.charter")}</Table.Th>
                    <Table.Th>{t("tasks.summary.board")}</Table.Th>
                    <Table.Th>{t("tasks.summary.submission")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summaries.data.map((s) => (
                    <Table.Tr key={s.group.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/tasks/${task.id}/groups/${s.group.id}`}>
                          {s.group.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {s.members.map((m) => m.name).join(", ")}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {s.charterAgreed ? (
                          <Badge variant="light" color="green">
                            {t("tasks.charter.agreed")}
                          </Badge>
                        ) : (
                          <Badge variant="light" color="gray">
                            {t("tasks.summary.notAgreed", { signed: s.charterSignatures, total: s.members.length })}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{t("tasks.summary.cards", { todo: s.cards.todo, doing: s.cards.doing, done: s.cards.done })}</Table.Td>
                      <Table.Td>
                        {s.submission.submittedAt ? (
                          <Badge variant="light" color="green">
                            {t("tasks.submission.handedIn")}
                          </Badge>
                        ) : s.submission.version > 0 ? (
                          t("tasks.summary.draft", { version: s.submission.version })
                        ) : (
                          t("tasks.summary.nothingYet")
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="task-settings">
          <Title order={2} id="task-settings" fz="h3" mb="md">
            {t("tasks.settingsTitle")}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <RichTextView html={task.instructions} />
            <Details
              items={[
                { label: t("tasks.form.set"), value: task.setName },
                { label: t("tasks.form.startsAt"), value: formatDateTime(task.startsAt) },
                { label: t("tasks.form.dueAt"), value: formatDateTime(task.dueAt) },
                { label: t("tasks.form.roles"), value: task.roles.join(", ") },
                { label: t("tasks.form.rotateRoles"), value: task.rotateRoles ? task.phases.join(" → ") : yesNo(false) },
                { label: t("tasks.form.markingScheme"), value: t(`tasks.marking.${task.markingScheme}`) },
                { label: t("tasks.form.peerMethod"), value: t(`tasks.peerMethod.${task.peerMethod}`) },
                { label: t("tasks.form.peerWeight"), value: `${task.peerWeight}%` },
                { label: t("tasks.form.criteria"), value: task.peerCriteria.map((c) => c.label).join(", ") },
                { label: t("tasks.form.includeSelf"), value: yesNo(task.peerIncludeSelf) },
                {
                  label: t("tasks.form.penaltyAmount"),
                  value: `${task.penaltyAmount} ${task.penaltyKind === "percent" ? "%" : t("tasks.form.penaltyPoints")}`,
                },
                { label: t("tasks.form.ratingOpensAt"), value: formatDateTime(task.ratingOpensAt) },
                { label: t("tasks.form.ratingClosesAt"), value: formatDateTime(task.ratingClosesAt) },
              ]}
            />
          </SimpleGrid>
          {manage && (
            <Group justify="flex-end" mt="md">
              <ConfirmButton
                variant="light"
                label={t("tasks.archive")}
                title={t("tasks.archive")}
                message={t("tasks.archiveConfirm")}
                onConfirm={async () => {
                  await archive.mutateAsync();
                  notifications.show({ message: t("tasks.archived") });
                  void navigate(`/classes/${task.classId}`);
                }}
              />
            </Group>
          )}
        </Paper>
      </Stack>
      <Modal opened={editing} onClose={editor.close} title={t("tasks.edit")} size="xl">
        <TaskForm
          mode="edit"
          classId={task.classId}
          task={task}
          onCancel={editor.close}
          onSubmit={async (body) => {
            await update.mutateAsync(body);
            notifications.show({ color: "green", message: t("tasks.saved") });
            editor.close();
          }}
        />
      </Modal>
    </>
  );
}
