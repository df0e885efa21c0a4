import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconDatabase, IconPlus, IconUsersGroup } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useClass } from "../../api/classes";
import { useGroupSets } from "../../api/groups";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { MyGroupsList } from "./MyGroupsPage";

/** A class's group sets: teachers make and open them; students see their own groups here. */
export function ClassGroupsPage() {
  const { t } = useTranslation();
  const { classId = "" } = useParams();
  const cls = useClass(classId);
  const isStudent = cls.data?.data.myRole === "student";
  const isTeacher = cls.data?.data.myRole === "teacher";
  const title = cls.data ? `${t("groups.title")} · ${cls.data.data.title}` : t("groups.title");
  const crumbs = [
    { label: t("nav.home"), to: "/" },
    { label: cls.data?.data.title ?? "…", to: `/classes/${classId}` },
    { label: t("groups.title") },
  ];

  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={crumbs}
        actions={
          isTeacher ? (
            <Group gap="xs">
              <Button
                component={Link}
                to={`/classes/${classId}/groups/data`}
                variant="default"
                leftSection={<IconDatabase size={16} aria-hidden />}
              >
                {t("groups.studentData")}
              </Button>
              <Button component={Link} to={`/classes/${classId}/groups/new`} leftSection={<IconPlus size={16} aria-hidden />}>
                {t("groups.newSet")}
              </Button>
            </Group>
          ) : undefined
        }
      />
      {cls.isPending ? (
        <ListSkeleton rows={4} cards />
      ) : cls.isError ? (
        <ErrorState error={cls.error} onRetry={() => void cls.refetch()} />
      ) : isStudent ? (
        <StudentView classId={classId} />
      ) : (
        <SetList classId={classId} canCreate={isTeacher} />
      )}
    </>
  );
}

function StudentView({ classId }: { classId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <MyGroupsList classId={classId} />
      <Anchor component={Link} to={`/classes/${classId}/survey`} size="lg">
        {t("groups.survey.studentLink")}
      </Anchor>
    </Stack>
  );
}

function SetList({ classId, canCreate }: { classId: string; canCreate: boolean }) {
  const { t } = useTranslation();
  const sets = useGroupSets(classId);
  if (sets.isPending) return <ListSkeleton rows={4} cards />;
  if (sets.isError) return <ErrorState error={sets.error} onRetry={() => void sets.refetch()} />;
  if (sets.data.length === 0) {
    return (
      <EmptyState
        icon={<IconUsersGroup aria-hidden />}
        title={t("groups.emptyTitle")}
        description={t("groups.emptyText")}
        action={
          canCreate ? (
            <Button component={Link} to={`/classes/${classId}/groups/new`}>
              {t("groups.newSet")}
            </Button>
          ) : undefined
        }
      />
    );
  }
  return (
    <section aria-labelledby="group-sets">
      <Title order={2} id="group-sets" fz="h3" mb="md">
        {t("groups.setsTitle")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {sets.data.map((s) => (
          <Card key={s.id} withBorder radius="md" padding="lg">
            <Stack gap="xs">
              <Anchor component={Link} to={`/group-sets/${s.id}`} fw={600} size="lg">
                {s.name}
              </Anchor>
              <Group gap={6}>
                <Badge variant="light">{t(`groups.strategies.${s.strategy}`)}</Badge>
                <Badge variant="light" color={s.published ? "green" : "gray"}>
                  {s.published ? t("groups.published") : t("groups.draft")}
                </Badge>
                {s.archived && (
                  <Badge color="gray" variant="light">
                    {t("groups.archived")}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {t("groups.counts", { groups: s.groupCount, members: s.memberCount })}
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}
