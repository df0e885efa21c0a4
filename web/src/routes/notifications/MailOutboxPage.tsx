import { Alert, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { IconMail } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { useMailOutbox } from "../../api/notifications";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { formatDateTime } from "../../lib/format";

/** Development only (no SMTP): the emails Stoa would have sent. */
export function MailOutboxPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const outbox = useMailOutbox(page);
  const unavailable = outbox.error instanceof ApiError && outbox.error.status === 404;

  return (
    <>
      <PageHeader
        title={t("notifications.outbox")}
        description={t("notifications.outboxHint")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("notifications.title"), to: "/notifications" }, { label: t("notifications.outbox") }]}
      />
      <Stack maw={860}>
        {outbox.isPending ? (
          <ListSkeleton rows={4} />
        ) : unavailable ? (
          <Alert color="blue" variant="light">
            {t("notifications.outboxUnavailable")}
          </Alert>
        ) : outbox.isError ? (
          <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />
        ) : outbox.data.items.length === 0 ? (
          <EmptyState icon={<IconMail aria-hidden />} title={t("notifications.outboxEmpty")} description={t("notifications.outboxEmptyHint")} />
        ) : (
          outbox.data.items.map((mail) => (
            <Paper key={mail.id} withBorder p="md" radius="md" component="article" aria-label={mail.subject}>
              <Group justify="space-between" mb="xs">
                <Text fw={700}>{mail.subject}</Text>
                <Badge variant="light">{t(`notifications.mailStatus.${mail.status}`)}</Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {t("notifications.to")}: {mail.to} · {formatDateTime(mail.createdAt)}
              </Text>
              <Text size="sm" mt="xs" style={{ whiteSpace: "pre-wrap" }}>
                {mail.text}
              </Text>
            </Paper>
          ))
        )}
        {outbox.data && <Pager page={page} pageSize={20} total={outbox.data.total} onChange={setPage} />}
      </Stack>
    </>
  );
}
