import { Group, Paper, Stack, Title } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { useCurrentUser } from "../../api/me";
import { RoleBadge } from "../../components/Badges";
import { Details } from "../../components/Details";
import { PageHeader } from "../../components/PageHeader";
import { displayName } from "../../lib/people";
import { ChangePasswordForm } from "./ChangePasswordForm";

/** The signed-in person's own record and password. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { hash } = useLocation();

  useEffect(() => {
    if (hash !== "#change-password") return;
    const section = document.getElementById("change-password");
    section?.scrollIntoView({ block: "start" });
    section?.querySelector<HTMLInputElement>("input")?.focus();
  }, [hash]);

  return (
    <>
      <PageHeader title={t("profile.title")} breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("profile.title") }]} />
      <Stack gap="lg" maw={860}>
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="profile-details">
          <Title order={2} id="profile-details" fz="h3" mb="md">
            {t("profile.about")}
          </Title>
          <Details
            items={[
              { label: t("people.name"), value: displayName(me.user) },
              { label: t("people.username"), value: me.user.username },
              { label: t("people.email"), value: me.user.email },
              { label: t("profile.district"), value: me.district.name },
              {
                label: t("people.roles"),
                value: (
                  <Group gap={4} component="span">
                    {me.roles.map((role) => (
                      <RoleBadge key={role.id} role={role} />
                    ))}
                  </Group>
                ),
              },
            ]}
          />
        </Paper>
        <Paper withBorder p="lg" radius="md" component="section" id="change-password" aria-labelledby="profile-password">
          <Title order={2} id="profile-password" fz="h3" mb="md">
            {t("profile.changePassword")}
          </Title>
          <ChangePasswordForm />
        </Paper>
      </Stack>
    </>
  );
}
