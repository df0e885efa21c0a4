import { Button } from "@mantine/core";
import { IconMapOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";

/** An address that leads nowhere. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("errors.pageNotFoundTitle")} />
      <EmptyState
        icon={<IconMapOff aria-hidden />}
        title={t("errors.pageNotFoundTitle")}
        description={t("errors.pageNotFoundText")}
        action={
          <Button component={Link} to="/">
            {t("nav.goHome")}
          </Button>
        }
      />
    </>
  );
}
