import { Accordion, Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TIndividualMark, TOverviewGroup, TPeerCriterion } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClearOverride } from "../../api/peer";
import { ConfirmButton } from "../../components/ConfirmButton";
import { GroupMarkForm } from "./GroupMarkForm";
import { OverrideModal } from "./OverrideModal";

interface Props {
  taskId: string;
  method: "webpa" | "catme";
  group: TOverviewGroup;
  criteria: TPeerCriterion[];
}

/** One group on the teacher's overview: progress, group mark, individual marks with factors, flags and every rating. */
export function GroupPanel({ taskId, method, group, criteria }: Props) {
  const { t } = useTranslation();
  const { summary } = group;
  const headingId = `group-${summary.group.id}`;
  const [overriding, setOverriding] = useState<TIndividualMark | null>(null);

  return (
    <Paper withBorder p={{ base: "sm", sm: "lg" }} radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} id={headingId}>
            {summary.group.name}
          </Title>
          <Badge variant="light" size="lg" color={group.raters === summary.members.length ? "green" : "gray"}>
            {t("peer.overview.raters", { n: group.raters, total: summary.members.length })}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label={t("peer.overview.charter")}>
            {summary.charterAgreed ? t("peer.overview.charterAgreed") : t("peer.overview.charterNot", { n: summary.charterSignatures })}
          </Fact>
          <Fact label={t("peer.overview.board")}>{t("peer.overview.boardProgress", summary.cards)}</Fact>
          <Fact label={t("peer.overview.submission")}>
            {summary.submission.submittedAt
              ? t("peer.overview.submitted")
              : summary.submission.version > 0
                ? t("peer.overview.draft", { version: summary.submission.version })
                : t("peer.overview.nothing")}
          </Fact>
        </SimpleGrid>
        <GroupMarkForm
          key={String(group.groupMark)}
          taskId={taskId}
          groupId={summary.group.id}
          groupName={summary.group.name}
          mark={group.groupMark}
        />
        <MarksTable taskId={taskId} method={method} group={group} onOverride={setOverriding} />
        {group.groupMark !== null && <MarkBars group={group} />}
        <RatingsList group={group} criteria={criteria} />
      </Stack>
      {overriding && <OverrideModal taskId={taskId} member={overriding} onClose={() => setOverriding(null)} />}
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={500}>{children}</Text>
    </div>
  );
}

function MarksTable({
  taskId,
  method,
  group,
  onOverride,
}: {
  taskId: string;
  method: "webpa" | "catme";
  group: TOverviewGroup;
  onOverride: (m: TIndividualMark) => void;
}) {
  const { t } = useTranslation();
  const clear = useClearOverride(taskId);
  const flagsOf = (userId: string) => group.flags.filter((f) => f.user.id === userId);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("peer.overview.student")}</Table.Th>
            <Table.Th scope="col">{method === "catme" ? t("peer.overview.factorCatme") : t("peer.overview.factorWebpa")}</Table.Th>
            <Table.Th scope="col">{t("peer.overview.received")}</Table.Th>
            <Table.Th scope="col">{t("peer.overview.computed")}</Table.Th>
            <Table.Th scope="col">{t("peer.overview.final")}</Table.Th>
            <Table.Th scope="col">{t("peer.overview.flags")}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t("peer.overview.override")}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {group.marks.map((m) => (
            <Table.Tr key={m.user.id}>
              <Table.Th scope="row" fw={500}>
                {m.user.name}
                {!m.submitted && (
                  <Badge ml="xs" color="orange" variant="light">
                    {t("peer.overview.didNotRate")}
                  </Badge>
                )}
              </Table.Th>
              <Table.Td>
                {m.factor.toFixed(2)}
                {m.rawFactor !== null && m.rawFactor !== m.factor && (
                  <Text span size="sm" c="dimmed" ml={6}>
                    ({t("peer.overview.rawFactor", { value: m.rawFactor.toFixed(2) })})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{m.ratingsReceived}</Table.Td>
              <Table.Td>
                {m.computedMark === null ? (
                  <Text span c="dimmed" size="sm">
                    {t("peer.overview.noMarkYet")}
                  </Text>
                ) : (
                  m.computedMark.toFixed(1)
                )}
                {m.penaltyApplied > 0 && (
                  <Text size="sm" c="orange.9">
                    {t("peer.overview.penalty", { points: m.penaltyApplied })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text fw={700}>{m.finalMark === null ? "–" : m.finalMark.toFixed(1)}</Text>
                {m.override && (
                  <Text size="sm" c="dimmed">
                    {t("peer.overview.overridden", { name: m.override.by.name, reason: m.override.reason })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {flagsOf(m.user.id).length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t("peer.overview.noFlags")}
                  </Text>
                ) : (
                  <Stack gap={4}>
                    {flagsOf(m.user.id).map((f) => (
                      <Badge key={f.kind} color="red" variant="light" title={f.detail} style={{ whiteSpace: "normal", height: "auto" }}>
                        {t(`peer.overview.flag.${f.kind}`)}
                      </Badge>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onOverride(m)}
                    aria-label={`${t("peer.overview.override")}: ${m.user.name}`}
                  >
                    {t("peer.overview.override")}
                  </Button>
                  {m.override && (
                    <ConfirmButton
                      label={t("peer.overview.clearOverride")}
                      ariaLabel={`${t("peer.overview.clearOverride")}: ${m.user.name}`}
                      title={t("peer.overview.clearOverride")}
                      message={t("peer.overview.clearConfirm")}
                      danger={false}
                      onConfirm={async () => {
                        await clear.mutateAsync(m.user.id);
                        notifications.show({ color: "green", message: t("peer.overview.cleared") });
                      }}
                    />
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Final marks as bars: a list whose text carries the numbers, the bars only illustrate. */
function MarkBars({ group }: { group: TOverviewGroup }) {
  const { t } = useTranslation();
  return (
    <Box
      component="ul"
      aria-label={t("peer.overview.chartLabel", { group: group.summary.group.name })}
      p={0}
      m={0}
      style={{ listStyle: "none" }}
    >
      {group.marks.map((m) => (
        <Group component="li" key={m.user.id} gap="sm" wrap="nowrap" mb={4}>
          <Text size="sm" w={200} style={{ flexShrink: 0 }}>
            {t("peer.overview.markBar", { name: m.user.name, mark: m.finalMark === null ? "–" : m.finalMark.toFixed(1) })}
          </Text>
          <Box
            aria-hidden
            h={14}
            bg="blue.7"
            style={{ width: `${Math.max(0, Math.min(100, m.finalMark ?? 0))}%`, maxWidth: "60%", borderRadius: 4 }}
          />
        </Group>
      ))}
    </Box>
  );
}

function RatingsList({ group, criteria }: { group: TOverviewGroup; criteria: TPeerCriterion[] }) {
  const { t } = useTranslation();
  return (
    <Accordion variant="contained">
      <Accordion.Item value="ratings">
        <Accordion.Control>{t("peer.overview.ratings", { n: group.ratings.length })}</Accordion.Control>
        <Accordion.Panel>
          {group.ratings.length === 0 ? (
            <Text c="dimmed">{t("peer.overview.ratingsNone")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("peer.overview.rater")}</Table.Th>
                    <Table.Th scope="col">{t("peer.overview.ratee")}</Table.Th>
                    <Table.Th scope="col">{t("peer.overview.scores")}</Table.Th>
                    <Table.Th scope="col">{t("peer.overview.comment")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {group.ratings.map((r) => (
                    <Table.Tr key={`${r.rater.id}-${r.ratee.id}`}>
                      <Table.Td>{r.rater.name}</Table.Td>
                      <Table.Td>{r.ratee.name}</Table.Td>
                      <Table.Td>{criteria.map((c) => `${c.label}: ${r.scores[c.key] ?? "–"}`).join("; ")}</Table.Td>
                      <Table.Td style={{ whiteSpace: "pre-wrap" }}>{r.comment}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
