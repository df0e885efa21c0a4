import { Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import type { TPortfolioPurpose } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMyAssessments, useSubmit } from "../../api/portfolio-feedback";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";

interface Props {
  subject: { pageId: string } | { collectionId: string };
  /** Only work whose purpose is "assessment" can be submitted: when it is not, `makeAssessment` changes it first. */
  purpose: TPortfolioPurpose;
  makeAssessment: () => Promise<unknown>;
  onClose: () => void;
}

/** Submits a page or a collection to one of the student's open portfolio assessments; what is sent is locked. */
export function SubmitModal({ subject, purpose, makeAssessment, onClose }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const assessments = useMyAssessments();
  const [assessmentId, setAssessmentId] = useState<string | null>(null);
  const submit = useSubmit(assessmentId ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [submissionId, setSubmissionId] = useState<string | null>(null);
  const open = (assessments.data ?? []).filter((a) => a.status === "not_submitted");

  async function handleSubmit() {
    setProblem(null);
    if (!assessmentId) {
      setProblem(t("portfolio.submit.choose"));
      return;
    }
    try {
      if (purpose !== "assessment") await makeAssessment();
      const submission = await submit.mutateAsync(subject);
      setSubmissionId(submission.id);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  function body() {
    if (assessments.isPending) return <ListSkeleton rows={2} />;
    if (assessments.isError) return <ErrorState error={assessments.error} onRetry={() => void assessments.refetch()} />;
    if (submissionId) {
      return (
        <Stack>
          <Text role="status">{t("portfolio.submit.done")}</Text>
          <Group justify="flex-end">
            <Button component={Link} to={`/portfolio/submissions/${submissionId}`} variant="default">
              {t("portfolio.submit.see")}
            </Button>
            <Button onClick={onClose}>{t("common.close")}</Button>
          </Group>
        </Stack>
      );
    }
    if (open.length === 0) return <Text>{t("portfolio.submit.none")}</Text>;
    return (
      <Stack gap="md">
        <Text size="sm">{t("portfolio.submit.intro")}</Text>
        {purpose !== "assessment" && <Text size="sm">{t("portfolio.submit.purposeChange")}</Text>}
        <Select
          label={t("portfolio.submit.assessment")}
          data={open.map((a) => ({ value: a.id, label: a.className ? `${a.title} · ${a.className}` : a.title }))}
          value={assessmentId}
          onChange={setAssessmentId}
        />
        <FormAlert message={problem} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => void handleSubmit()} loading={submit.isPending}>
            {t("portfolio.submit.confirm")}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Modal opened onClose={onClose} title={t("portfolio.submit.title")}>
      {body()}
    </Modal>
  );
}
