import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useSignup, useSignupChoice } from "../../api/groups";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";

/** Self-signup for students: each group with seats left, one big button to join or leave. */
export function SignupPage() {
  const { t, i18n } = useTranslation();
  const { setId = "" } = useParams();
  const query = useSignup(setId);
  const choose = useSignupChoice(setId);
  const message = useErrorMessage();
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const crumbs = [
    { label: t("nav.home"), to: "/" },
    { label: t("groups.mine.title"), to: "/my-groups" },
    { label: t("groups.signup.title") },
  ];

  if (query.isPending) return <ListSkeleton rows={4} cards />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("groups.signup.title")} breadcrumbs={crumbs} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const view = query.data;
  const handle = (groupId: string | null, name: string) =>
    choose.mutate(groupId, {
      onSuccess: () =>
        notifications.show({ color: "green", message: groupId ? t("groups.signup.joined", { name }) : t("groups.signup.left") }),
      onError: (err) => notifications.show({ color: "red", message: message(err) }),
    });

  return (
    <>
      <PageHeader title={view.set.name} breadcrumbs={crumbs} description={t("groups.signup.title")} />
      <Stack gap="lg">
        {!view.set.open && (
          <Alert color="gray">
            {view.set.opensAt && new Date(view.set.opensAt) > new Date()
              ? t("groups.signup.opens", { when: when(view.set.opensAt) })
              : t("groups.signup.closed")}
          </Alert>
        )}
        {view.set.open && view.set.closesAt && <Text>{t("groups.signup.closes", { when: when(view.set.closesAt) })}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {view.groups.map((g) => {
            const mine = view.myGroupId === g.id;
            return (
              <Card key={g.id} withBorder radius="lg" padding="lg" component="section" aria-labelledby={`g-${g.id}`}>
                <Stack gap="sm">
                  <Group justify="space-between">
                    <Title order={2} fz="h3" id={`g-${g.id}`}>
                      {g.name}
                    </Title>
                    {mine && (
                      <Badge size="lg" color="green" variant="light">
                        {t("groups.signup.yours")}
                      </Badge>
                    )}
                  </Group>
                  <Text size="lg">{g.seatsLeft > 0 ? t("groups.signup.seatsLeft", { count: g.seatsLeft }) : t("groups.signup.full")}</Text>
                  {mine ? (
                    <Button
                      size="lg"
                      variant="default"
                      disabled={!view.set.open}
                      loading={choose.isPending}
                      onClick={() => handle(null, g.name)}
                    >
                      {t("groups.signup.leave", { name: g.name })}
                    </Button>
                  ) : (
                    <Button
                      size="lg"
                      disabled={!view.set.open || g.seatsLeft === 0}
                      loading={choose.isPending}
                      onClick={() => handle(g.id, g.name)}
                    >
                      {t("groups.signup.join", { name: g.name })}
                    </Button>
                  )}
                </Stack>
              </Card>
            );
          })}
        </SimpleGrid>
      </Stack>
    </>
  );
}
