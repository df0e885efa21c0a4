import { Alert, Button, Group, Modal, NumberInput, Paper, Select, Stack, Switch, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconMessages, IconPlus } from "@tabler/icons-react";
import { brainstormColours, brainstormLimits, type TBrainstormBoard, type TBrainstormColour } from "@stoa/contracts";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useBrainstormActions } from "../../api/brainstorm";
import { api } from "../../api/client";
import { useMyTasks } from "../../api/tasks";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";

type Actions = ReturnType<typeof useBrainstormActions>;

/** The add-a-card form: the idea (labelled, counted), a colour, a column on columns boards. */
export function AddCardForm({ board, actions, onAdded }: { board: TBrainstormBoard; actions: Actions; onAdded: (text: string) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [text, setText] = useState("");
  const [colour, setColour] = useState<TBrainstormColour>("yellow");
  const [columnId, setColumnId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const n = board.cards.length;

  async function handleAdd() {
    if (!text.trim()) return;
    setProblem(null);
    try {
      const place = board.layout === "canvas" ? { x: 24 + (n % 10) * 36, y: 24 + (n % 10) * 28 } : { columnId: columnId ?? undefined };
      await actions.createCard.mutateAsync({ text, colour, ...place });
      onAdded(text);
      setText("");
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="brainstorm-add">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void handleAdd();
        }}
      >
        <Stack gap="sm">
          <Title order={2} fz="h4" id="brainstorm-add">
            {t("brainstorm.add.title")}
          </Title>
          <FormAlert message={problem} />
          <Textarea
            label={t("brainstorm.add.label")}
            description={t("brainstorm.add.help", { max: brainstormLimits.cardText })}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                void handleAdd();
              }
            }}
            maxLength={brainstormLimits.cardText}
            autosize
            minRows={2}
            size="md"
          />
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t("brainstorm.add.colour")}
              data={brainstormColours.map((c) => ({ value: c, label: t(`brainstorm.colours.${c}`) }))}
              value={colour}
              onChange={(v) => setColour((v as TBrainstormColour | null) ?? "yellow")}
              allowDeselect={false}
              size="md"
              w={160}
            />
            {board.layout === "columns" && (
              <Select
                label={t("brainstorm.add.column")}
                data={board.columns.map((c) => ({ value: c.id, label: c.title }))}
                value={columnId ?? board.columns[0]?.id ?? null}
                onChange={setColumnId}
                allowDeselect={false}
                size="md"
                w={200}
              />
            )}
            <Button
              type="submit"
              size="md"
              leftSection={<IconPlus size={18} aria-hidden />}
              loading={actions.createCard.isPending}
              disabled={!text.trim()}
            >
              {t("brainstorm.add.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Clusters (anyone who may contribute) and columns (who may arrange). */
export function ArrangeControls({ board, actions }: { board: TBrainstormBoard; actions: Actions }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [cluster, setCluster] = useState("");
  const [column, setColumn] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      return true;
    } catch (error) {
      setProblem(errorMessage(error));
      return false;
    }
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="brainstorm-arrange">
      <Title order={2} fz="h4" id="brainstorm-arrange" mb="sm">
        {t("brainstorm.arrange.title")}
      </Title>
      <FormAlert message={problem} />
      <Group align="flex-end" wrap="wrap">
        {board.viewer.contribute && (
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t("brainstorm.arrange.newCluster")}
              value={cluster}
              onChange={(e) => setCluster(e.currentTarget.value)}
              maxLength={60}
            />
            <Button
              variant="light"
              disabled={!cluster.trim()}
              onClick={() => void run(() => actions.addCluster.mutateAsync(cluster)).then((ok) => ok && setCluster(""))}
            >
              {t("brainstorm.arrange.addCluster")}
            </Button>
          </Group>
        )}
        {board.viewer.arrange && board.layout === "columns" && (
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t("brainstorm.arrange.newColumn")}
              value={column}
              onChange={(e) => setColumn(e.currentTarget.value)}
              maxLength={60}
            />
            <Button
              variant="light"
              disabled={!column.trim()}
              onClick={() => void run(() => actions.addColumn.mutateAsync(column)).then((ok) => ok && setColumn(""))}
            >
              {t("brainstorm.arrange.addColumn")}
            </Button>
          </Group>
        )}
      </Group>
      {board.clusters.length > 0 && (
        <Group gap="xs" mt="sm">
          <Text size="sm" fw={600}>
            {t("brainstorm.arrange.clusters")}
          </Text>
          {board.clusters.map((c) => (
            <Group key={c.id} gap={2}>
              <Text size="sm">{c.label}</Text>
              {board.viewer.contribute && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  aria-label={t("brainstorm.arrange.removeCluster", { cluster: c.label })}
                  onClick={() => void run(() => actions.deleteCluster.mutateAsync(c.id))}
                >
                  ×
                </Button>
              )}
            </Group>
          ))}
        </Group>
      )}
    </Paper>
  );
}

/** The teacher's controls: freeze, anonymity, reveal names, votes, convert, remove. */
export function TeacherControls({ board, actions }: { board: TBrainstormBoard; actions: Actions }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [threadOpen, thread] = useDisclosure(false);
  const change = async (body: Parameters<Actions["update"]["mutateAsync"]>[0]) => {
    setProblem(null);
    try {
      await actions.update.mutateAsync(body);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="brainstorm-teacher">
      <Title order={2} fz="h4" id="brainstorm-teacher" mb="sm">
        {t("brainstorm.teacher.title")}
      </Title>
      <FormAlert message={problem} />
      <Group align="flex-start" wrap="wrap" gap="xl">
        <Stack gap="sm">
          <Switch
            size="md"
            label={t("brainstorm.teacher.freeze")}
            description={t("brainstorm.teacher.freezeHelp")}
            checked={board.frozen}
            onChange={(e) => void change({ frozen: e.currentTarget.checked })}
          />
          <Switch
            size="md"
            label={t("brainstorm.teacher.anonymous")}
            description={t("brainstorm.teacher.anonymousHelp")}
            checked={board.anonymous}
            onChange={(e) => void change({ anonymous: e.currentTarget.checked })}
          />
          <Switch
            size="md"
            label={t("brainstorm.teacher.reveal")}
            description={t("brainstorm.teacher.revealHelp")}
            checked={board.revealNames}
            disabled={!board.anonymous}
            onChange={(e) => void change({ revealNames: e.currentTarget.checked })}
          />
        </Stack>
        <Stack gap="sm">
          <NumberInput
            label={t("brainstorm.create.votes")}
            description={t("brainstorm.create.votesHelp")}
            min={0}
            max={brainstormLimits.votesPerPerson}
            defaultValue={board.votesPerPerson}
            key={board.votesPerPerson}
            onBlur={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isInteger(v) && v !== board.votesPerPerson) void change({ votesPerPerson: v });
            }}
            w={220}
          />
          <Button variant="light" leftSection={<IconMessages size={18} aria-hidden />} onClick={thread.open}>
            {t("brainstorm.teacher.toThread")}
          </Button>
          <ConfirmButton
            label={t("brainstorm.teacher.remove")}
            title={t("brainstorm.teacher.remove")}
            message={t("brainstorm.teacher.removeConfirm")}
            size="sm"
            onConfirm={async () => {
              await actions.archive.mutateAsync();
              await navigate(board.groupId ? `/groups/${board.groupId}/brainstorm` : `/classes/${board.classId}`);
            }}
          />
        </Stack>
      </Group>
      <Modal opened={threadOpen} onClose={thread.close} title={t("brainstorm.teacher.toThread")} size="lg">
        <ThreadForm board={board} actions={actions} onDone={thread.close} />
      </Modal>
    </Paper>
  );
}

/** Discussion boards of the class (or group) to post the result in; the discussions API answers this. */
function useDiscussionBoards(board: TBrainstormBoard) {
  const path = board.groupId ? `/groups/${board.groupId}/discussion-boards` : `/classes/${board.classId}/discussion-boards`;
  return useQuery({
    queryKey: ["brainstorm", "discussion-boards", path],
    queryFn: async ({ signal }) => (await api.get<{ id: string; title: string }[]>(path, undefined, signal)).data,
    retry: false,
  });
}

function ThreadForm({ board, actions, onDone }: { board: TBrainstormBoard; actions: Actions; onDone: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const boards = useDiscussionBoards(board);
  const [target, setTarget] = useState<string | null>(null);
  const [title, setTitle] = useState(board.title);
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<string | null>(null);
  if (made)
    return (
      <Stack>
        <Alert color="green">{t("brainstorm.teacher.threadMade")}</Alert>
        <Button component={Link} to={`/discussions/threads/${made}`}>
          {t("brainstorm.teacher.openThread")}
        </Button>
      </Stack>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!target) return;
        setProblem(null);
        actions.toThread.mutateAsync({ discussionBoardId: target, title }).then(
          (r) => setMade(r.threadId),
          (error: unknown) => setProblem(errorMessage(error)),
        );
      }}
    >
      <Stack>
        <Text>{t("brainstorm.teacher.threadHelp")}</Text>
        <FormAlert message={problem} />
        {boards.isError ? (
          <Alert color="yellow">{t("brainstorm.teacher.noDiscussions")}</Alert>
        ) : (
          <Select
            label={t("brainstorm.teacher.discussionBoard")}
            data={(boards.data ?? []).map((b) => ({ value: b.id, label: b.title }))}
            value={target}
            onChange={setTarget}
            placeholder={boards.isPending ? t("common.loading") : undefined}
            nothingFoundMessage={t("brainstorm.teacher.noDiscussions")}
          />
        )}
        <TextInput
          label={t("brainstorm.teacher.threadTitle")}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={200}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" disabled={!target || !title.trim()} loading={actions.toThread.isPending}>
            {t("brainstorm.teacher.makeThread")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A group member turns the board into cards of one of the group's tasks. */
export function TaskConversion({ board, actions }: { board: TBrainstormBoard; actions: Actions }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const myTasks = useMyTasks();
  const [taskId, setTaskId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const tasks = (myTasks.data ?? []).filter((m) => m.group.id === board.groupId);
  if (!board.viewer.convertToTask || tasks.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="brainstorm-task">
      <Title order={2} fz="h4" id="brainstorm-task" mb="sm">
        {t("brainstorm.task.title")}
      </Title>
      <FormAlert message={problem} />
      <Group align="flex-end">
        <Select
          label={t("brainstorm.task.choose")}
          data={tasks.map((m) => ({ value: m.task.id, label: m.task.title }))}
          value={taskId}
          onChange={setTaskId}
          w={260}
        />
        <Button
          disabled={!taskId}
          loading={actions.toTask.isPending}
          onClick={() => {
            if (!taskId) return;
            setProblem(null);
            actions.toTask.mutateAsync({ taskId }).then(
              (r) =>
                notifications.show({
                  color: "green",
                  message: t("brainstorm.task.done", { count: r.taskCards }),
                }),
              (error: unknown) => setProblem(errorMessage(error)),
            );
          }}
        >
          {t("brainstorm.task.submit")}
        </Button>
        {taskId && board.groupId && (
          <Button component={Link} variant="subtle" to={`/tasks/${taskId}/groups/${board.groupId}?tab=board`}>
            {t("brainstorm.task.open")}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
