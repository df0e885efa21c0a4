import { Anchor, Card, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconSchool } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useClasses } from "../../../api/classes";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { ListSkeleton } from "../../../components/ListSkeleton";
import { PageHeader } from "../../../components/PageHeader";

/** A teacher's classes, each leading to its portfolio submissions, rubrics, templates and prompts. */
export function TeachPage() {
  const { t } = useTranslation();
  const classes = useClasses({ status: "active", pageSize: 100 });

  function body() {
    if (classes.isPending) return <ListSkeleton rows={4} cards />;
    if (classes.isError) return <ErrorState error={classes.error} onRetry={() => void classes.refetch()} />;
    if (classes.data.items.length === 0) {
      return (
        <EmptyState
          icon={<IconSchool aria-hidden />}
          title={t("portfolio.teach.noClasses")}
          description={t("portfolio.teach.noClassesText")}
        />
      );
    }
    return (
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 3 }}
        component="ul"
        p={0}
        style={{ listStyle: "none" }}
        aria-label={t("portfolio.teach.classes")}
      >
        {classes.data.items.map((c) => (
          <li key={c.id}>
            <Card withBorder radius="md" padding="md" component="article" aria-labelledby={`teach-${c.id}`}>
              <Stack gap={4}>
                <Anchor component={Link} to={`/portfolio/teach/${c.id}`} fw={600} id={`teach-${c.id}`}>
                  {c.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {t("portfolio.teach.studentCount", { count: c.studentCount })}
                </Text>
              </Stack>
            </Card>
          </li>
        ))}
      </SimpleGrid>
    );
  }

  return (
    <>
      <PageHeader
        title={t("portfolio.teach.title")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("portfolio.nav.teacher") }]}
        description={t("portfolio.teach.intro")}
      />
      {body()}
    </>
  );
}
