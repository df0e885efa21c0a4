import { ActionIcon, Button, Card, Group, Modal, MultiSelect, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Success } from "./Success";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { ZFeedbackRequestCreate } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClasses } from "../../api/classes";
import { useCurrentUser } from "../../api/me";
import { useClassRoster } from "../../api/portfolio";
import { useCreateComment, useCreateFeedbackRequest, useFeedbackRequests } from "../../api/portfolio-feedback";
import { useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { RichTextEditor } from "../../components/RichTextEditor";
import { displayName } from "../../lib/people";

/** Asks classmates (two, usually) for feedback on a page, with guiding questions. */
export function RequestFeedbackModal({ pageId, onClose }: { pageId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const create = useCreateFeedbackRequest();
  const classes = useClasses({ status: "active", pageSize: 100 });
  const [classId, setClassId] = useState<string | null>(null);
  const roster = useClassRoster(classId);
  const [reviewerIds, setReviewerIds] = useState<string[]>([]);
  const [questions, setQuestions] = useState<string[]>([
    t("portfolio.feedback.defaultQuestion1"),
    t("portfolio.feedback.defaultQuestion2"),
  ]);
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const classmates = (roster.data ?? [])
    .filter((e) => e.role === "student" && e.userId !== me.user.id)
    .map((e) => ({ value: e.userId, label: displayName(e) }));

  async function handleSend() {
    setProblem(null);
    const parsed = ZFeedbackRequestCreate.safeParse({
      pageId,
      reviewerIds,
      questions: questions.filter((q) => q.trim()),
      message: message.trim() || undefined,
    });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? t("errors.unknown"));
      return;
    }
    try {
      await create.mutateAsync(parsed.data);
      setSent(true);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("portfolio.feedback.askTitle")} size="lg">
      {sent ? (
        <Stack>
          <Text role="status">{t("portfolio.feedback.sent")}</Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t("common.close")}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">{t("portfolio.feedback.askIntro")}</Text>
          <Select
            label={t("portfolio.sharing.class")}
            data={(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
            value={classId}
            onChange={(v) => {
              setClassId(v);
              setReviewerIds([]);
            }}
          />
          <MultiSelect
            label={t("portfolio.feedback.classmates")}
            description={t("portfolio.feedback.classmatesHelp")}
            data={classmates}
            value={reviewerIds}
            onChange={setReviewerIds}
            maxValues={5}
            searchable
            disabled={!classId}
          />
          <Stack gap="xs">
            {questions.map((q, i) => (
              <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  label={t("portfolio.feedback.questionN", { n: i + 1 })}
                  value={q}
                  onChange={(e) => setQuestions(questions.map((old, j) => (j === i ? e.currentTarget.value : old)))}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  size="lg"
                  variant="subtle"
                  color="red"
                  aria-label={t("portfolio.feedback.removeQuestion", { n: i + 1 })}
                  disabled={questions.length <= 1}
                  onClick={() => setQuestions(questions.filter((_, j) => j !== i))}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => setQuestions([...questions, ""])}
                disabled={questions.length >= 10}
              >
                {t("portfolio.feedback.addQuestion")}
              </Button>
            </Group>
          </Stack>
          <Textarea
            label={t("portfolio.feedback.message")}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <FormAlert message={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button onClick={() => void handleSend()} loading={create.isPending}>
              {t("portfolio.feedback.send")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** On a page someone asked the viewer to review: their guiding questions, each with an answer box. */
export function AnswerFeedbackRequest({ pageId }: { pageId: string }) {
  const { t } = useTranslation();
  const requests = useFeedbackRequests();
  const request = requests.data?.toMe.find((r) => r.pageId === pageId && !r.closed);
  if (!request) return null;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="feedback-asked">
      <Stack gap="md">
        <Title order={2} fz="h3" id="feedback-asked">
          {t("portfolio.feedback.askedYou", { name: request.owner.name })}
        </Title>
        {request.message && <Text>{request.message}</Text>}
        {request.questions.map((question, index) => (
          <AnswerQuestion key={index} pageId={pageId} requestId={request.id} index={index} question={question} />
        ))}
      </Stack>
    </Card>
  );
}

function AnswerQuestion({ pageId, requestId, index, question }: { pageId: string; requestId: string; index: number; question: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const create = useCreateComment("page", pageId);
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function handleSend() {
    setProblem(null);
    if (!body.trim()) {
      setProblem(t("portfolio.comments.empty"));
      return;
    }
    try {
      await create.mutateAsync({ body, requestId, questionIndex: index });
      setBody("");
      setSent(true);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack gap="xs">
      <RichTextEditor label={question} value={body} onChange={setBody} minHeight={70} />
      <FormAlert message={problem} />
      <Group>
        <Button size="sm" onClick={() => void handleSend()} loading={create.isPending}>
          {t("portfolio.feedback.answer")}
        </Button>
        {sent && <Success>{t("portfolio.feedback.answered")}</Success>}
      </Group>
    </Stack>
  );
}
