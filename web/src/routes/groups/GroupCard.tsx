import { ActionIcon, Badge, Button, Group, List, Menu, Paper, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconArrowsExchange, IconLock, IconLockOpen } from "@tabler/icons-react";
import { useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TGroup } from "@stoa/contracts";

const DRAG_TYPE = "application/x-stoa-student";
export const percent = (v: number) => `${Math.round(v * 100)}%`;

interface Target {
  id: string | null;
  name: string;
}

interface MemberProps {
  userId: string;
  name: string;
  locked?: boolean;
  targets: Target[];
  manage: boolean;
  onMove: (userId: string, toGroupId: string | null) => void;
  onLock?: (userId: string, locked: boolean) => void;
}

/** One student on the board: draggable, with a "Move to" menu as the keyboard alternative, and a lock toggle. */
export function MemberRow({ userId, name, locked = false, targets, manage, onMove, onLock }: MemberProps) {
  const { t } = useTranslation();
  const handleDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, userId);
    e.dataTransfer.effectAllowed = "move";
  };
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="xs"
      draggable={manage}
      onDragStart={manage ? handleDragStart : undefined}
      style={{ cursor: manage ? "grab" : undefined }}
      data-testid={`member-${userId}`}
    >
      <Text size="sm" fw={locked ? 600 : 400}>
        {name}
        {locked && (
          <Badge ml={6} size="xs" variant="light" color="gray" leftSection={<IconLock size={10} aria-hidden />}>
            {t("groups.board.locked")}
          </Badge>
        )}
      </Text>
      {manage && (
        <Group gap={4} wrap="nowrap">
          {onLock && (
            <Tooltip label={locked ? t("groups.board.unlock", { name }) : t("groups.board.lock", { name })}>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={locked ? t("groups.board.unlock", { name }) : t("groups.board.lock", { name })}
                aria-pressed={locked}
                onClick={() => onLock(userId, !locked)}
              >
                {locked ? <IconLock size={18} aria-hidden /> : <IconLockOpen size={18} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconArrowsExchange size={14} aria-hidden />}
                aria-label={t("groups.board.moveTo", { name })}
              >
                {t("groups.board.moveMenu")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {targets.map((target) => (
                <Menu.Item key={target.id ?? "none"} onClick={() => onMove(userId, target.id)}>
                  {target.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      )}
    </Group>
  );
}

/** A drop zone for students (a group or the "not in a group" list). */
export function DropZone({
  onDropStudent,
  children,
  label,
}: {
  onDropStudent: (userId: string) => void;
  children: React.ReactNode;
  label: string;
}) {
  const [over, setOver] = useState(false);
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label={label}
      bg={over ? "var(--mantine-color-blue-light)" : undefined}
      onDragOver={(e: DragEvent) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        setOver(false);
        const userId = e.dataTransfer.getData(DRAG_TYPE);
        if (userId) onDropStudent(userId);
      }}
    >
      {children}
    </Paper>
  );
}

interface GroupCardProps {
  group: TGroup;
  labels: Record<string, string>;
  targets: Target[];
  manage: boolean;
  onMove: (userId: string, toGroupId: string | null) => void;
  onLock: (userId: string, locked: boolean) => void;
}

/** One group on the board: its score and per-criterion scores, its members. */
export function GroupCard({ group, labels, targets, manage, onMove, onLock }: GroupCardProps) {
  const { t } = useTranslation();
  const others = targets.filter((target) => target.id !== group.id);
  return (
    <DropZone label={group.name} onDropStudent={(userId) => onMove(userId, group.id)}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} fz="h4">
            {group.name}
          </Title>
          {group.score && (
            <Badge size="lg" variant="light" color={group.score.total < 0.34 ? "red" : group.score.total < 0.67 ? "yellow" : "green"}>
              {t("groups.board.score", { value: percent(group.score.total) })}
            </Badge>
          )}
        </Group>
        {group.score && Object.keys(group.score.criteria).length > 0 && (
          <Group gap={6}>
            {Object.entries(group.score.criteria).map(([key, value]) => (
              <Badge key={key} variant="outline" color="gray" tt="none">
                {labels[key] ?? key}: {percent(value)}
              </Badge>
            ))}
          </Group>
        )}
        {group.score && group.score.violations.length > 0 && (
          <List size="sm" c="red.8" aria-label={t("groups.board.violations")}>
            {group.score.violations.map((v) => (
              <List.Item key={v}>{v}</List.Item>
            ))}
          </List>
        )}
        {group.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("groups.board.groupEmpty")}
          </Text>
        ) : (
          <Stack gap={4}>
            {group.members.map((m) => (
              <MemberRow
                key={m.userId}
                userId={m.userId}
                name={m.name}
                locked={m.locked}
                targets={others}
                manage={manage}
                onMove={onMove}
                onLock={onLock}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </DropZone>
  );
}
