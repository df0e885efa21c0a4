import { Anchor, Badge, Button, List, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconKey } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePerson, useUpdatePerson } from "../../api/people";
import { StatusBadge } from "../../components/Badges";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { ResetPasswordModal } from "../../components/ResetPasswordModal";
import { displayName } from "../../lib/people";
import { PersonDetailsForm } from "./PersonDetailsForm";
import { PersonFamily } from "./PersonFamily";
import { PersonRoles } from "./PersonRoles";

/** One person: details, roles, family links and classes, with the actions the caller may take. */
export function PersonPage() {
  const { t } = useTranslation();
  const { personId = "" } = useParams();
  const query = usePerson(personId);
  const update = useUpdatePerson(personId);
  const [resetting, setResetting] = useState(false);
  const crumbs = [
    { label: t("nav.home"), to: "/" },
    { label: t("nav.people"), to: "/people" },
  ];

  if (query.isPending) {
    return (
      <>
        <PageHeader title={t("people.loadingTitle")} breadcrumbs={[...crumbs, { label: t("common.loading") }]} />
        <ListSkeleton rows={6} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("people.pageTitle")} breadcrumbs={[...crumbs, { label: t("people.pageTitle") }]} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const { data: person, policies = {} } = query.data;
  const name = displayName(person);
  const active = person.status === "active";

  async function handleStatus() {
    await update.mutateAsync({ status: active ? "inactive" : "active" });
    notifications.show({ color: "green", message: active ? t("people.deactivated", { name }) : t("people.activated", { name }) });
  }

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[...crumbs, { label: name }]}
        description={<StatusBadge status={person.status} />}
        actions={
          <>
            {policies.resetPassword && (
              <Button variant="default" leftSection={<IconKey size={16} aria-hidden />} onClick={() => setResetting(true)}>
                {t("people.resetPassword")}
              </Button>
            )}
            {policies.edit && (
              <ConfirmButton
                size="sm"
                variant={active ? "outline" : "filled"}
                danger={active}
                label={active ? t("people.deactivate") : t("people.activate")}
                title={active ? t("people.deactivateTitle", { name }) : t("people.activateTitle", { name })}
                message={active ? t("people.deactivateText") : t("people.activateText")}
                onConfirm={handleStatus}
              />
            )}
          </>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="person-details">
          <Title order={2} id="person-details" fz="h3" mb="md">
            {t("people.details")}
          </Title>
          <PersonDetailsForm person={person} canEdit={!!policies.edit} />
        </Paper>
        <PersonRoles person={person} canGrant={!!policies.grantRoles} />
        <PersonFamily person={person} canLink={!!policies.linkChildren} />
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="person-classes">
          <Title order={2} id="person-classes" fz="h3" mb="md">
            {t("people.classes")}
          </Title>
          {person.classes.length === 0 ? (
            <Text c="dimmed">{t("people.noClasses")}</Text>
          ) : (
            <List spacing="xs">
              {person.classes.map((cls) => (
                <List.Item key={cls.id}>
                  <Anchor component={Link} to={`/classes/${cls.id}`}>
                    {cls.title}
                  </Anchor>{" "}
                  <Badge variant="light" color="gray" tt="none" ml={4}>
                    {t(`enrolmentRoles.${cls.role}`, { defaultValue: cls.role })}
                  </Badge>{" "}
                  {cls.status === "inactive" && <StatusBadge status="inactive" />}
                </List.Item>
              ))}
            </List>
          )}
        </Paper>
      </Stack>
      <ResetPasswordModal person={resetting ? { id: person.id, name } : null} onClose={() => setResetting(false)} />
    </>
  );
}
