import type { TAbilities, TMe } from "@stoa/contracts";
import { Outlet } from "react-router";
import { useTranslation } from "react-i18next";
import { IconLock } from "@tabler/icons-react";
import { Button } from "@mantine/core";
import { Link } from "react-router";
import { useCurrentUser } from "../api/me";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";

/** Shows its child routes only to people with the ability (or passing `allow`); others get a plain explanation. */
export function RequireAbility({ ability, allow }: { ability?: keyof TAbilities; allow?: (me: TMe) => boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if ((ability && me.abilities[ability]) || allow?.(me)) return <Outlet />;
  return (
    <>
      <PageHeader title={t("errors.forbiddenTitle")} />
      <EmptyState
        icon={<IconLock aria-hidden />}
        title={t("errors.forbiddenTitle")}
        description={t("errors.forbiddenText")}
        action={
          <Button component={Link} to="/">
            {t("nav.goHome")}
          </Button>
        }
      />
    </>
  );
}
