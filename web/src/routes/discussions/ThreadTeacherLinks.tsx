import { Alert, Button, Group, Text } from "@mantine/core";
import { IconChecklist, IconDownload, IconFlag, IconSchool, IconStar } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { threadExportUrl, useMyDiscussionGrade, useThreadTeacherTools } from "../../api/discussion-moderation";

/**
 * The thread page's teacher links: grading (or making the thread graded), download, and the queue
 * and reports when something waits. Students see no links, only their own mark when they have one.
 */
export function ThreadTeacherLinks(props: { threadId: string }) {
  const { t } = useTranslation();
  const tools = useThreadTeacherTools(props.threadId);
  if (!tools.data) return null;
  if (!tools.data.read) return <MyDiscussionGrade threadId={props.threadId} />;
  const { boardId, pendingCount, openReportCount, gradedMaxPoints } = tools.data;
  return (
    <Group gap="xs">
      <Button component={Link} to={`/discussions/threads/${props.threadId}/grading`} variant="default" size="sm" leftSection={<IconSchool size={16} aria-hidden />}>
        {gradedMaxPoints ? t("discussionModeration.grading.linkGraded", { max: gradedMaxPoints }) : t("discussionModeration.grading.setGraded")}
      </Button>
      <Button
        component="a"
        href={threadExportUrl(props.threadId)}
        download
        variant="default"
        size="sm"
        leftSection={<IconDownload size={16} aria-hidden />}
        aria-label={t("discussionModeration.grading.exportLabel")}
      >
        {t("discussionModeration.grading.export")}
      </Button>
      {pendingCount > 0 && (
        <Button component={Link} to={`/discussions/approvals?boardId=${boardId}`} variant="light" size="sm" leftSection={<IconChecklist size={16} aria-hidden />}>
          {t("discussionModeration.approvals.linkCount", { count: pendingCount })}
        </Button>
      )}
      {openReportCount > 0 && (
        <Button component={Link} to={`/discussions/reports?boardId=${boardId}`} variant="light" color="red" size="sm" leftSection={<IconFlag size={16} aria-hidden />}>
          {t("discussionModeration.reports.linkCount", { count: openReportCount })}
        </Button>
      )}
    </Group>
  );
}

/** A student's own mark and comment in a graded thread (the only place a student sees it); nothing before marking. */
export function MyDiscussionGrade(props: { threadId: string }) {
  const { t } = useTranslation();
  const mine = useMyDiscussionGrade(props.threadId);
  const grade = mine.data?.grade;
  if (!grade || !mine.data?.maxPoints) return null;
  return (
    <Alert color="blue" variant="light" icon={<IconStar aria-hidden />} title={t("discussionModeration.myGrade.title")} role="region" aria-label={t("discussionModeration.myGrade.title")}>
      <Text fw={600}>{t("discussionModeration.myGrade.points", { points: grade.points, max: mine.data.maxPoints })}</Text>
      {grade.comment && <Text size="sm">{t("discussionModeration.myGrade.comment", { comment: grade.comment })}</Text>}
    </Alert>
  );
}
