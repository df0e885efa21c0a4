import { Button } from "@mantine/core";
import { IconMessages } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The entry to a class's (or a group's) discussion boards, for the class page and the group space. */
export function DiscussionsLink({ classId, groupId }: { classId?: string; groupId?: string }) {
  const { t } = useTranslation();
  const to = groupId ? `/groups/${groupId}/discussions` : `/classes/${classId}/discussions`;
  return (
    <Button component={Link} to={to} variant="light" size="md" w="fit-content" leftSection={<IconMessages size={18} aria-hidden />}>
      {groupId ? t("discussions.openGroupBoards") : t("discussions.openClassBoards")}
    </Button>
  );
}
