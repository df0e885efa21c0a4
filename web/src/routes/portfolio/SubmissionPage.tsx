import { Alert, Button, Card, Checkbox, Group, Radio, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { Success } from "./Success";
import type { TRubric, TPortfolioSubmission } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { useCurrentUser } from "../../api/me";
import { useAssess, useRubrics, useSubmission } from "../../api/portfolio-feedback";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { PageLoader } from "../../components/PageLoader";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";
import { SubmissionStatusBadge } from "./MyAssessmentsPage";

/**
 * The rubric that goes with a submission: sent with it when the server does, else found among the
 * class's rubrics (the link to this screen carries ?class=&rubric=).
 */
function useSubmissionRubric(submission: TPortfolioSubmission | undefined): TRubric | null {
  const [params] = useSearchParams();
  const classId = params.get("class") ?? "";
  const rubricId = params.get("rubric");
  const sent = (submission as (TPortfolioSubmission & { rubric?: TRubric | null }) | undefined)?.rubric ?? null;
  const rubrics = useRubrics(classId, !sent && !!classId && !!rubricId);
  return sent ?? rubrics.data?.find((r) => r.id === rubricId) ?? null;
}

/** What was submitted, exactly as it was locked. */
function SnapshotView({ submission }: { submission: TPortfolioSubmission }) {
  const { t } = useTranslation();
  const { snapshot } = submission;
  return (
    <Stack gap="lg" component="section" aria-labelledby="snapshot-title">
      <Title order={2} fz="h3" id="snapshot-title">
        {t("portfolio.assess.submitted", { title: snapshot.title })}
      </Title>
      {snapshot.pages.map((page) => (
        <Card key={page.id} withBorder radius="md" padding="lg" component="article" aria-label={page.title}>
          <Title order={3} fz="h4" mb="sm">
            {page.title}
          </Title>
          <RichTextView html={page.html} />
        </Card>
      ))}
    </Stack>
  );
}

/** The rubric result: each criterion's level, points and comment, and the total. */
export function RubricResult({ submission, rubric }: { submission: TPortfolioSubmission; rubric: TRubric | null }) {
  const { t } = useTranslation();
  const result = submission.result;
  if (!result) return null;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="result-title">
      <Stack gap="sm">
        <Title order={2} fz="h3" id="result-title">
          {t("portfolio.assess.resultTitle")}
        </Title>
        <Text fz="xl" fw={700}>
          {t("portfolio.assess.total", { points: result.totalPoints, max: result.maxPoints })}
        </Text>
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("portfolio.assess.criterion")}</Table.Th>
                <Table.Th scope="col">{t("portfolio.assess.level")}</Table.Th>
                <Table.Th scope="col">{t("portfolio.assess.points")}</Table.Th>
                <Table.Th scope="col">{t("portfolio.assess.comment")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.scores.map((score) => {
                const criterion = rubric?.criteria.find((c) => c.id === score.criterionId);
                const level = criterion?.levels.find((l) => l.id === score.levelId);
                return (
                  <Table.Tr key={score.criterionId}>
                    <Table.Th scope="row">{criterion?.title ?? "—"}</Table.Th>
                    <Table.Td>{level?.title ?? "—"}</Table.Td>
                    <Table.Td>{score.points}</Table.Td>
                    <Table.Td>{score.comment || "—"}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {result.overallComment && (
          <Stack gap={2}>
            <Text fw={600}>{t("portfolio.assess.overall")}</Text>
            <Text>{result.overallComment}</Text>
          </Stack>
        )}
        {result.assessedBy && (
          <Text size="sm" c="dimmed">
            {t("portfolio.assess.by", { name: result.assessedBy.name, when: formatDateTime(result.assessedAt) })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The teacher's assessment form: one level per criterion (criteria x levels), comments, return to the student. */
function AssessForm({ submission, rubric }: { submission: TPortfolioSubmission; rubric: TRubric }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const assess = useAssess(submission.id);
  const initial = submission.result;
  const [levels, setLevels] = useState<Record<string, string>>(() =>
    Object.fromEntries((initial?.scores ?? []).filter((s) => s.levelId).map((s) => [s.criterionId, s.levelId!])),
  );
  const [comments, setComments] = useState<Record<string, string>>(() =>
    Object.fromEntries((initial?.scores ?? []).map((s) => [s.criterionId, s.comment])),
  );
  const [overall, setOverall] = useState(initial?.overallComment ?? "");
  const [returnNow, setReturnNow] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function handleSave() {
    setProblem(null);
    setSaved(false);
    const missing = rubric.criteria.find((c) => !levels[c.id]);
    if (missing) {
      setProblem(t("portfolio.assess.chooseLevel", { criterion: missing.title }));
      return;
    }
    try {
      await assess.mutateAsync({
        scores: rubric.criteria.map((c) => ({ criterionId: c.id, levelId: levels[c.id]!, comment: comments[c.id] ?? "" })),
        overallComment: overall,
        returnToStudent: returnNow,
      });
      setSaved(true);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="assess-title">
      <Stack gap="lg">
        <Title order={2} fz="h3" id="assess-title">
          {t("portfolio.assess.formTitle", { rubric: rubric.title })}
        </Title>
        {rubric.criteria.map((criterion) => (
          <Stack key={criterion.id} gap="xs">
            <Radio.Group
              label={criterion.title}
              description={criterion.description || undefined}
              value={levels[criterion.id] ?? null}
              onChange={(v) => setLevels({ ...levels, [criterion.id]: v })}
            >
              <Group gap="sm" mt={4}>
                {criterion.levels.map((level) => (
                  <Radio
                    key={level.id}
                    value={level.id}
                    label={t("portfolio.assess.levelOption", { title: level.title, points: level.points })}
                    description={level.description || undefined}
                  />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={t("portfolio.assess.commentOn", { criterion: criterion.title })}
              value={comments[criterion.id] ?? ""}
              onChange={(e) => setComments({ ...comments, [criterion.id]: e.currentTarget.value })}
              autosize
              minRows={1}
            />
          </Stack>
        ))}
        <Textarea
          label={t("portfolio.assess.overall")}
          value={overall}
          onChange={(e) => setOverall(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Checkbox label={t("portfolio.assess.returnNow")} checked={returnNow} onChange={(e) => setReturnNow(e.currentTarget.checked)} />
        <FormAlert message={problem} />
        {saved && <Success>{returnNow ? t("portfolio.assess.savedReturned") : t("portfolio.assess.saved")}</Success>}
        <Group>
          <Button onClick={() => void handleSave()} loading={assess.isPending}>
            {t("portfolio.assess.save")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** One submission: the locked snapshot; the student sees the returned result, the teacher assesses it. */
export function SubmissionPage() {
  const { t } = useTranslation();
  const { submissionId = "" } = useParams();
  const me = useCurrentUser();
  const submission = useSubmission(submissionId);
  const rubric = useSubmissionRubric(submission.data);

  if (submission.isPending) return <PageLoader />;
  if (submission.isError) {
    return (
      <>
        <PageHeader title={t("portfolio.assess.notFound")} />
        <ErrorState error={submission.error} onRetry={() => void submission.refetch()} />
      </>
    );
  }
  const s = submission.data;
  const mine = s.student.id === me.user.id;
  const title = mine ? t("portfolio.assess.mySubmission") : t("portfolio.assess.submissionOf", { name: s.student.name });

  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={
          mine
            ? [{ label: t("portfolio.assess.mineTitle"), to: "/portfolio/assessments" }, { label: title }]
            : [{ label: t("portfolio.nav.teacher"), to: "/portfolio/teach" }, { label: title }]
        }
        description={
          <Group gap="xs">
            <SubmissionStatusBadge status={s.status} />
            <span>{t("portfolio.assess.submittedAt", { when: formatDateTime(s.submittedAt) })}</span>
          </Group>
        }
      />
      <Stack gap="xl">
        {mine && s.status !== "returned" && <Alert variant="light">{t("portfolio.assess.waiting")}</Alert>}
        {mine && <RubricResult submission={s} rubric={rubric} />}
        {!mine && rubric && <AssessForm key={s.id} submission={s} rubric={rubric} />}
        {!mine && !rubric && <Alert color="orange">{t("portfolio.assess.noRubric")}</Alert>}
        <SnapshotView submission={s} />
      </Stack>
    </>
  );
}
