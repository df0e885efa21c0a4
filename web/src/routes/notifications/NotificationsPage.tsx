import { Anchor, Button, Group, Paper, Stack } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMailOutbox, useMarkAllRead, useNotifications } from "../../api/notifications";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { NotificationItem, useOpenNotification } from "../../shell/NotificationBell";

const pageSize = 20;

/** All of my notifications, paged, newest first. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useNotifications(page, pageSize);
  const markAll = useMarkAllRead();
  const open = useOpenNotification();
  const outbox = useMailOutbox(1);

  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("notifications.title") }]}
        actions={
          <Group gap="sm">
            <Button variant="default" component={Link} to="/profile/notifications">
              {t("notifications.preferences")}
            </Button>
            {list.data && list.data.unread > 0 && (
              <Button onClick={() => markAll.mutate()} loading={markAll.isPending}>
                {t("notifications.markAllRead")}
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="md" maw={860}>
        {list.isPending ? (
          <ListSkeleton rows={6} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState icon={<IconBell aria-hidden />} title={t("notifications.empty")} description={t("notifications.emptyHint")} />
        ) : (
          <Paper withBorder radius="md" p="xs">
            <Stack gap={4} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label={t("notifications.title")}>
              {list.data.items.map((item) => (
                <li key={item.id}>
                  <NotificationItem item={item} onOpen={open} />
                </li>
              ))}
            </Stack>
          </Paper>
        )}
        {list.data && <Pager page={page} pageSize={pageSize} total={list.data.total} onChange={setPage} />}
        {outbox.isSuccess && (
          <Anchor component={Link} to="/mail-outbox">
            {t("notifications.outbox")}
          </Anchor>
        )}
      </Stack>
    </>
  );
}
