import { Alert, Badge, Button, Group, List, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconArchive, IconEye, IconEyeOff, IconRefresh } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useBoardAction, useDeleteGroupSet, useGroupSet } from "../../api/groups";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { DropZone, GroupCard, MemberRow, percent } from "./GroupCard";
import { useBoardErrors } from "./useBoardErrors";

/** The result board: groups with scores, moves by drag-and-drop or menu, locks, re-run, publish. */
export function GroupSetBoardPage() {
  const { t } = useTranslation();
  const { setId = "" } = useParams();
  const navigate = useNavigate();
  const query = useGroupSet(setId);
  const action = useBoardAction(setId);
  const remove = useDeleteGroupSet(setId, query.data?.data.classId ?? "");
  const onError = useBoardErrors(setId);
  const [seed, setSeed] = useState<number | string>("");

  if (query.isPending) return <ListSkeleton rows={8} cards />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("groups.title")} breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("groups.title") }]} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const { data: set, policies = {} } = query.data;
  const manage = Boolean(policies.manage);
  const targets = [...set.groups.map((g) => ({ id: g.id as string | null, name: g.name })), { id: null, name: t("groups.board.noGroup") }];
  const run = (a: Parameters<typeof action.mutate>[0]) => action.mutate(a, { onError });
  const handleMove = (userId: string, toGroupId: string | null) => run({ kind: "move", body: { version: set.version, userId, toGroupId } });
  const handleLock = (userId: string, locked: boolean) => run({ kind: "lock", body: { version: set.version, userId, locked } });
  const handleRerun = () => run({ kind: "rerun", body: { version: set.version, ...(typeof seed === "number" ? { seed } : {}) } });

  return (
    <>
      <PageHeader
        title={set.name}
        breadcrumbs={[
          { label: t("nav.home"), to: "/" },
          { label: t("groups.title"), to: `/classes/${set.classId}/groups` },
          { label: set.name },
        ]}
        description={
          <Group gap="xs">
            <Badge variant="light">{t(`groups.strategies.${set.strategy}`)}</Badge>
            <Badge color={set.published ? "green" : "gray"} variant="light">
              {set.published ? t("groups.published") : t("groups.draft")}
            </Badge>
            {set.archived && (
              <Badge color="gray" variant="light">
                {t("groups.archived")}
              </Badge>
            )}
          </Group>
        }
        actions={
          manage ? (
            <Group gap="xs">
              <Button
                leftSection={set.published ? <IconEyeOff size={16} aria-hidden /> : <IconEye size={16} aria-hidden />}
                variant={set.published ? "default" : "filled"}
                loading={action.isPending}
                onClick={() => run({ kind: set.published ? "unpublish" : "publish", body: { version: set.version } })}
              >
                {set.published ? t("groups.board.unpublish") : t("groups.board.publish")}
              </Button>
              <Button
                variant="default"
                leftSection={<IconArchive size={16} aria-hidden />}
                onClick={() => run({ kind: "update", body: { version: set.version, archived: !set.archived } })}
              >
                {set.archived ? t("groups.board.unarchive") : t("groups.board.archive")}
              </Button>
              <ConfirmButton
                label={t("groups.board.delete")}
                title={t("groups.board.deleteTitle")}
                message={t("groups.board.deleteText")}
                variant="default"
                color="red"
                onConfirm={async () => {
                  await remove.mutateAsync();
                  await navigate(`/classes/${set.classId}/groups`);
                }}
              />
            </Group>
          ) : undefined
        }
      />
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {set.published ? t("groups.board.publishedNote") : t("groups.board.draftNote")} {manage && t("groups.board.dragHint")}
        </Text>
        {set.scores ? (
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="set-scores">
            <Group gap="xl" align="flex-start" wrap="wrap">
              <Stack gap={0}>
                <Text size="sm" c="dimmed" id="set-scores">
                  {t("groups.board.minimum")}
                </Text>
                <Text fz="h2" fw={700} data-testid="set-minimum">
                  {percent(set.scores.minimum)}
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="sm" c="dimmed">
                  {t("groups.board.mean")}
                </Text>
                <Text fz="h2" fw={700}>
                  {percent(set.scores.mean)}
                </Text>
              </Stack>
              {Object.keys(set.scores.criteria).length > 0 && (
                <Table withTableBorder={false} w="auto" aria-label={t("groups.board.scoreCriteria")}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("groups.board.criterion")}</Table.Th>
                      <Table.Th>{t("groups.board.lowest")}</Table.Th>
                      <Table.Th>{t("groups.board.average")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {Object.entries(set.scores.criteria).map(([key, value]) => (
                      <Table.Tr key={key}>
                        <Table.Td>{set.criterionLabels[key] ?? key}</Table.Td>
                        <Table.Td>{percent(value.minimum)}</Table.Td>
                        <Table.Td>{percent(value.mean)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Group>
            {set.scores.warnings.length > 0 && (
              <Alert mt="md" color="yellow" title={t("groups.board.warnings")}>
                <List size="sm">
                  {set.scores.warnings.map((w) => (
                    <List.Item key={w}>{w}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Paper>
        ) : (
          <Text size="sm">{t("groups.board.noScores")}</Text>
        )}
        {manage && ["random", "criteria", "copy"].includes(set.strategy) && (
          <Group align="flex-end">
            <NumberInput
              label={t("groups.create.seed")}
              description={t("groups.board.rerunHelp")}
              value={seed}
              onChange={setSeed}
              min={0}
              w={220}
              allowDecimal={false}
            />
            <Button leftSection={<IconRefresh size={16} aria-hidden />} variant="default" onClick={handleRerun} loading={action.isPending}>
              {t("groups.board.rerun")}
            </Button>
          </Group>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {set.groups.map((g) => (
            <GroupCard
              key={g.id}
              group={g}
              labels={set.criterionLabels}
              targets={targets}
              manage={manage}
              onMove={handleMove}
              onLock={handleLock}
            />
          ))}
        </SimpleGrid>
        <DropZone label={t("groups.board.unassigned")} onDropStudent={(userId) => handleMove(userId, null)}>
          <Title order={2} fz="h4" mb="xs">
            {t("groups.board.unassigned")}
          </Title>
          {set.unassigned.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("groups.board.unassignedEmpty")}
            </Text>
          ) : (
            <Stack gap={4}>
              {set.unassigned.map((s) => (
                <MemberRow
                  key={s.userId}
                  userId={s.userId}
                  name={s.name}
                  targets={targets.filter((x) => x.id !== null)}
                  manage={manage}
                  onMove={handleMove}
                />
              ))}
            </Stack>
          )}
        </DropZone>
      </Stack>
    </>
  );
}
