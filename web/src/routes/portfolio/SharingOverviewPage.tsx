import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDeleteShare, useLinkViews, useRevokeLink, useSharingOverview } from "../../api/portfolio";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime } from "../../lib/format";
import { PortfolioTabs } from "./PortfolioTabs";
import { LinkStatus } from "./SharingPanel";

const subjectUrl = (s: { type: "page" | "collection"; id: string }) => `/portfolio/${s.type === "page" ? "pages" : "collections"}/${s.id}`;

/** When one link was opened (loaded on request). */
function LinkViews({ linkId }: { linkId: string }) {
  const { t } = useTranslation();
  const views = useLinkViews(linkId);
  if (views.isPending) return <ListSkeleton rows={1} />;
  if (views.isError) return <ErrorState error={views.error} onRetry={() => void views.refetch()} />;
  if (views.data.length === 0) return <Text size="sm">{t("portfolio.sharing.neverOpened")}</Text>;
  return (
    <Stack gap={2} component="ul" pl="md">
      {views.data.map((v, i) => (
        <Text key={i} size="sm" component="li">
          {formatDateTime(v.viewedAt)}
        </Text>
      ))}
    </Stack>
  );
}

/** "Who can see what": every share and secret link of the student in one place, with each link's openings. */
export function SharingOverviewPage() {
  const { t } = useTranslation();
  const overview = useSharingOverview();
  const stop = useDeleteShare();
  const revoke = useRevokeLink();
  const [openLink, setOpenLink] = useState<string | null>(null);

  function body() {
    if (overview.isPending) return <ListSkeleton rows={4} />;
    if (overview.isError) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
    const { shares, links } = overview.data;
    if (shares.length === 0 && links.length === 0) {
      return (
        <EmptyState
          icon={<IconLock aria-hidden />}
          title={t("portfolio.sharing.nothingShared")}
          description={t("portfolio.sharing.nothingSharedText")}
        />
      );
    }
    return (
      <Stack gap="xl">
        <Stack gap="sm" component="section" aria-labelledby="who-shares">
          <Title order={2} fz="h3" id="who-shares">
            {t("portfolio.sharing.sharesHeading")}
          </Title>
          {shares.length === 0 ? (
            <Text c="dimmed">{t("portfolio.sharing.noShares")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("portfolio.sharing.what")}</Table.Th>
                    <Table.Th scope="col">{t("portfolio.sharing.whoSees")}</Table.Th>
                    <Table.Th scope="col">{t("portfolio.sharing.since")}</Table.Th>
                    <Table.Th scope="col">{t("common.actions")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shares.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Anchor component={Link} to={subjectUrl(s.subject)}>
                          {s.subject.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {t(`portfolio.sharing.target.${s.targetType}`)}: {s.targetName}
                      </Table.Td>
                      <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => stop.mutate(s.id)}
                          aria-label={t("portfolio.sharing.stopFor", { what: s.subject.title, name: s.targetName })}
                        >
                          {t("portfolio.sharing.stop")}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
        <Stack gap="sm" component="section" aria-labelledby="who-links">
          <Title order={2} fz="h3" id="who-links">
            {t("portfolio.sharing.links")}
          </Title>
          {links.length === 0 && <Text c="dimmed">{t("portfolio.sharing.noLinks")}</Text>}
          {links.map((link) => (
            <Card
              key={link.id}
              withBorder
              radius="md"
              padding="sm"
              component="article"
              aria-label={t("portfolio.sharing.linkTo", { what: link.subject.title })}
            >
              <Group justify="space-between" align="flex-start">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Anchor component={Link} to={subjectUrl(link.subject)} fw={600}>
                      {link.subject.title}
                    </Anchor>
                    {link.label && <Text size="sm">({link.label})</Text>}
                    <LinkStatus status={link.status} />
                  </Group>
                  <Text size="sm">
                    {t("portfolio.sharing.opens", { count: link.viewCount })}
                    {link.lastViewedAt && ` · ${t("portfolio.sharing.lastOpened", { when: formatDateTime(link.lastViewedAt) })}`}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {link.expiresAt
                      ? t("portfolio.sharing.expires", { when: formatDateTime(link.expiresAt) })
                      : t("portfolio.sharing.noExpiry")}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setOpenLink(openLink === link.id ? null : link.id)}
                    aria-expanded={openLink === link.id}
                  >
                    {t("portfolio.sharing.showOpens")}
                  </Button>
                  {link.status === "live" && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => revoke.mutate(link.id)}
                      aria-label={t("portfolio.sharing.revokeFor", { what: link.subject.title })}
                    >
                      {t("portfolio.sharing.revoke")}
                    </Button>
                  )}
                </Group>
              </Group>
              {openLink === link.id && <LinkViews linkId={link.id} />}
            </Card>
          ))}
        </Stack>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t("portfolio.sharing.overviewTitle")}
        breadcrumbs={[{ label: t("portfolio.nav.student"), to: "/portfolio" }, { label: t("portfolio.sharing.overviewTitle") }]}
        description={t("portfolio.sharing.overviewIntro")}
      />
      <PortfolioTabs />
      {body()}
    </>
  );
}
