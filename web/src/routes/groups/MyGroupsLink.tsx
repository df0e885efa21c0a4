import { Button } from "@mantine/core";
import { IconUsersGroup } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** A student's way from home to their groups. */
export function MyGroupsLink() {
  const { t } = useTranslation();
  return (
    <Button component={Link} to="/my-groups" size="lg" leftSection={<IconUsersGroup size={20} aria-hidden />}>
      {t("groups.mine.link")}
    </Button>
  );
}
