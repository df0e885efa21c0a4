import { Alert, Avatar, Badge, Group, Stack, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import type { TBrainstormCard, TRealtimeEvent } from "@stoa/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { applyBrainstormEvent, brainstormKeys, patchBoard, useBrainstormActions, useBrainstormBoard } from "../../api/brainstorm";
import { ApiError } from "../../api/client";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { usePresence, useRoom } from "../../realtime";
import { AddStoaWorkToPortfolio } from "../portfolio/AddStoaWorkToPortfolio";
import { AddCardForm, ArrangeControls, TaskConversion, TeacherControls } from "./BoardControls";
import { CanvasView } from "./CanvasView";
import { ColumnsView } from "./ColumnsView";

/** A brainstorm board, live: cards on a canvas or in columns, votes, clusters and the teacher's controls. */
export function BrainstormBoardPage() {
  const { t } = useTranslation();
  const { boardId = "" } = useParams();
  const client = useQueryClient();
  const query = useBrainstormBoard(boardId);
  const actions = useBrainstormActions(boardId);
  const errorMessage = useErrorMessage();
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const room = query.data ? `brainstorm:${boardId}` : null;

  const handleEvent = useCallback(
    (event: TRealtimeEvent) => {
      if (!applyBrainstormEvent(client, boardId, event)) return;
      // Several events in a burst: one refetch.
      if (refetchTimer.current) clearTimeout(refetchTimer.current);
      refetchTimer.current = setTimeout(() => void client.invalidateQueries({ queryKey: brainstormKeys.board(boardId) }), 250);
    },
    [client, boardId],
  );
  const { status } = useRoom(room, handleEvent);
  const here = usePresence(room);

  const crumbs = [{ label: t("nav.home"), to: "/" }];
  if (query.isPending)
    return (
      <>
        <PageHeader title={t("common.loading")} breadcrumbs={crumbs} />
        <ListSkeleton rows={4} cards />
      </>
    );
  if (query.isError)
    return (
      <>
        <PageHeader title={t("brainstorm.pageTitle")} breadcrumbs={crumbs} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );

  const board = query.data;
  const run = async (work: () => Promise<unknown>, said?: string) => {
    setProblem(null);
    try {
      await work();
      if (said) setAnnouncement(said);
      return true;
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 409 && error.code === "stale_version"
          ? t("brainstorm.card.stale")
          : errorMessage(error),
      );
      return false;
    }
  };
  const handlers = {
    onVote: (card: TBrainstormCard) => void run(() => actions.vote.mutateAsync({ cardId: card.id, vote: !card.myVote })),
    onEdit: (card: TBrainstormCard, text: string) =>
      run(() => actions.updateCard.mutateAsync({ cardId: card.id, version: card.version, text })),
    onDelete: (card: TBrainstormCard) => {
      if (window.confirm(t("brainstorm.card.deleteConfirm")))
        void run(() => actions.deleteCard.mutateAsync(card.id), t("brainstorm.announce.deleted"));
    },
    onCluster: (card: TBrainstormCard, clusterId: string | null) => {
      const label = board.clusters.find((c) => c.id === clusterId)?.label;
      void run(
        () => actions.moveCard.mutateAsync({ cardId: card.id, clusterId }),
        label ? t("brainstorm.announce.clustered", { cluster: label }) : t("brainstorm.announce.unclustered"),
      );
    },
  };
  const moveOnCanvas = (card: TBrainstormCard, x: number, y: number, how: "pointer" | "keyboard") => {
    // Show the new place at once; the answer (and everyone else's screen) follows.
    patchBoard(client, boardId, (b) => ({ ...b, cards: b.cards.map((c) => (c.id === card.id ? { ...c, x, y } : c)) }));
    void run(
      () => actions.moveCard.mutateAsync({ cardId: card.id, x, y }),
      how === "keyboard" ? t("brainstorm.announce.movedTo", { x, y }) : undefined,
    );
  };
  const moveToColumn = (card: TBrainstormCard, columnId: string, position: number) => {
    const column = board.columns.find((c) => c.id === columnId)?.title ?? "";
    void run(
      () => actions.moveCard.mutateAsync({ cardId: card.id, columnId, position }),
      t("brainstorm.announce.movedColumn", { column, position: position + 1 }),
    );
    // Keep the keyboard focus on the moved card once it is re-rendered in its new place.
    setTimeout(() => document.querySelector<HTMLElement>(`[data-card-id="${card.id}"]`)?.focus(), 350);
  };

  const where = board.groupName ? t("brainstorm.list.groupBoard", { group: board.groupName }) : t("brainstorm.list.classBoard");
  return (
    <>
      <PageHeader
        title={board.title}
        breadcrumbs={[
          ...crumbs,
          board.groupId
            ? { label: board.groupName ?? "", to: `/groups/${board.groupId}/brainstorm` }
            : { label: t("brainstorm.classCrumb"), to: `/classes/${board.classId}` },
          { label: board.title },
        ]}
        description={where}
      />
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            {board.frozen && (
              <Badge color="gray" size="lg">
                {t("brainstorm.badges.frozen")}
              </Badge>
            )}
            {board.anonymous && !board.revealNames && (
              <Badge color="violet" size="lg">
                {t("brainstorm.badges.anonymous")}
              </Badge>
            )}
            {board.votesPerPerson > 0 && board.viewer.contribute && (
              <Badge variant="light" size="lg" data-testid="votes-left">
                {t("brainstorm.votesLeft", { count: board.viewer.votesLeft })}
              </Badge>
            )}
            <Badge variant="dot" color={status === "live" ? "green" : "gray"} data-testid="board-live">
              {status === "live" ? t("brainstorm.live") : t("brainstorm.notLive")}
            </Badge>
          </Group>
          {here.length > 0 && (
            <Group gap={6} aria-label={t("brainstorm.hereNow")} role="group">
              <Text size="sm">{t("brainstorm.hereNow")}</Text>
              <Avatar.Group>
                {here.slice(0, 8).map((m) => (
                  <Tooltip key={m.userId} label={m.name}>
                    <Avatar name={m.name} color="dark" variant="filled" size="md" alt={m.name} />
                  </Tooltip>
                ))}
              </Avatar.Group>
              <VisuallyHidden>{here.map((m) => m.name).join(", ")}</VisuallyHidden>
            </Group>
          )}
        </Group>
        {board.frozen && !board.viewer.teach && <Alert color="gray">{t("brainstorm.frozenNote")}</Alert>}
        {board.viewer.authorsHidden && <Text size="sm">{t("brainstorm.anonymousNote")}</Text>}
        {board.viewer.teach && <TeacherControls board={board} actions={actions} />}
        {board.viewer.contribute && (
          <AddCardForm board={board} actions={actions} onAdded={() => setAnnouncement(t("brainstorm.announce.added"))} />
        )}
        {(board.viewer.contribute || board.viewer.arrange) && <ArrangeControls board={board} actions={actions} />}
        <TaskConversion board={board} actions={actions} />
        {board.cards.length > 0 && <AddStoaWorkToPortfolio boardId={board.id} />}
        <FormAlert message={problem} />
        <Text id="brainstorm-move-help" size="sm" c="dimmed">
          {board.layout === "canvas" ? t("brainstorm.moveHelpCanvas") : t("brainstorm.moveHelpColumns")}
        </Text>
        {board.cards.length === 0 && <Text>{board.viewer.contribute ? t("brainstorm.emptyBoard") : t("brainstorm.emptyBoardRead")}</Text>}
        {board.layout === "canvas" ? (
          <CanvasView board={board} onMove={moveOnCanvas} {...handlers} />
        ) : (
          <ColumnsView
            board={board}
            onMoveTo={moveToColumn}
            onRenameColumn={(columnId, title) => void run(() => actions.updateColumn.mutateAsync({ columnId, title }))}
            onMoveColumn={(columnId, position) => void run(() => actions.updateColumn.mutateAsync({ columnId, position }))}
            onDeleteColumn={(columnId) => {
              if (window.confirm(t("brainstorm.columns.deleteConfirm"))) void run(() => actions.deleteColumn.mutateAsync(columnId));
            }}
            {...handlers}
          />
        )}
        <div
          aria-live="polite"
          role="status"
          className="sr-only"
          style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}
        >
          {announcement}
        </div>
      </Stack>
    </>
  );
}
