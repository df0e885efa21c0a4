import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconUsers } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCurrentUser } from "../../api/me";
import { useSharedWithMe } from "../../api/portfolio";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime } from "../../lib/format";
import { portfolioAudience } from "./nav";
import { PortfolioTabs } from "./PortfolioTabs";

/** Pages others shared with me; for a guardian, the pages their children shared with their family. */
export function SharedWithMePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const who = portfolioAudience(me);
  const shared = useSharedWithMe();
  const family = who.guardian && !who.student;
  const title = family ? t("portfolio.shared.familyTitle") : t("portfolio.shared.title");

  function body() {
    if (shared.isPending) return <ListSkeleton rows={3} cards />;
    if (shared.isError) return <ErrorState error={shared.error} onRetry={() => void shared.refetch()} />;
    if (shared.data.items.length === 0) {
      return (
        <EmptyState
          icon={<IconUsers aria-hidden />}
          title={family ? t("portfolio.shared.familyEmpty") : t("portfolio.shared.empty")}
          description={family ? t("portfolio.shared.familyEmptyText") : t("portfolio.shared.emptyText")}
        />
      );
    }
    return (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" p={0} style={{ listStyle: "none" }} aria-label={title}>
        {shared.data.items.map((page) => (
          <li key={page.id}>
            <Card withBorder radius="md" padding="md" component="article" aria-labelledby={`shared-${page.id}`}>
              <Stack gap={6}>
                <Anchor component={Link} to={`/portfolio/pages/${page.id}`} fw={600} id={`shared-${page.id}`}>
                  {page.title}
                </Anchor>
                <Text size="sm">{t("portfolio.page.by", { name: page.owner.name })}</Text>
                <Group gap={4}>
                  <Badge variant="light" tt="none">
                    {t(`portfolio.purposes.${page.purpose}`)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {t("portfolio.pages.updated", { when: formatDateTime(page.updatedAt) })}
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
        title={title}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: title }]}
        description={family ? t("portfolio.shared.familyIntro") : undefined}
      />
      {who.student && <PortfolioTabs />}
      {body()}
    </>
  );
}
