import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconMessages } from "@tabler/icons-react";
import type { TFeedbackRequest } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFeedbackRequests } from "../../api/portfolio-feedback";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime } from "../../lib/format";
import { PortfolioTabs } from "./PortfolioTabs";

function RequestCard({ request, toMe }: { request: TFeedbackRequest; toMe: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={`request-${request.id}`}>
      <Stack gap={6}>
        <Group justify="space-between">
          <Anchor component={Link} to={`/portfolio/pages/${request.pageId}`} fw={600} id={`request-${request.id}`}>
            {request.pageTitle}
          </Anchor>
          <Badge color={request.closed ? "gray" : "blue"} variant="light" tt="none">
            {request.closed ? t("portfolio.feedback.closed") : t("portfolio.feedback.open")}
          </Badge>
        </Group>
        <Text size="sm">
          {toMe
            ? t("portfolio.feedback.from", { name: request.owner.name, when: formatDateTime(request.createdAt) })
            : t("portfolio.feedback.to", {
                names: request.reviewers.map((r) => `${r.name}${r.answered ? ` (${t("portfolio.feedback.hasAnswered")})` : ""}`).join(", "),
              })}
        </Text>
        {request.message && <Text size="sm">{request.message}</Text>}
        <List size="sm">
          {request.questions.map((q, i) => (
            <List.Item key={i}>{q}</List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

/** Feedback requested from me (to answer) and feedback I asked for. */
export function FeedbackPage() {
  const { t } = useTranslation();
  const requests = useFeedbackRequests();

  function body() {
    if (requests.isPending) return <ListSkeleton rows={3} />;
    if (requests.isError) return <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />;
    const { toMe, mine } = requests.data;
    return (
      <Stack gap="xl">
        <Stack gap="sm" component="section" aria-labelledby="feedback-to-me">
          <Title order={2} fz="h3" id="feedback-to-me">
            {t("portfolio.feedback.toMeTitle")}
          </Title>
          {toMe.length === 0 ? (
            <EmptyState
              icon={<IconMessages aria-hidden />}
              title={t("portfolio.feedback.toMeEmpty")}
              description={t("portfolio.feedback.toMeEmptyText")}
            />
          ) : (
            toMe.map((r) => <RequestCard key={r.id} request={r} toMe />)
          )}
        </Stack>
        <Stack gap="sm" component="section" aria-labelledby="feedback-mine">
          <Title order={2} fz="h3" id="feedback-mine">
            {t("portfolio.feedback.mineTitle")}
          </Title>
          {mine.length === 0 ? (
            <Text c="dimmed">{t("portfolio.feedback.mineEmpty")}</Text>
          ) : (
            mine.map((r) => <RequestCard key={r.id} request={r} toMe={false} />)
          )}
        </Stack>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t("portfolio.feedback.title")}
        breadcrumbs={[{ label: t("portfolio.nav.student"), to: "/portfolio" }, { label: t("portfolio.feedback.title") }]}
      />
      <PortfolioTabs />
      {body()}
    </>
  );
}
