import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconUsersGroup } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCurrentUser } from "../../api/me";
import { useMyGroups } from "../../api/groups";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";

/** The student's groups in every class, as big cards with their teammates' names. */
export function MyGroupsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("groups.mine.title")} breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("groups.mine.title") }]} />
      <MyGroupsList />
    </>
  );
}

/** The student's groups (of one class when classId is given). */
export function MyGroupsList({ classId }: { classId?: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const query = useMyGroups();
  if (query.isPending) return <ListSkeleton rows={3} cards />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.filter((g) => !classId || g.set.classId === classId);
  if (items.length === 0)
    return <EmptyState icon={<IconUsersGroup aria-hidden />} title={t("groups.mine.empty")} description={t("groups.mine.emptyText")} />;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {items.map(({ set, group }) => (
        <Card key={set.id} withBorder radius="lg" padding="lg" component="section" aria-labelledby={`set-${set.id}`}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} fz="h3" id={`set-${set.id}`}>
                {group ? group.name : set.name}
              </Title>
              <Badge variant="light" size="lg">
                {set.classTitle}
              </Badge>
            </Group>
            <Text c="dimmed">{set.name}</Text>
            {group ? (
              <>
                <Text fw={600}>{t("groups.mine.members")}</Text>
                <List size="lg" spacing={4}>
                  {group.members.map((m) => (
                    <List.Item key={m.userId}>
                      {m.name} {m.userId === me.user.id && t("groups.mine.you")}
                    </List.Item>
                  ))}
                </List>
              </>
            ) : (
              <Text>{t("groups.mine.notPlaced")}</Text>
            )}
            {group && (
              <Button component={Link} to={`/groups/${group.id}/documents`} size="lg" variant="light" aria-label={`${t("documents.tab")}: ${group.name}`}>
                {t("documents.tab")}
              </Button>
            )}
            {group && (
              <Button
                component={Link}
                to={`/groups/${group.id}/brainstorm`}
                size="lg"
                variant="light"
                aria-label={`${t("brainstorm.classLink")}: ${group.name}`}
              >
                {t("brainstorm.classLink")}
              </Button>
            )}
            {set.strategy === "selfSignup" && (
              <Button component={Link} to={`/group-sets/${set.id}/signup`} size="lg" variant={group ? "default" : "filled"}>
                {t("groups.mine.signUp")}
              </Button>
            )}
            {!classId && (
              <Anchor component={Link} to={`/classes/${set.classId}`}>
                {set.classTitle}
              </Anchor>
            )}
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}
