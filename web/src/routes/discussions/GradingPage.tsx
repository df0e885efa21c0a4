import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload, IconSchool } from "@tabler/icons-react";
import { ZDiscussionPoints, type TGradingPost, type TGradingStudent } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import { gradesCsvUrl, threadExportUrl, useGradingSheet, useSaveGrade, useSetGrading } from "../../api/discussion-moderation";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";

/** Graded discussion: each student with all their posts in the thread side by side, and a mark. */
export function GradingPage() {
  const { t } = useTranslation();
  const { threadId = "" } = useParams();
  const query = useGradingSheet(threadId);
  const title = t("discussionModeration.grading.title");
  const crumbs = [{ label: t("nav.home"), to: "/" }, { label: t("discussionModeration.discussionsCrumb"), to: "/discussions" }];

  if (query.isPending || query.isError) {
    return (
      <>
        <PageHeader title={title} breadcrumbs={[...crumbs, { label: title }]} />
        {query.isPending ? <ListSkeleton rows={5} /> : <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      </>
    );
  }
  const { thread, students } = query.data;
  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={[...crumbs, { label: thread.title, to: `/discussions/threads/${thread.id}` }, { label: title }]}
        description={`${thread.className} · ${thread.boardTitle} · ${thread.title}`}
        actions={
          <>
            <Button component="a" href={threadExportUrl(thread.id)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              {t("discussionModeration.grading.export")}
            </Button>
            {thread.maxPoints && (
              <Button component="a" href={gradesCsvUrl(thread.id)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
                {t("discussionModeration.grading.csv")}
              </Button>
            )}
          </>
        }
      />
      <MaxPointsForm threadId={thread.id} maxPoints={thread.maxPoints} />
      {students.length === 0 ? (
        <EmptyState icon={<IconSchool aria-hidden />} title={t("discussionModeration.grading.emptyTitle")} description={t("discussionModeration.grading.empty")} />
      ) : (
        <Stack gap="lg" mt="lg">
          {students.map((s) => (
            <StudentCard key={s.student.id} threadId={thread.id} entry={s} maxPoints={thread.maxPoints} />
          ))}
        </Stack>
      )}
    </>
  );
}

/** Turns grading on with the most points, or changes them. */
function MaxPointsForm({ threadId, maxPoints }: { threadId: string; maxPoints: string | null }) {
  const { t } = useTranslation();
  const setGrading = useSetGrading(threadId);
  const [value, setValue] = useState(maxPoints ?? "10");
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    const parsed = ZDiscussionPoints.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? t("errors.unknown"));
      return;
    }
    try {
      await setGrading.mutateAsync(parsed.data);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("errors.unknown"));
    }
  }

  return (
    <Card withBorder padding="md" radius="md">
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="sm">
          <Text>{maxPoints ? t("discussionModeration.grading.graded", { max: maxPoints }) : t("discussionModeration.grading.notGraded")}</Text>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t("discussionModeration.grading.maxLabel")}
              description={t("discussionModeration.grading.maxHelp")}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              inputMode="decimal"
              error={error}
              w={220}
            />
            <Button type="submit" loading={setGrading.isPending}>
              {maxPoints ? t("discussionModeration.grading.changeMax") : t("discussionModeration.grading.setGraded")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The marks a post carries in the grading view (keys of discussionModeration.grading). */
function postFlags(post: TGradingPost): ("pending" | "rejected" | "hiddenPost" | "deletedPost")[] {
  const flags: ("pending" | "rejected" | "hiddenPost" | "deletedPost")[] = [];
  if (post.status === "pending") flags.push("pending");
  if (post.status === "rejected") flags.push("rejected");
  if (post.hidden) flags.push("hiddenPost");
  if (post.deleted) flags.push("deletedPost");
  return flags;
}

/** One student: their posts side by side, and the points and comment form. */
function StudentCard({ threadId, entry, maxPoints }: { threadId: string; entry: TGradingStudent; maxPoints: string | null }) {
  const { t } = useTranslation();
  const name = entry.student.name;
  const headingId = `student-${entry.student.id}`;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={headingId}>
          {name}
        </Title>
        <Badge variant="light">{t("discussionModeration.grading.postCount", { count: entry.posts.length })}</Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Stack gap="sm" style={{ gridColumn: "span 2" }}>
          {entry.posts.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t("discussionModeration.grading.noPosts")}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {entry.posts.map((post) => (
                <Card key={post.id} withBorder padding="sm" radius="sm" component="article">
                  <Text size="xs" c="dimmed">
                    <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time> ·{" "}
                    {post.parentId ? t("discussionModeration.grading.replyTo", { name: post.replyTo ?? "?" }) : t("discussionModeration.grading.opening")}
                  </Text>
                  {postFlags(post).map((f) => (
                    <Badge key={f} color="orange" variant="light" size="sm" mt={4}>
                      {t(`discussionModeration.grading.${f}`)}
                    </Badge>
                  ))}
                  {!post.deleted && <RichTextView html={post.body} />}
                </Card>
              ))}
            </SimpleGrid>
          )}
        </Stack>
        {maxPoints && <GradeForm threadId={threadId} entry={entry} maxPoints={maxPoints} />}
      </SimpleGrid>
    </Card>
  );
}

function GradeForm({ threadId, entry, maxPoints }: { threadId: string; entry: TGradingStudent; maxPoints: string }) {
  const { t } = useTranslation();
  const save = useSaveGrade(threadId);
  const name = entry.student.name;
  const [points, setPoints] = useState(entry.grade?.points ?? "");
  const [comment, setComment] = useState(entry.grade?.comment ?? "");
  const [pointsError, setPointsError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    setPointsError(null);
    setFormError(null);
    const parsed = ZDiscussionPoints.safeParse(points);
    if (!parsed.success || Number(parsed.data) > Number(maxPoints)) {
      setPointsError(t("discussionModeration.grading.pointsInvalid", { max: maxPoints }));
      return;
    }
    try {
      await save.mutateAsync({ studentId: entry.student.id, points: parsed.data, comment });
      notifications.show({ color: "green", message: t("discussionModeration.grading.saved", { name }) });
    } catch (e) {
      const message = e instanceof ApiError ? e.message : t("errors.unknown");
      if (e instanceof ApiError && e.fields.some((f) => f.path.endsWith("points"))) setPointsError(message);
      else setFormError(message);
    }
  }

  return (
    <form onSubmit={(e) => void handleSubmit(e)} noValidate>
      <Stack gap="sm">
        <FormAlert message={formError} />
        <TextInput
          label={t("discussionModeration.grading.points", { name, max: maxPoints })}
          value={points}
          onChange={(e) => setPoints(e.currentTarget.value)}
          inputMode="decimal"
          error={pointsError}
        />
        <Textarea
          label={t("discussionModeration.grading.comment", { name })}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
        />
        <Button type="submit" loading={save.isPending}>
          {t("discussionModeration.grading.save")}
        </Button>
        {entry.grade && (
          <Text size="xs" c="dimmed">
            {t("discussionModeration.grading.lastSaved", { date: formatDateTime(entry.grade.gradedAt), name: entry.grade.gradedBy })}
          </Text>
        )}
      </Stack>
    </form>
  );
}
