import { ActionIcon, Badge, Box, Button, Group, Menu, Paper, Stack, Text, Textarea } from "@mantine/core";
import { IconArrowsMove, IconDots, IconThumbUp, IconThumbUpFilled } from "@tabler/icons-react";
import { brainstormLimits, type TBrainstormBoard, type TBrainstormCard } from "@stoa/contracts";
import { useState, type CSSProperties, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { cardBackground, cardText } from "./colours";

export interface CardHandlers {
  onVote: (card: TBrainstormCard) => void;
  onEdit: (card: TBrainstormCard, text: string) => Promise<boolean>;
  onDelete: (card: TBrainstormCard) => void;
  onCluster: (card: TBrainstormCard, clusterId: string | null) => void;
  onMoveToColumn?: (card: TBrainstormCard, columnId: string) => void;
}

interface Props extends CardHandlers {
  card: TBrainstormCard;
  board: TBrainstormBoard;
  style?: CSSProperties;
  /** Arrow keys on the focused card (canvas steps, or column order). */
  onKeyMove?: (card: TBrainstormCard, event: KeyboardEvent) => void;
  onPointerDown?: (card: TBrainstormCard, event: PointerEvent) => void;
  dragProps?: Record<string, unknown>;
  children?: ReactNode;
}

/** One card: text, author (when the viewer may see it), cluster, votes and its actions. Focus it and use the arrow keys to move it. */
export function BrainstormCard({ card, board, style, onKeyMove, onPointerDown, dragProps, ...handlers }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(card.text);
  const canChange = board.viewer.contribute && (card.mine || board.viewer.teach);
  const canMove = board.viewer.contribute;
  const cluster = board.clusters.find((c) => c.id === card.clusterId);
  const votingOn = board.votesPerPerson > 0;
  const canVote = board.viewer.contribute && votingOn && (card.myVote || board.viewer.votesLeft > 0);
  const author = card.mine
    ? t("brainstorm.card.you")
    : card.author
      ? card.author.name
      : board.viewer.authorsHidden
        ? t("brainstorm.card.anonymous")
        : null;
  const label = t("brainstorm.card.label", { text: card.text.slice(0, 60) });

  async function handleSave() {
    if (await handlers.onEdit(card, text)) setEditing(false);
  }

  return (
    <Box component="li" style={{ listStyle: "none", width: 220, ...style }} {...dragProps}>
      <Paper
        role="group"
        aria-label={label}
        aria-describedby={canMove ? "brainstorm-move-help" : undefined}
        tabIndex={canMove ? 0 : undefined}
        data-testid="brainstorm-card"
        data-card-id={card.id}
        shadow="sm"
        radius="md"
        p="sm"
        withBorder
        onKeyDown={(e: KeyboardEvent) => {
          if (e.target !== e.currentTarget || !onKeyMove) return;
          onKeyMove(card, e);
        }}
        onPointerDown={onPointerDown ? (e: PointerEvent) => onPointerDown(card, e) : undefined}
        style={{ background: cardBackground[card.colour], color: cardText, touchAction: onPointerDown ? "none" : undefined }}
      >
        <Stack gap={6}>
          {editing ? (
            <>
              <Textarea
                label={t("brainstorm.card.editLabel")}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                maxLength={brainstormLimits.cardText}
                autosize
                minRows={2}
                data-autofocus
              />
              <Group gap="xs">
                <Button size="xs" onClick={() => void handleSave()} disabled={!text.trim()}>
                  {t("common.save")}
                </Button>
                <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                  {t("common.cancel")}
                </Button>
              </Group>
            </>
          ) : (
            <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} fz="md" c={cardText}>
              {card.text}
            </Text>
          )}
          {(author || cluster) && (
            <Group gap={6}>
              {author && (
                <Text size="sm" c={cardText} fs="italic">
                  {author}
                </Text>
              )}
              {cluster && (
                <Badge variant="outline" color="dark" styles={{ root: { color: cardText, borderColor: cardText } }}>
                  {cluster.label}
                </Badge>
              )}
            </Group>
          )}
          <Group justify="space-between" gap={4}>
            {votingOn ? (
              <Button
                size="sm"
                variant={card.myVote ? "filled" : "white"}
                color="dark"
                leftSection={card.myVote ? <IconThumbUpFilled size={16} aria-hidden /> : <IconThumbUp size={16} aria-hidden />}
                aria-pressed={card.myVote}
                aria-label={t(card.myVote ? "brainstorm.card.unvote" : "brainstorm.card.vote", { count: card.votes })}
                disabled={!canVote}
                onClick={() => handlers.onVote(card)}
              >
                {card.votes}
              </Button>
            ) : (
              <span />
            )}
            {canMove && (
              <Group gap={2}>
                {onPointerDown && <IconArrowsMove size={18} aria-hidden style={{ cursor: "grab" }} />}
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="dark" size="lg" aria-label={t("brainstorm.card.actions")}>
                      <IconDots size={20} aria-hidden />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {canChange && (
                      <Menu.Item
                        onClick={() => {
                          setText(card.text);
                          setEditing(true);
                        }}
                      >
                        {t("brainstorm.card.edit")}
                      </Menu.Item>
                    )}
                    {handlers.onMoveToColumn && board.columns.length > 1 && (
                      <>
                        <Menu.Label>{t("brainstorm.card.moveTo")}</Menu.Label>
                        {board.columns
                          .filter((c) => c.id !== card.columnId)
                          .map((c) => (
                            <Menu.Item key={c.id} onClick={() => handlers.onMoveToColumn?.(card, c.id)}>
                              {c.title}
                            </Menu.Item>
                          ))}
                      </>
                    )}
                    {board.clusters.length > 0 && (
                      <>
                        <Menu.Label>{t("brainstorm.card.putInCluster")}</Menu.Label>
                        {board.clusters
                          .filter((c) => c.id !== card.clusterId)
                          .map((c) => (
                            <Menu.Item key={c.id} onClick={() => handlers.onCluster(card, c.id)}>
                              {c.label}
                            </Menu.Item>
                          ))}
                        {card.clusterId && (
                          <Menu.Item onClick={() => handlers.onCluster(card, null)}>{t("brainstorm.card.noCluster")}</Menu.Item>
                        )}
                      </>
                    )}
                    {canChange && (
                      <Menu.Item color="red" onClick={() => handlers.onDelete(card)}>
                        {t("brainstorm.card.delete")}
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              </Group>
            )}
          </Group>
        </Stack>
      </Paper>
    </Box>
  );
}
