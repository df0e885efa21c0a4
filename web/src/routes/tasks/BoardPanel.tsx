import { Accordion, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus } from "@tabler/icons-react";
import { cardStatuses, type TCard, type TCardStatus, type TGroupSpace } from "@stoa/contracts";
import { useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { useCardLog, useSpaceActions } from "../../api/tasks";
import { FormAlert } from "../../components/FormAlert";
import { useErrorMessage } from "../../components/ErrorState";
import { formatDate, formatDateTime } from "../../lib/format";
import { CardDialog } from "./CardDialog";
import { theirVersion } from "./conflict";

const dragType = "application/x-stoa-card";

/**
 * The task board: three columns. Cards move by drag and drop, or with the keyboard through each
 * card's "Move to" select; a stale move answers 409 and the board reloads with the other change.
 */
export function BoardPanel({ space }: { space: TGroupSpace }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const actions = useSpaceActions(space.task.id, space.group.id);
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [openCard, setOpenCard] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<TCardStatus | null>(null);
  const [showLog, setShowLog] = useState<string | null>(null);
  const log = useCardLog(space.task.id, space.group.id, showLog === "log");
  const canEdit = space.viewer.canEdit;
  const members = space.members.map((m) => ({ value: m.id, label: m.name }));
  const current = space.cards.find((c) => c.id === openCard) ?? null;

  async function handleAdd() {
    if (!title.trim()) return;
    setProblem(null);
    try {
      await actions.createCard.mutateAsync({ title, ownerId: owner });
      setTitle("");
      setOwner(null);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  async function handleMove(card: TCard, status: TCardStatus) {
    if (card.status === status) return;
    setProblem(null);
    try {
      await actions.updateCard.mutateAsync({ cardId: card.id, version: card.version, status });
      notifications.show({ message: t("tasks.board.moved", { title: card.title, column: t(`tasks.board.columns.${status}`) }) });
    } catch (error) {
      setProblem(theirVersion(error) ? t("tasks.conflict.card") : errorMessage(error));
    }
  }

  function handleDrop(event: DragEvent, status: TCardStatus) {
    event.preventDefault();
    setDropTarget(null);
    const card = space.cards.find((c) => c.id === event.dataTransfer.getData(dragType));
    if (card) void handleMove(card, status);
  }

  return (
    <Stack>
      <FormAlert message={problem} />
      {canEdit && (
        <Paper withBorder p="md" radius="md">
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t("tasks.board.newCard")}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") void handleAdd();
              }}
              maxLength={200}
              style={{ flex: "1 1 220px" }}
            />
            <Select label={t("tasks.board.owner")} data={members} value={owner} onChange={setOwner} clearable />
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => void handleAdd()}
              disabled={!title.trim()}
              loading={actions.createCard.isPending}
            >
              {t("tasks.board.add")}
            </Button>
          </Group>
        </Paper>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {cardStatuses.map((status) => {
          const cards = space.cards.filter((c) => c.status === status);
          return (
            <Paper
              key={status}
              withBorder
              p="sm"
              radius="md"
              component="section"
              aria-labelledby={`column-${status}`}
              bg={dropTarget === status ? "var(--mantine-color-blue-light)" : undefined}
              onDragOver={(e) => {
                if (!canEdit) return;
                e.preventDefault();
                setDropTarget(status);
              }}
              onDragLeave={() => setDropTarget(null)}
              onDrop={(e) => handleDrop(e, status)}
              data-testid={`column-${status}`}
            >
              <Group justify="space-between" mb="sm">
                <Title order={3} fz="h4" id={`column-${status}`}>
                  {t(`tasks.board.columns.${status}`)}
                </Title>
                <Badge variant="light">{cards.length}</Badge>
              </Group>
              <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0, minHeight: 60 }}>
                {cards.length === 0 && (
                  <Text component="li" c="dimmed" size="sm">
                    {t("tasks.board.emptyColumn")}
                  </Text>
                )}
                {cards.map((card) => (
                  <Paper
                    key={card.id}
                    component="li"
                    withBorder
                    p="sm"
                    radius="md"
                    draggable={canEdit}
                    onDragStart={(e: DragEvent) => e.dataTransfer.setData(dragType, card.id)}
                    style={{ cursor: canEdit ? "grab" : undefined }}
                    aria-label={card.title}
                  >
                    <Button
                      variant="subtle"
                      px={0}
                      onClick={() => setOpenCard(card.id)}
                      styles={{ label: { whiteSpace: "normal", textAlign: "left" } }}
                    >
                      {card.title}
                    </Button>
                    <Text size="sm">{card.owner ? card.owner.name : t("tasks.board.noOwner")}</Text>
                    {card.dueDate && <Text size="sm">{t("tasks.board.dueOn", { date: formatDate(card.dueDate) })}</Text>}
                    {card.checklist.length > 0 && (
                      <Text size="sm">
                        {t("tasks.board.checklistProgress", {
                          done: card.checklist.filter((i) => i.done).length,
                          total: card.checklist.length,
                        })}
                      </Text>
                    )}
                    {canEdit && (
                      <Select
                        mt="xs"
                        size="sm"
                        label={t("tasks.board.moveTo")}
                        data={cardStatuses.map((s) => ({ value: s, label: t(`tasks.board.columns.${s}`) }))}
                        value={card.status}
                        allowDeselect={false}
                        onChange={(value) => {
                          if (value) void handleMove(card, value as TCardStatus);
                        }}
                      />
                    )}
                  </Paper>
                ))}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
      <Accordion value={showLog} onChange={setShowLog} variant="contained">
        <Accordion.Item value="log">
          <Accordion.Control>{t("tasks.board.history")}</Accordion.Control>
          <Accordion.Panel>
            {log.isPending && <Text c="dimmed">{t("common.loading")}</Text>}
            {log.isSuccess && log.data.length === 0 && <Text c="dimmed">{t("tasks.board.noHistory")}</Text>}
            {log.isSuccess && (
              <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0 }}>
                {log.data.map((entry) => (
                  <Text component="li" key={entry.id} size="sm">
                    {t(
                      `tasks.board.log.${entry.action === "created" || entry.action === "moved" || entry.action === "deleted" || entry.action === "checklist" ? entry.action : "edited"}`,
                      {
                        name: entry.actor.name,
                        card: entry.cardTitle,
                        date: formatDateTime(entry.at),
                      },
                    )}
                  </Text>
                ))}
              </Stack>
            )}
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      {current && <CardDialog key={current.id} card={current} space={space} onClose={() => setOpenCard(null)} />}
    </Stack>
  );
}
