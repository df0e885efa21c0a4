import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconCopy, IconTemplate } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCopyTemplate, useTemplates } from "../../api/portfolio";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { PortfolioTabs } from "./PortfolioTabs";

/** Templates from the student's teachers; copying one makes the student's own page or collection to fill in. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const templates = useTemplates();
  const copy = useCopyTemplate();
  const [problem, setProblem] = useState<string | null>(null);

  async function handleCopy(id: string) {
    setProblem(null);
    try {
      const made = await copy.mutateAsync(id);
      await navigate(made.kind === "page" ? `/portfolio/pages/${made.id}/edit` : `/portfolio/collections/${made.id}`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  function body() {
    if (templates.isPending) return <ListSkeleton rows={3} cards />;
    if (templates.isError) return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
    if (templates.data.length === 0) {
      return (
        <EmptyState
          icon={<IconTemplate aria-hidden />}
          title={t("portfolio.templates.emptyTitle")}
          description={t("portfolio.templates.emptyText")}
        />
      );
    }
    return (
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 3 }}
        component="ul"
        p={0}
        style={{ listStyle: "none" }}
        aria-label={t("portfolio.templates.title")}
      >
        {templates.data.map((tpl) => (
          <li key={tpl.id}>
            <Card withBorder radius="md" padding="md" component="article" aria-labelledby={`template-${tpl.id}`} h="100%">
              <Stack gap="xs" h="100%" justify="space-between">
                <Stack gap={6}>
                  <Title order={2} fz="lg" id={`template-${tpl.id}`}>
                    {tpl.title}
                  </Title>
                  <Group gap={4}>
                    <Badge variant="light" tt="none">
                      {t(`portfolio.templates.kind.${tpl.kind}`)}
                    </Badge>
                    <Badge variant="outline" tt="none">
                      {tpl.className}
                    </Badge>
                  </Group>
                  {tpl.description && <Text size="sm">{tpl.description}</Text>}
                  <Text size="sm" c="dimmed">
                    {t("portfolio.templates.pages", { count: tpl.pages.length, titles: tpl.pages.map((p) => p.title).join(", ") })}
                  </Text>
                </Stack>
                <Button
                  leftSection={<IconCopy size={16} aria-hidden />}
                  onClick={() => void handleCopy(tpl.id)}
                  loading={copy.isPending && copy.variables === tpl.id}
                  aria-label={t("portfolio.templates.useNamed", { title: tpl.title })}
                >
                  {t("portfolio.templates.use")}
                </Button>
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
        title={t("portfolio.templates.title")}
        breadcrumbs={[{ label: t("portfolio.nav.student"), to: "/portfolio" }, { label: t("portfolio.templates.title") }]}
        description={t("portfolio.templates.intro")}
      />
      <PortfolioTabs />
      <FormAlert message={problem} />
      {body()}
    </>
  );
}
