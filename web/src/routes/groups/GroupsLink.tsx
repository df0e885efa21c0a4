import { Button } from "@mantine/core";
import { IconUsersGroup } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The class page's entry to its groups, for those who may see them (teachers, students, school admins). */
export function GroupsLink({ classId, myRole, canAdminister }: { classId: string; myRole: string | null; canAdminister: boolean }) {
  const { t } = useTranslation();
  if (myRole !== "teacher" && myRole !== "student" && !canAdminister) return null;
  return (
    <Button
      component={Link}
      to={`/classes/${classId}/groups`}
      variant="light"
      size="md"
      w="fit-content"
      leftSection={<IconUsersGroup size={18} aria-hidden />}
    >
      {t("groups.classLink")}
    </Button>
  );
}
