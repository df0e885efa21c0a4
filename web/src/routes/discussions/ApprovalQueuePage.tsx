import { Button, SegmentedControl, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconChecklist, IconX } from "@tabler/icons-react";
import type { TModeratedPost } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ApiError } from "../../api/client";
import { useApprovals, useApprovePost, useRejectPost } from "../../api/discussion-moderation";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { ModeratedPostCard } from "./ModeratedPostCard";
import { ModerationReasonModal } from "./ModerationReasonModal";

/** One page for a teacher: every post waiting for approval across their classes (or one board). */
export function ApprovalQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const boardParam = params.get("boardId") ?? undefined;
  const [onlyBoard, setOnlyBoard] = useState(true);
  const boardId = onlyBoard ? boardParam : undefined;
  const [page, setPage] = useState(1);
  const query = useApprovals(boardId, page);
  const title = t("discussionModeration.approvals.title");
  const crumbs = [{ label: t("nav.home"), to: "/" }, { label: t("discussionModeration.discussionsCrumb"), to: "/discussions" }, { label: title }];

  return (
    <>
      <PageHeader title={title} breadcrumbs={crumbs} />
      {boardParam && (
        <SegmentedControl
          mb="md"
          aria-label={t("discussionModeration.approvals.scopeLabel")}
          value={onlyBoard ? "board" : "all"}
          onChange={(v) => {
            setOnlyBoard(v === "board");
            setPage(1);
            if (v === "all") setParams({});
          }}
          data={[
            { value: "board", label: t("discussionModeration.approvals.thisBoard") },
            { value: "all", label: t("discussionModeration.approvals.allBoards") },
          ]}
        />
      )}
      {query.isPending ? (
        <ListSkeleton rows={4} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState icon={<IconChecklist aria-hidden />} title={t("discussionModeration.approvals.emptyTitle")} description={t("discussionModeration.approvals.empty")} />
      ) : (
        <>
          <Stack gap="md">
            {query.data.items.map((post) => (
              <PendingPost key={post.id} post={post} />
            ))}
          </Stack>
          <Pager page={page} pageSize={query.data.pageSize} total={query.data.total} onChange={setPage} />
        </>
      )}
    </>
  );
}

function PendingPost({ post }: { post: TModeratedPost }) {
  const { t } = useTranslation();
  const approve = useApprovePost();
  const reject = useRejectPost();
  const [rejecting, { open, close }] = useDisclosure(false);

  async function handleApprove() {
    try {
      await approve.mutateAsync(post.id);
      notifications.show({ color: "green", message: t("discussionModeration.approvals.approved") });
    } catch (error) {
      notifications.show({ color: "red", message: error instanceof ApiError ? error.message : t("errors.unknown") });
    }
  }

  async function handleReject(reason: string) {
    await reject.mutateAsync({ postId: post.id, reason });
    notifications.show({ color: "green", message: t("discussionModeration.approvals.rejected") });
  }

  return (
    <ModeratedPostCard
      post={post}
      actions={
        <>
          <Button
            size="sm"
            leftSection={<IconCheck size={16} aria-hidden />}
            onClick={() => void handleApprove()}
            loading={approve.isPending}
            aria-label={t("discussionModeration.approvals.approveLabel", { name: post.author.name })}
          >
            {t("discussionModeration.approvals.approve")}
          </Button>
          <Button
            size="sm"
            variant="default"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={open}
            aria-haspopup="dialog"
            aria-label={t("discussionModeration.approvals.rejectLabel", { name: post.author.name })}
          >
            {t("discussionModeration.approvals.reject")}
          </Button>
          <ModerationReasonModal
            opened={rejecting}
            onClose={close}
            title={t("discussionModeration.approvals.rejectTitle")}
            intro={t("discussionModeration.approvals.rejectIntro")}
            submitLabel={t("discussionModeration.approvals.reject")}
            danger
            onSubmit={handleReject}
          />
        </>
      }
    />
  );
}
