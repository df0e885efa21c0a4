import { Badge, Group, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconArchive, IconUsersGroup } from "@tabler/icons-react";
import type { TBoard } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Boards as large tappable cards: title, class or group, number of discussions and new posts. */
export function BoardList({ boards, showClass = true }: { boards: TBoard[]; showClass?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {boards.map((board) => (
        <li key={board.id}>
          <UnstyledButton component={Link} to={`/discussions/boards/${board.id}`} w="100%" aria-label={[board.title, board.className, ...(board.unreadCount > 0 ? [t("discussions.newCount", { count: board.unreadCount })] : [])].join(", ")}>
            <Paper withBorder p="md" radius="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4}>
                  <Text fw={700} size="lg">
                    {board.title}
                  </Text>
                  <Group gap="xs">
                    {showClass && <Text size="sm" c="dimmed">{board.className}</Text>}
                    {board.groupName && (
                      <Badge variant="light" leftSection={<IconUsersGroup size={12} aria-hidden />}>
                        {t("discussions.groupBoard", { name: board.groupName })}
                      </Badge>
                    )}
                    {board.archived && (
                      <Badge variant="outline" color="gray" leftSection={<IconArchive size={12} aria-hidden />}>
                        {t("discussions.archived")}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm">{t("discussions.threadCount", { count: board.threadCount })}</Text>
                </Stack>
                {board.unreadCount > 0 && (
                  <Badge size="lg" color="blue" variant="filled">
                    {t("discussions.newCount", { count: board.unreadCount })}
                  </Badge>
                )}
              </Group>
            </Paper>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}
