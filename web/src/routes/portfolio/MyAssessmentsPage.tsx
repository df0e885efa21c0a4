import { Anchor, Badge, Card, Group, Stack, Text } from "@mantine/core";
import { IconChecklist } from "@tabler/icons-react";
import type { TSubmissionStatusRow } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { exportUrls } from "../../api/portfolio";
import { useMyAssessments } from "../../api/portfolio-feedback";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime } from "../../lib/format";
import { Button } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { PortfolioTabs } from "./PortfolioTabs";

/** A submission status in words with a colour that is never the only signal. */
export function SubmissionStatusBadge({ status }: { status: TSubmissionStatusRow["status"] }) {
  const { t } = useTranslation();
  const color = { not_submitted: "gray", submitted: "blue", assessed: "violet", returned: "green" }[status];
  return (
    <Badge color={color} variant="light" tt="none">
      {t(`portfolio.assess.status.${status}`)}
    </Badge>
  );
}

/** The student's portfolio assessments: what to submit, what was submitted, and results; plus export. */
export function MyAssessmentsPage() {
  const { t } = useTranslation();
  const assessments = useMyAssessments();

  function body() {
    if (assessments.isPending) return <ListSkeleton rows={3} />;
    if (assessments.isError) return <ErrorState error={assessments.error} onRetry={() => void assessments.refetch()} />;
    if (assessments.data.length === 0) {
      return (
        <EmptyState
          icon={<IconChecklist aria-hidden />}
          title={t("portfolio.assess.mineEmpty")}
          description={t("portfolio.assess.mineEmptyText")}
        />
      );
    }
    return (
      <Stack gap="sm" component="ul" p={0} style={{ listStyle: "none" }} aria-label={t("portfolio.assess.mineTitle")}>
        {assessments.data.map((a) => (
          <Card key={a.id} component="li" withBorder radius="md" padding="md">
            <Stack gap={6}>
              <Group justify="space-between">
                <Text fw={600}>
                  {a.title}
                  {a.className && ` · ${a.className}`}
                </Text>
                <SubmissionStatusBadge status={a.status} />
              </Group>
              {a.instructions && <Text size="sm">{a.instructions}</Text>}
              {a.dueAt && (
                <Text size="sm" c="dimmed">
                  {t("portfolio.assess.due", { when: formatDateTime(a.dueAt) })}
                </Text>
              )}
              {a.submissionId ? (
                <Anchor component={Link} to={`/portfolio/submissions/${a.submissionId}?class=${a.classId}&rubric=${a.rubricId}`}>
                  {a.status === "returned" ? t("portfolio.assess.seeResult") : t("portfolio.assess.seeSubmission")}
                </Anchor>
              ) : (
                <Text size="sm">{t("portfolio.assess.howToSubmit")}</Text>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t("portfolio.assess.mineTitle")}
        breadcrumbs={[{ label: t("portfolio.nav.student"), to: "/portfolio" }, { label: t("portfolio.assess.mineTitle") }]}
        actions={
          <>
            <Button component="a" href={exportUrls.html} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              {t("portfolio.export.html")}
            </Button>
            <Button component="a" href={exportUrls.leap2a} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              {t("portfolio.export.leap2a")}
            </Button>
          </>
        }
      />
      <PortfolioTabs />
      {body()}
    </>
  );
}
