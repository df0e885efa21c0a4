import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconBulb, IconPlus } from "@tabler/icons-react";
import { brainstormLimits, type TBrainstormBoardSummary } from "@stoa/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { brainstormKeys, useClassBrainstormBoards, useCreateBrainstormBoard, useGroupBrainstormBoards } from "../../api/brainstorm";
import { useRoom } from "../../realtime";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";

/** The class page's section: the class's boards (and, for teachers, its groups' boards). */
export function ClassBrainstormSection({ classId }: { classId: string }) {
  const query = useClassBrainstormBoards(classId);
  useListRoom(`class:${classId}`);
  return <BoardsSection query={query} target={{ classId }} headingId={`brainstorm-${classId}`} />;
}

/** A group's boards (the group space's brainstorm page). */
export function GroupBrainstormSection({ groupId }: { groupId: string }) {
  const query = useGroupBrainstormBoards(groupId);
  useListRoom(`group:${groupId}`);
  return <BoardsSection query={query} target={{ groupId }} headingId={`brainstorm-${groupId}`} />;
}

/** Boards started or removed elsewhere show up in the list at once. */
function useListRoom(room: string) {
  const client = useQueryClient();
  useRoom(room, (event) => {
    if (event.event === "brainstorm.board_created" || event.event === "brainstorm.board_archived")
      void client.invalidateQueries({ queryKey: brainstormKeys.all });
  });
}

type ListQuery = ReturnType<typeof useClassBrainstormBoards>;

function BoardsSection({
  query,
  target,
  headingId,
}: {
  query: ListQuery;
  target: { classId?: string; groupId?: string };
  headingId: string;
}) {
  const { t } = useTranslation();
  const [creating, create] = useDisclosure(false);
  const canCreate = Boolean(query.data?.policies?.create);
  let body;
  if (query.isPending) body = <ListSkeleton rows={2} cards />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.data.length === 0)
    body = (
      <EmptyState
        icon={<IconBulb aria-hidden />}
        title={t("brainstorm.list.empty")}
        description={canCreate ? t("brainstorm.list.emptyCreate") : t("brainstorm.list.emptyWait")}
      />
    );
  else body = <BoardCards boards={query.data.data} />;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="md">
        <Title order={2} fz="h3" id={headingId}>
          {t("brainstorm.list.title")}
        </Title>
        {canCreate && (
          <Button leftSection={<IconPlus size={18} aria-hidden />} size="md" onClick={create.open}>
            {t("brainstorm.list.new")}
          </Button>
        )}
      </Group>
      {body}
      <Modal opened={creating} onClose={create.close} title={t("brainstorm.create.title")} size="lg">
        <CreateBoardForm target={target} onCancel={create.close} />
      </Modal>
    </Paper>
  );
}

function BoardCards({ boards }: { boards: TBrainstormBoardSummary[] }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {boards.map((b) => (
        <Card key={b.id} component="li" withBorder radius="md" padding="md">
          <Stack gap={6}>
            <Button
              component={Link}
              to={`/brainstorm/${b.id}`}
              variant="subtle"
              size="md"
              px={0}
              justify="flex-start"
              styles={{ label: { whiteSpace: "normal" } }}
            >
              {b.title}
            </Button>
            <Text size="sm">
              {b.groupName ? t("brainstorm.list.groupBoard", { group: b.groupName }) : t("brainstorm.list.classBoard")} ·{" "}
              {t("brainstorm.list.cards", { count: b.cardCount })}
            </Text>
            <Group gap={6}>
              {b.frozen && <Badge color="gray">{t("brainstorm.badges.frozen")}</Badge>}
              {b.anonymous && !b.revealNames && <Badge color="violet">{t("brainstorm.badges.anonymous")}</Badge>}
              <Badge variant="light">{t(`brainstorm.layouts.${b.layout}`)}</Badge>
            </Group>
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Title, layout, anonymity and votes; opens the new board. */
function CreateBoardForm({ target, onCancel }: { target: { classId?: string; groupId?: string }; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const create = useCreateBrainstormBoard();
  const [title, setTitle] = useState("");
  const [layout, setLayout] = useState<"canvas" | "columns">("canvas");
  const [anonymous, setAnonymous] = useState(false);
  const [votes, setVotes] = useState<number>(3);
  const [problem, setProblem] = useState<string | null>(null);

  async function handleSubmit() {
    setProblem(null);
    try {
      const board = await create.mutateAsync({
        ...target,
        groupId: target.groupId ?? null,
        title,
        layout,
        anonymous,
        votesPerPerson: votes,
      });
      await navigate(`/brainstorm/${board.id}`);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void handleSubmit();
      }}
    >
      <Stack>
        <FormAlert message={problem} />
        <TextInput
          label={t("brainstorm.create.name")}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          maxLength={120}
          data-autofocus
        />
        <div>
          <Text fw={500} size="sm" mb={4} id="brainstorm-layout-label">
            {t("brainstorm.create.layout")}
          </Text>
          <SegmentedControl
            aria-labelledby="brainstorm-layout-label"
            value={layout}
            onChange={(v) => setLayout(v as "canvas" | "columns")}
            data={[
              { value: "canvas", label: t("brainstorm.layouts.canvas") },
              { value: "columns", label: t("brainstorm.layouts.columns") },
            ]}
          />
        </div>
        <Switch
          label={t("brainstorm.create.anonymous")}
          description={t("brainstorm.create.anonymousHelp")}
          checked={anonymous}
          onChange={(e) => setAnonymous(e.currentTarget.checked)}
        />
        <NumberInput
          label={t("brainstorm.create.votes")}
          description={t("brainstorm.create.votesHelp")}
          min={0}
          max={brainstormLimits.votesPerPerson}
          value={votes}
          onChange={(v) => setVotes(typeof v === "number" ? v : 0)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!title.trim()}>
            {t("brainstorm.create.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
