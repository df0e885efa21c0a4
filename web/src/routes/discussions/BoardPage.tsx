import { Alert, Badge, Button, Group, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconArchive, IconLock, IconMessagePlus, IconPencil, IconPin } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import type { TThreadSummary } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { discussionKeys, useBoard, useThreads, useUpdateBoard } from "../../api/discussions";
import { ConfirmButton } from "../../components/ConfirmButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";
import { useRoom } from "../../realtime";
import { BoardFormModal } from "./BoardFormModal";
import { BoardTeacherLinks } from "./BoardTeacherLinks";
import { NewThreadModal } from "./NewThreadModal";

/** A board: its description, its threads (pinned first, then by last activity) and starting a new one. */
export function BoardPage() {
  const { t } = useTranslation();
  const { boardId = "" } = useParams();
  const [page, setPage] = useState(1);
  const board = useBoard(boardId);
  const threads = useThreads(boardId, page);
  const queryClient = useQueryClient();
  const [starting, starter] = useDisclosure(false);
  const [editing, editor] = useDisclosure(false);
  const update = useUpdateBoard(boardId);
  useRoom(board.data ? `board:${boardId}` : null, () => void queryClient.invalidateQueries({ queryKey: discussionKeys.board(boardId) }));

  const crumbs = [{ label: t("nav.home"), to: "/" }, { label: t("discussions.pageTitle"), to: "/discussions" }];
  if (board.isPending) {
    return (
      <>
        <PageHeader title={t("discussions.loading")} breadcrumbs={crumbs} />
        <ListSkeleton rows={4} />
      </>
    );
  }
  if (board.isError) {
    return (
      <>
        <PageHeader title={t("discussions.pageTitle")} breadcrumbs={crumbs} />
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      </>
    );
  }
  const b = board.data.data;
  const moderate = board.data.policies?.moderate ?? false;
  const canPost = board.data.policies?.post ?? false;
  return (
    <>
      <PageHeader
        title={b.title}
        breadcrumbs={[...crumbs, { label: b.className, to: `/classes/${b.classId}/discussions` }, { label: b.title }]}
        description={b.groupName ? t("discussions.groupBoard", { name: b.groupName }) : b.className}
        actions={
          <Group>
            {canPost && (
              <Button size="md" leftSection={<IconMessagePlus size={18} aria-hidden />} onClick={starter.open}>
                {t("discussions.newThread")}
              </Button>
            )}
            {moderate && (
              <Button variant="light" leftSection={<IconPencil size={16} aria-hidden />} onClick={editor.open}>
                {t("discussions.editBoard")}
              </Button>
            )}
            {moderate && !b.archived && (
              <ConfirmButton
                variant="subtle"
                label={t("discussions.archiveBoard")}
                title={t("discussions.archiveBoard")}
                message={t("discussions.archiveConfirm")}
                onConfirm={() => update.mutateAsync({ archived: true })}
              />
            )}
            {moderate && b.archived && (
              <Button variant="subtle" onClick={() => void update.mutateAsync({ archived: false })}>
                {t("discussions.restoreBoard")}
              </Button>
            )}
            <BoardTeacherLinks boardId={boardId} />
          </Group>
        }
      />
      <Stack gap="lg">
        {b.description && <RichTextView html={b.description} />}
        {b.archived && (
          <Alert color="gray" icon={<IconArchive size={18} aria-hidden />}>
            {t("discussions.boardArchivedNote")}
          </Alert>
        )}
        {b.requiresApproval && <Text size="sm" c="dimmed">{t("discussions.approvalNote")}</Text>}
        {threads.isPending && <ListSkeleton rows={4} />}
        {threads.isError && <ErrorState error={threads.error} onRetry={() => void threads.refetch()} />}
        {threads.data && threads.data.items.length === 0 && (
          <EmptyState
            icon={<IconMessagePlus size={32} aria-hidden />}
            title={t("discussions.threadsEmpty")}
            description={canPost ? t("discussions.threadsEmptyHint") : t("discussions.threadsEmptyReadOnly")}
          />
        )}
        {threads.data && threads.data.items.length > 0 && (
          <>
            <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label={t("discussions.pageTitle")}>
              {threads.data.items.map((thread) => (
                <li key={thread.id}>
                  <ThreadRow thread={thread} />
                </li>
              ))}
            </Stack>
            <Pager page={threads.data.page} pageSize={threads.data.pageSize} total={threads.data.total} onChange={setPage} />
          </>
        )}
      </Stack>
      {canPost && <NewThreadModal opened={starting} onClose={starter.close} boardId={boardId} moderate={moderate} />}
      {moderate && <BoardFormModal opened={editing} onClose={editor.close} classId={b.classId} board={b} />}
    </>
  );
}

function ThreadRow({ thread }: { thread: TThreadSummary }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to={`/discussions/threads/${thread.id}`} w="100%">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={4}>
            <Group gap="xs">
              {thread.pinned && (
                <Badge variant="light" color="orange" leftSection={<IconPin size={12} aria-hidden />}>
                  {t("discussions.pinned")}
                </Badge>
              )}
              <Text fw={700} size="lg" component="span">
                {thread.title}
              </Text>
              {thread.locked && (
                <Badge variant="outline" color="gray" leftSection={<IconLock size={12} aria-hidden />}>
                  {t("discussions.locked")}
                </Badge>
              )}
              {thread.postFirst && <Badge variant="outline">{t("discussions.postFirst")}</Badge>}
              {thread.pending && <Badge color="yellow" c="dark">{t("discussions.pending")}</Badge>}
            </Group>
            <Text size="sm" c="dimmed">
              {t("discussions.startedBy", { name: thread.author.name, date: formatDateTime(thread.lastPostAt) })}
            </Text>
            <Text size="sm">
              {thread.replyCount === null ? t("discussions.repliesHidden") : t("discussions.replies", { count: thread.replyCount })}
            </Text>
          </Stack>
          {(thread.unreadCount ?? 0) > 0 && (
            <Badge size="lg" variant="filled">
              {t("discussions.newCount", { count: thread.unreadCount ?? 0 })}
            </Badge>
          )}
        </Group>
      </Paper>
    </UnstyledButton>
  );
}
