import { Button, Group } from "@mantine/core";
import { IconChecklist, IconFlag } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useBoardTeacherTools } from "../../api/discussion-moderation";

/** The board page's links to the approval queue and the reports of this board; nothing for students. */
export function BoardTeacherLinks(props: { boardId: string }) {
  const { t } = useTranslation();
  const tools = useBoardTeacherTools(props.boardId);
  if (!tools.data?.read) return null;
  const { pendingCount, openReportCount } = tools.data;
  return (
    <Group gap="xs">
      <Button
        component={Link}
        to={`/discussions/approvals?boardId=${props.boardId}`}
        variant={pendingCount > 0 ? "light" : "default"}
        size="sm"
        leftSection={<IconChecklist size={16} aria-hidden />}
      >
        {pendingCount > 0 ? t("discussionModeration.approvals.linkCount", { count: pendingCount }) : t("discussionModeration.approvals.link")}
      </Button>
      <Button
        component={Link}
        to={`/discussions/reports?boardId=${props.boardId}`}
        variant={openReportCount > 0 ? "light" : "default"}
        color={openReportCount > 0 ? "red" : undefined}
        size="sm"
        leftSection={<IconFlag size={16} aria-hidden />}
      >
        {openReportCount > 0 ? t("discussionModeration.reports.linkCount", { count: openReportCount }) : t("discussionModeration.reports.link")}
      </Button>
    </Group>
  );
}
