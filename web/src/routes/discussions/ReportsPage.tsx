import { Button, SegmentedControl, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconEyeOff, IconFlag } from "@tabler/icons-react";
import type { TReport } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useDismissReport, useHideReportedPost, useReports } from "../../api/discussion-moderation";
import { ConfirmButton } from "../../components/ConfirmButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { formatDateTime } from "../../lib/format";
import { ModeratedPostCard } from "./ModeratedPostCard";
import { ModerationReasonModal } from "./ModerationReasonModal";

/** Every report in the teacher's classes in one place: the post, where it is, who reported it and why. */
export function ReportsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const boardId = params.get("boardId") ?? undefined;
  const [status, setStatus] = useState<"open" | "resolved">("open");
  const [page, setPage] = useState(1);
  const query = useReports(boardId, status, page);
  const title = t("discussionModeration.reports.title");
  const crumbs = [{ label: t("nav.home"), to: "/" }, { label: t("discussionModeration.discussionsCrumb"), to: "/discussions" }, { label: title }];

  return (
    <>
      <PageHeader title={title} breadcrumbs={crumbs} />
      <SegmentedControl
        mb="md"
        aria-label={t("discussionModeration.reports.statusLabel")}
        value={status}
        onChange={(v) => {
          setStatus(v === "resolved" ? "resolved" : "open");
          setPage(1);
        }}
        data={[
          { value: "open", label: t("discussionModeration.reports.open") },
          { value: "resolved", label: t("discussionModeration.reports.resolved") },
        ]}
      />
      {query.isPending ? (
        <ListSkeleton rows={4} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState
          icon={<IconFlag aria-hidden />}
          title={t("discussionModeration.reports.emptyTitle")}
          description={status === "open" ? t("discussionModeration.reports.empty") : t("discussionModeration.reports.emptyResolved")}
        />
      ) : (
        <>
          <Stack gap="md">
            {query.data.items.map((report) => (
              <ReportCard key={report.id} report={report} />
            ))}
          </Stack>
          <Pager page={page} pageSize={query.data.pageSize} total={query.data.total} onChange={setPage} />
        </>
      )}
    </>
  );
}

function ReportCard({ report }: { report: TReport }) {
  const { t } = useTranslation();
  const hide = useHideReportedPost();
  const dismiss = useDismissReport();
  const [hiding, { open, close }] = useDisclosure(false);
  const name = report.post.author.name;

  async function handleHide(reason: string) {
    await hide.mutateAsync({ reportId: report.id, reason });
    notifications.show({ color: "green", message: t("discussionModeration.reports.hidden") });
  }

  async function handleDismiss() {
    await dismiss.mutateAsync(report.id);
    notifications.show({ color: "green", message: t("discussionModeration.reports.dismissed") });
  }

  const open_ = report.resolvedAt === null;
  return (
    <ModeratedPostCard
      post={report.post}
      actions={
        open_ ? (
          <>
            <Button
              size="sm"
              color="red"
              leftSection={<IconEyeOff size={16} aria-hidden />}
              onClick={open}
              aria-haspopup="dialog"
              aria-label={t("discussionModeration.reports.hideLabel", { name })}
            >
              {t("discussionModeration.reports.hide")}
            </Button>
            <ConfirmButton
              size="sm"
              variant="default"
              danger={false}
              label={t("discussionModeration.reports.dismiss")}
              ariaLabel={t("discussionModeration.reports.dismissLabel", { name: report.reporter.name })}
              title={t("discussionModeration.reports.dismissTitle")}
              message={t("discussionModeration.reports.dismissMessage")}
              onConfirm={handleDismiss}
            />
            <ModerationReasonModal
              opened={hiding}
              onClose={close}
              title={t("discussionModeration.reports.hideTitle")}
              intro={t("discussionModeration.reports.hideIntro")}
              submitLabel={t("discussionModeration.reports.hide")}
              danger
              onSubmit={handleHide}
            />
          </>
        ) : undefined
      }
    >
      <Stack gap={2} p="xs" bg="var(--mantine-color-default-hover)" style={{ borderRadius: 6 }}>
        <Text size="sm" fw={600}>
          {t("discussionModeration.reports.reportedBy", { name: report.reporter.name, date: formatDateTime(report.createdAt) })}
        </Text>
        <Text size="sm">{t("discussionModeration.reports.reason", { reason: report.reason })}</Text>
        {report.resolution && (
          <Text size="sm" c="dimmed">
            {t(`discussionModeration.reports.resolution.${report.resolution}`)}
          </Text>
        )}
      </Stack>
    </ModeratedPostCard>
  );
}
