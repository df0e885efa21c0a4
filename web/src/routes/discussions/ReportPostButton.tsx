import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconFlag } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useReportPost } from "../../api/discussion-moderation";
import { ModerationReasonModal } from "./ModerationReasonModal";

/** "Report" on a post: any reader tells the class's teachers what is wrong with it (once per person). */
export function ReportPostButton(props: { postId: string }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const report = useReportPost();

  async function handleSubmit(reason: string) {
    await report.mutateAsync({ postId: props.postId, reason });
    notifications.show({ color: "green", message: t("discussionModeration.report.sent") });
  }

  return (
    <>
      <Button
        variant="subtle"
        color="gray"
        size="compact-sm"
        leftSection={<IconFlag size={14} aria-hidden />}
        onClick={open}
        aria-label={t("discussionModeration.report.buttonLabel")}
        aria-haspopup="dialog"
      >
        {t("discussionModeration.report.button")}
      </Button>
      <ModerationReasonModal
        opened={opened}
        onClose={close}
        title={t("discussionModeration.report.title")}
        intro={t("discussionModeration.report.intro")}
        help={t("discussionModeration.report.reasonHelp")}
        submitLabel={t("discussionModeration.report.send")}
        onSubmit={handleSubmit}
      />
    </>
  );
}
