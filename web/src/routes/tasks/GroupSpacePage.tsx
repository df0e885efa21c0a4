import { Alert, Badge, Button, Group, Stack, Tabs, Text } from "@mantine/core";
import { IconChecklist, IconFileText, IconFiles, IconLayoutKanban, IconMessages, IconStar, IconUsers, IconWriting } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useGroupSpace } from "../../api/tasks";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { DiscussionsLink } from "../discussions/DiscussionsLink";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";
import { BoardPanel } from "./BoardPanel";
import { DocumentsPanel } from "../documents/DocumentsPanel";
import { ChatPanel } from "../chat/ChatPanel";
import { CharterPanel } from "./CharterPanel";
import { ContributionsPanel } from "./ContributionsPanel";
import { RolesPanel } from "./RolesPanel";
import { SubmissionPanel } from "./SubmissionPanel";
import { useHeartbeat } from "./useHeartbeat";
import { useLiveGroupSpace } from "../../realtime/live";

const tabs = ["team", "charter", "board", "documents", "submission", "contributions", "chat"] as const;
type Tab = (typeof tabs)[number];

/** A group's space for a task: members and roles, charter, board, submission and contributions. */
export function GroupSpacePage() {
  const { t } = useTranslation();
  const { taskId = "", groupId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const query = useGroupSpace(taskId, groupId);
  const member = query.data?.viewer.isMember ?? false;
  useHeartbeat(taskId, groupId, member && !(query.data?.deadlinePassed ?? true));
  useLiveGroupSpace(taskId, groupId);
  const tab: Tab = tabs.includes(search.get("tab") as Tab) ? (search.get("tab") as Tab) : "team";
  const crumbs = [{ label: t("nav.home"), to: "/" }];

  if (query.isPending) {
    return (
      <>
        <PageHeader title={t("common.loading")} breadcrumbs={crumbs} />
        <ListSkeleton rows={5} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("tasks.space.title")} breadcrumbs={crumbs} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const space = query.data;
  const { task } = space;
  const parent = space.viewer.isTeacher
    ? [{ label: task.title, to: `/tasks/${task.id}` }]
    : [{ label: t("tasks.classCrumb"), to: `/classes/${task.classId}` }];

  return (
    <>
      <PageHeader
        title={t("tasks.space.heading", { task: task.title, group: space.group.name })}
        breadcrumbs={[...crumbs, ...parent, { label: space.group.name }]}
        description={t("tasks.space.due", { date: formatDateTime(task.dueAt) })}
        actions={
          space.ratingOpen && member ? (
            // The rating form belongs to peer assessment (/tasks/:taskId/rate).
            <Button component={Link} to={`/tasks/${task.id}/rate`} leftSection={<IconStar size={18} aria-hidden />} size="md">
              {t("tasks.space.rate")}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="md">
        {space.viewer.isTeacher && <Alert color="blue">{t("tasks.space.teacherView")}</Alert>}
        {space.deadlinePassed && <Alert color="gray">{t("tasks.space.closed")}</Alert>}
        <DiscussionsLink groupId={space.group.id} />
        {task.instructions && (
          <details>
            <summary>
              <Text component="span" fw={600}>
                {t("tasks.space.instructions")}
              </Text>
            </summary>
            <RichTextView html={task.instructions} />
          </details>
        )}
        <Group gap="xs">
          {space.charter.agreed ? (
            <Badge variant="light" color="green">
              {t("tasks.charter.agreed")}
            </Badge>
          ) : (
            <Badge variant="light" color="gray">
              {t("tasks.charter.notAgreed")}
            </Badge>
          )}
          {space.submission.submittedAt && (
            <Badge variant="light" color="green">
              {t("tasks.submission.handedIn")}
            </Badge>
          )}
        </Group>
        <Tabs
          value={tab}
          onChange={(value) => setSearch(value && value !== "team" ? { tab: value } : {}, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="team" leftSection={<IconUsers size={18} aria-hidden />}>
              {t("tasks.tabs.team")}
            </Tabs.Tab>
            <Tabs.Tab value="charter" leftSection={<IconWriting size={18} aria-hidden />}>
              {t("tasks.tabs.charter")}
            </Tabs.Tab>
            <Tabs.Tab value="board" leftSection={<IconLayoutKanban size={18} aria-hidden />}>
              {t("tasks.tabs.board")}
            </Tabs.Tab>
            <Tabs.Tab value="documents" leftSection={<IconFiles size={18} aria-hidden />}>
              {t("documents.tab")}
            </Tabs.Tab>
            <Tabs.Tab value="submission" leftSection={<IconFileText size={18} aria-hidden />}>
              {t("tasks.tabs.submission")}
            </Tabs.Tab>
            <Tabs.Tab value="contributions" leftSection={<IconChecklist size={18} aria-hidden />}>
              {t("tasks.tabs.contributions")}
            </Tabs.Tab>
            <Tabs.Tab value="chat" leftSection={<IconMessages size={18} aria-hidden />}>
              {t("chat.title")}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="team" pt="md">
            <RolesPanel space={space} />
          </Tabs.Panel>
          <Tabs.Panel value="charter" pt="md">
            <CharterPanel space={space} />
          </Tabs.Panel>
          <Tabs.Panel value="board" pt="md">
            <BoardPanel space={space} />
          </Tabs.Panel>
          <Tabs.Panel value="documents" pt="md">
            <DocumentsPanel groupId={space.group.id} />
          </Tabs.Panel>
          <Tabs.Panel value="submission" pt="md">
            <SubmissionPanel space={space} />
          </Tabs.Panel>
          <Tabs.Panel value="contributions" pt="md">
            <ContributionsPanel taskId={task.id} groupId={space.group.id} />
          </Tabs.Panel>
          <Tabs.Panel value="chat" pt="md">
            <ChatPanel target={{ kind: "group", id: space.group.id }} showOpenLink />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
