import { ActionIcon, Badge, Group, Menu, Paper, ScrollArea, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconDots } from "@tabler/icons-react";
import type { TBrainstormBoard, TBrainstormCard } from "@stoa/contracts";
import { useState, type DragEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { BrainstormCard, type CardHandlers } from "./BrainstormCard";

const dragType = "application/x-stoa-brainstorm-card";

interface Props extends CardHandlers {
  board: TBrainstormBoard;
  /** Saves a card's new column and position. */
  onMoveTo: (card: TBrainstormCard, columnId: string, position: number, how: "pointer" | "keyboard") => void;
  onRenameColumn: (columnId: string, title: string) => void;
  onMoveColumn: (columnId: string, position: number) => void;
  onDeleteColumn: (columnId: string) => void;
}

/**
 * Ordered columns of ordered cards. Drag a card onto a column (its end) or onto a card (before
 * it); or focus a card: Up/Down reorder it, Left/Right move it to the next column.
 */
export function ColumnsView({ board, onMoveTo, onRenameColumn, onMoveColumn, onDeleteColumn, ...handlers }: Props) {
  const { t } = useTranslation();
  const [over, setOver] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const columns = [...board.columns].sort((a, b) => a.position - b.position);
  const cardsOf = (columnId: string) => board.cards.filter((c) => c.columnId === columnId).sort((a, b) => a.position - b.position);
  const canMove = board.viewer.contribute;

  function handleDrop(e: DragEvent, columnId: string, before: TBrainstormCard | null) {
    e.preventDefault();
    e.stopPropagation();
    setOver(null);
    const card = board.cards.find((c) => c.id === e.dataTransfer.getData(dragType));
    if (!card) return;
    const list = cardsOf(columnId).filter((c) => c.id !== card.id);
    const position = before ? list.findIndex((c) => c.id === before.id) : list.length;
    onMoveTo(card, columnId, position < 0 ? list.length : position, "pointer");
  }

  function handleKeyMove(card: TBrainstormCard, e: KeyboardEvent) {
    const index = columns.findIndex((c) => c.id === card.columnId);
    const list = cardsOf(card.columnId ?? "");
    const at = list.findIndex((c) => c.id === card.id);
    if (e.key === "ArrowUp" && at > 0) onMoveTo(card, card.columnId!, at - 1, "keyboard");
    else if (e.key === "ArrowDown" && at < list.length - 1) onMoveTo(card, card.columnId!, at + 1, "keyboard");
    else if (e.key === "ArrowLeft" && index > 0) onMoveTo(card, columns[index - 1]!.id, cardsOf(columns[index - 1]!.id).length, "keyboard");
    else if (e.key === "ArrowRight" && index < columns.length - 1)
      onMoveTo(card, columns[index + 1]!.id, cardsOf(columns[index + 1]!.id).length, "keyboard");
    else return;
    e.preventDefault();
  }

  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Group align="flex-start" wrap="nowrap" gap="md" pb="sm">
        {columns.map((column, index) => {
          const cards = cardsOf(column.id);
          return (
            <Paper
              key={column.id}
              withBorder
              p="sm"
              radius="md"
              w={260}
              miw={260}
              component="section"
              aria-labelledby={`bcol-${column.id}`}
              bg={over === column.id ? "var(--mantine-color-blue-light)" : undefined}
              onDragOver={(e) => {
                if (!canMove) return;
                e.preventDefault();
                setOver(column.id);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => handleDrop(e, column.id, null)}
              data-testid="brainstorm-column"
            >
              <Group justify="space-between" mb="sm" wrap="nowrap">
                {renaming?.id === column.id ? (
                  <TextInput
                    aria-label={t("brainstorm.columns.rename")}
                    value={renaming.title}
                    onChange={(e) => setRenaming({ id: column.id, title: e.currentTarget.value })}
                    onKeyDown={(e) => {
                      if (e.key === "Enter" && renaming.title.trim()) {
                        onRenameColumn(column.id, renaming.title);
                        setRenaming(null);
                      }
                      if (e.key === "Escape") setRenaming(null);
                    }}
                    onBlur={() => setRenaming(null)}
                    data-autofocus
                    autoFocus
                  />
                ) : (
                  <Title order={3} fz="h4" id={`bcol-${column.id}`}>
                    {column.title}
                  </Title>
                )}
                <Group gap={4} wrap="nowrap">
                  <Badge variant="light" aria-label={t("brainstorm.list.cards", { count: cards.length })}>
                    {cards.length}
                  </Badge>
                  {board.viewer.arrange && (
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon variant="subtle" size="lg" aria-label={t("brainstorm.columns.actions", { column: column.title })}>
                          <IconDots size={18} aria-hidden />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setRenaming({ id: column.id, title: column.title })}>
                          {t("brainstorm.columns.rename")}
                        </Menu.Item>
                        {index > 0 && (
                          <Menu.Item onClick={() => onMoveColumn(column.id, index - 1)}>{t("brainstorm.columns.moveLeft")}</Menu.Item>
                        )}
                        {index < columns.length - 1 && (
                          <Menu.Item onClick={() => onMoveColumn(column.id, index + 1)}>{t("brainstorm.columns.moveRight")}</Menu.Item>
                        )}
                        <Menu.Item color="red" onClick={() => onDeleteColumn(column.id)}>
                          {t("brainstorm.columns.delete")}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Group>
              </Group>
              <Stack gap="sm" component="ul" m={0} p={0} mih={80}>
                {cards.length === 0 && (
                  <Text component="li" c="dimmed" size="sm" style={{ listStyle: "none" }}>
                    {t("brainstorm.columns.empty")}
                  </Text>
                )}
                {cards.map((card) => (
                  <BrainstormCard
                    key={card.id}
                    card={card}
                    board={board}
                    {...handlers}
                    onMoveToColumn={(c, columnId) => onMoveTo(c, columnId, cardsOf(columnId).length, "keyboard")}
                    onKeyMove={handleKeyMove}
                    style={{ width: "100%", cursor: canMove ? "grab" : undefined }}
                    dragProps={
                      canMove
                        ? {
                            draggable: true,
                            onDragStart: (e: DragEvent) => e.dataTransfer.setData(dragType, card.id),
                            onDragOver: (e: DragEvent) => e.preventDefault(),
                            onDrop: (e: DragEvent) => handleDrop(e, column.id, card),
                          }
                        : undefined
                    }
                  />
                ))}
              </Stack>
            </Paper>
          );
        })}
      </Group>
    </ScrollArea>
  );
}
