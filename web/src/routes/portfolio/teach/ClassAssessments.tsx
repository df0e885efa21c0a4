import { Anchor, Button, Card, Group, Select, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { IconChecklist } from "@tabler/icons-react";
import { ZAssessmentCreate, type TAssessment } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAssessments, useClassSubmissions, useCreateAssessment, useRubrics } from "../../../api/portfolio-feedback";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../../components/ErrorState";
import { FormAlert } from "../../../components/FormAlert";
import { ListSkeleton } from "../../../components/ListSkeleton";
import { formatDateTime } from "../../../lib/format";
import { SubmissionStatusBadge } from "../MyAssessmentsPage";

/** Every student of the class with their submission's status for one assessment. */
function Submissions({ assessment }: { assessment: TAssessment }) {
  const { t } = useTranslation();
  const rows = useClassSubmissions(assessment.id);
  if (rows.isPending) return <ListSkeleton rows={4} />;
  if (rows.isError) return <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />;
  if (rows.data.length === 0) return <Text c="dimmed">{t("portfolio.teach.noStudents")}</Text>;
  const submitted = rows.data.filter((r) => r.status !== "not_submitted").length;
  return (
    <Stack gap="xs">
      <Text size="sm">{t("portfolio.teach.submittedCount", { submitted, count: rows.data.length })}</Text>
      <Table.ScrollContainer minWidth={520}>
        <Table striped verticalSpacing="xs" aria-label={t("portfolio.teach.submissionsOf", { title: assessment.title })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("portfolio.teach.student")}</Table.Th>
              <Table.Th scope="col">{t("common.status")}</Table.Th>
              <Table.Th scope="col">{t("portfolio.teach.submittedAt")}</Table.Th>
              <Table.Th scope="col">{t("portfolio.assess.points")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.data.map((row) => (
              <Table.Tr key={row.student.id}>
                <Table.Th scope="row">
                  {row.submissionId ? (
                    <Anchor
                      component={Link}
                      to={`/portfolio/submissions/${row.submissionId}?class=${assessment.classId}&rubric=${assessment.rubricId}`}
                    >
                      {row.student.name}
                    </Anchor>
                  ) : (
                    row.student.name
                  )}
                </Table.Th>
                <Table.Td>
                  <SubmissionStatusBadge status={row.status} />
                </Table.Td>
                <Table.Td>{row.submittedAt ? formatDateTime(row.submittedAt) : "—"}</Table.Td>
                <Table.Td>{row.totalPoints ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The class's portfolio assessments with everyone's submission status, and a form to set a new one. */
export function ClassAssessments({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const assessments = useAssessments(classId);
  const rubrics = useRubrics(classId);
  const create = useCreateAssessment(classId);
  const [title, setTitle] = useState("");
  const [instructions, setInstructions] = useState("");
  const [rubricId, setRubricId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function handleCreate() {
    setProblem(null);
    const parsed = ZAssessmentCreate.safeParse({ title, instructions, rubricId: rubricId ?? "" });
    if (!parsed.success) {
      setProblem(rubricId ? (parsed.error.issues[0]?.message ?? t("errors.unknown")) : t("portfolio.teach.chooseRubric"));
      return;
    }
    try {
      await create.mutateAsync(parsed.data);
      setTitle("");
      setInstructions("");
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack gap="xl">
      {assessments.isPending && <ListSkeleton rows={3} />}
      {assessments.isError && <ErrorState error={assessments.error} onRetry={() => void assessments.refetch()} />}
      {assessments.data?.length === 0 && (
        <EmptyState
          icon={<IconChecklist aria-hidden />}
          title={t("portfolio.teach.noAssessments")}
          description={t("portfolio.teach.noAssessmentsText")}
        />
      )}
      {assessments.data?.map((a) => (
        <Card key={a.id} withBorder radius="md" padding="md" component="section" aria-labelledby={`assessment-${a.id}`}>
          <Stack gap="sm">
            <Title order={2} fz="h3" id={`assessment-${a.id}`}>
              {a.title}
            </Title>
            {a.instructions && <Text size="sm">{a.instructions}</Text>}
            <Submissions assessment={a} />
          </Stack>
        </Card>
      ))}
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="assessment-new">
        <Stack gap="md">
          <Title order={2} fz="h3" id="assessment-new">
            {t("portfolio.teach.newAssessment")}
          </Title>
          <TextInput
            label={t("portfolio.teach.assessmentTitle")}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
          />
          <Textarea
            label={t("portfolio.teach.instructions")}
            value={instructions}
            onChange={(e) => setInstructions(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Select
            label={t("portfolio.teach.rubric")}
            data={(rubrics.data ?? []).map((r) => ({ value: r.id, label: r.title }))}
            value={rubricId}
            onChange={setRubricId}
            placeholder={rubrics.data?.length ? t("portfolio.editor.pickOne") : t("portfolio.teach.makeRubricFirst")}
            disabled={!rubrics.data?.length}
          />
          <FormAlert message={problem} />
          <Group>
            <Button onClick={() => void handleCreate()} loading={create.isPending}>
              {t("portfolio.teach.createAssessment")}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
