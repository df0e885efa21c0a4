import { ActionIcon, Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { Success } from "../Success";
import { IconPlus, IconTable, IconTrash } from "@tabler/icons-react";
import { ZRubricCreate, type TRubric } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCreateRubric, useRubrics } from "../../../api/portfolio-feedback";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../../components/ErrorState";
import { FormAlert } from "../../../components/FormAlert";
import { ListSkeleton } from "../../../components/ListSkeleton";

interface LevelDraft {
  title: string;
  points: string;
  description: string;
}
interface CriterionDraft {
  title: string;
  levels: LevelDraft[];
}

/** A rubric as a table: criteria in rows, levels with their points across. */
export function RubricTable({ rubric }: { rubric: TRubric }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder withColumnBorders verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("portfolio.assess.criterion")}</Table.Th>
            <Table.Th scope="col">{t("portfolio.rubric.levels")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rubric.criteria.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row">{c.title}</Table.Th>
              <Table.Td>
                {c.levels.map((l) => t("portfolio.assess.levelOption", { title: l.title, points: l.points })).join(" · ")}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The class's rubrics, and a builder for a new one (criteria x levels with points). */
export function RubricBuilder({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const rubrics = useRubrics(classId);
  const create = useCreateRubric(classId);
  const defaultLevels = (): LevelDraft[] => [
    { title: t("portfolio.rubric.beginning"), points: "1", description: "" },
    { title: t("portfolio.rubric.developing"), points: "2", description: "" },
    { title: t("portfolio.rubric.secure"), points: "3", description: "" },
  ];
  const [title, setTitle] = useState("");
  const [criteria, setCriteria] = useState<CriterionDraft[]>(() => [{ title: "", levels: defaultLevels() }]);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const setCriterion = (i: number, next: CriterionDraft) => setCriteria(criteria.map((c, j) => (j === i ? next : c)));

  async function handleCreate() {
    setProblem(null);
    setDone(null);
    const parsed = ZRubricCreate.safeParse({ title, description: "", criteria: criteria.map((c) => ({ ...c, description: "" })) });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? t("errors.unknown"));
      return;
    }
    try {
      const made = await create.mutateAsync(parsed.data);
      setDone(t("portfolio.rubric.created", { title: made.title }));
      setTitle("");
      setCriteria([{ title: "", levels: defaultLevels() }]);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={2} fz="h3">
          {t("portfolio.rubric.title")}
        </Title>
        {rubrics.isPending && <ListSkeleton rows={2} />}
        {rubrics.isError && <ErrorState error={rubrics.error} onRetry={() => void rubrics.refetch()} />}
        {rubrics.data?.length === 0 && (
          <EmptyState icon={<IconTable aria-hidden />} title={t("portfolio.rubric.none")} description={t("portfolio.rubric.noneText")} />
        )}
        {rubrics.data?.map((r) => (
          <Card key={r.id} withBorder radius="md" padding="md" component="article" aria-labelledby={`rubric-${r.id}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={3} fz="h4" id={`rubric-${r.id}`}>
                  {r.title}
                </Title>
                <Text size="sm">{t("portfolio.rubric.max", { points: r.maxPoints })}</Text>
              </Group>
              <RubricTable rubric={r} />
            </Stack>
          </Card>
        ))}
      </Stack>
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="rubric-new">
        <Stack gap="md">
          <Title order={2} fz="h3" id="rubric-new">
            {t("portfolio.rubric.new")}
          </Title>
          <TextInput label={t("portfolio.rubric.rubricTitle")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
          {criteria.map((criterion, ci) => (
            <Card key={ci} withBorder radius="sm" padding="sm" role="group" aria-label={t("portfolio.rubric.criterionN", { n: ci + 1 })}>
              <Stack gap="xs">
                <Group align="flex-end" wrap="nowrap">
                  <TextInput
                    label={t("portfolio.rubric.criterionN", { n: ci + 1 })}
                    value={criterion.title}
                    onChange={(e) => setCriterion(ci, { ...criterion, title: e.currentTarget.value })}
                    style={{ flex: 1 }}
                    required
                  />
                  <ActionIcon
                    size="lg"
                    variant="subtle"
                    color="red"
                    aria-label={t("portfolio.rubric.removeCriterion", { n: ci + 1 })}
                    disabled={criteria.length <= 1}
                    onClick={() => setCriteria(criteria.filter((_, j) => j !== ci))}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Group>
                {criterion.levels.map((level, li) => (
                  <Group key={li} align="flex-end" wrap="wrap" gap="xs" pl="md">
                    <TextInput
                      label={t("portfolio.rubric.levelN", { criterion: ci + 1, n: li + 1 })}
                      value={level.title}
                      onChange={(e) =>
                        setCriterion(ci, {
                          ...criterion,
                          levels: criterion.levels.map((l, k) => (k === li ? { ...l, title: e.currentTarget.value } : l)),
                        })
                      }
                      style={{ flex: "1 1 160px" }}
                    />
                    <TextInput
                      label={t("portfolio.rubric.pointsN", { criterion: ci + 1, n: li + 1 })}
                      value={level.points}
                      inputMode="decimal"
                      onChange={(e) =>
                        setCriterion(ci, {
                          ...criterion,
                          levels: criterion.levels.map((l, k) => (k === li ? { ...l, points: e.currentTarget.value } : l)),
                        })
                      }
                      w={110}
                    />
                    <ActionIcon
                      size="lg"
                      variant="subtle"
                      color="red"
                      aria-label={t("portfolio.rubric.removeLevel", { criterion: ci + 1, n: li + 1 })}
                      disabled={criterion.levels.length <= 1}
                      onClick={() => setCriterion(ci, { ...criterion, levels: criterion.levels.filter((_, k) => k !== li) })}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                ))}
                <Group pl="md">
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() =>
                      setCriterion(ci, { ...criterion, levels: [...criterion.levels, { title: "", points: "", description: "" }] })
                    }
                    aria-label={t("portfolio.rubric.addLevelTo", { n: ci + 1 })}
                  >
                    {t("portfolio.rubric.addLevel")}
                  </Button>
                </Group>
              </Stack>
            </Card>
          ))}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setCriteria([...criteria, { title: "", levels: defaultLevels() }])}
            >
              {t("portfolio.rubric.addCriterion")}
            </Button>
          </Group>
          <FormAlert message={problem} />
          {done && <Success>{done}</Success>}
          <Group>
            <Button onClick={() => void handleCreate()} loading={create.isPending}>
              {t("portfolio.rubric.save")}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
