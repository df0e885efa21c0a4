import { Alert, Button, Group, Paper, Progress, Radio, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconCheck, IconChevronLeft, IconChevronRight, IconSend, IconUsers } from "@tabler/icons-react";
import { peerLimits, type TRatingForm } from "@stoa/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useRatingForm, useSubmitRatings } from "../../api/peer";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader, type Crumb } from "../../components/PageHeader";

interface Draft {
  scores: Record<string, string>;
  comment: string;
}

const formatDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" }) : "");

/** The drafts a form starts from: the student's earlier ratings, else blank. */
function initialDrafts(form: TRatingForm): Record<string, Draft> {
  return Object.fromEntries(
    form.ratees.map((r) => {
      const mine = form.mine.find((m) => m.rateeId === r.id);
      const scores = Object.fromEntries(Object.entries(mine?.scores ?? {}).map(([k, v]) => [k, String(v)]));
      return [r.id, { scores, comment: mine?.comment ?? "" }];
    }),
  );
}

/** A student rates each teammate (and themselves when asked), one person at a time, with plain words and large targets. */
export function RatePage() {
  const { t } = useTranslation();
  const { taskId = "" } = useParams();
  const query = useRatingForm(taskId);
  const crumbs: Crumb[] = [{ label: t("nav.home"), to: "/" }, { label: t("peer.rate.crumb") }];

  if (query.isPending) {
    return (
      <>
        <PageHeader title={t("peer.rate.title")} breadcrumbs={crumbs} />
        <ListSkeleton rows={4} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("peer.rate.title")} breadcrumbs={crumbs} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const form = query.data;
  return (
    <>
      <PageHeader title={t("peer.rate.title")} breadcrumbs={crumbs} description={form.task.title} />
      <RateBody form={form} taskId={taskId} />
    </>
  );
}

function RateBody({ form, taskId }: { form: TRatingForm; taskId: string }) {
  const { t } = useTranslation();
  if (form.window === "notYet")
    return (
      <Alert color="blue" role="status" title={t("peer.rate.notYet")}>
        {form.task.opensAt ? t("peer.rate.notYetWhen", { date: formatDate(form.task.opensAt) }) : null}
      </Alert>
    );
  if (form.window === "closed")
    return (
      <Alert color="gray" role="status">
        {form.submitted ? t("peer.rate.closed") : t("peer.rate.closedNever")}
      </Alert>
    );
  if (form.ratees.length === 0)
    return <EmptyState icon={<IconUsers aria-hidden />} title={t("peer.rate.nobody")} description={t("peer.rate.nobodyHint")} />;
  return <RatingSteps form={form} taskId={taskId} />;
}

function RatingSteps({ form, taskId }: { form: TRatingForm; taskId: string }) {
  const { t } = useTranslation();
  const submit = useSubmitRatings(taskId);
  const errorMessage = useErrorMessage();
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => initialDrafts(form));
  const [step, setStep] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const total = form.ratees.length;
  const ratee = form.ratees[Math.min(step, total - 1)] ?? form.ratees[0];
  const headingId = `rate-${ratee?.id ?? "none"}`;

  useEffect(() => {
    document.getElementById(headingId)?.focus();
  }, [headingId]);

  if (!ratee) return null;
  const draft = drafts[ratee.id] ?? { scores: {}, comment: "" };
  const complete = (id: string) => form.criteria.every((c) => (drafts[id]?.scores[c.key] ?? "") !== "");
  const name = ratee.isSelf ? t("peer.rate.yourself") : ratee.name;

  const update = (change: Partial<Draft>) => {
    setSent(false);
    setDrafts((all) => ({ ...all, [ratee.id]: { ...draft, ...change } }));
  };

  function handleNext() {
    if (!complete(ratee!.id)) return setProblem(t("peer.rate.pickAll"));
    setProblem(null);
    setStep((s) => Math.min(total - 1, s + 1));
  }

  async function handleSend() {
    const missing = form.ratees.findIndex((r) => !complete(r.id));
    if (missing >= 0) {
      setStep(missing);
      return setProblem(t("peer.rate.pickAll"));
    }
    setProblem(null);
    try {
      await submit.mutateAsync({
        ratings: form.ratees.map((r) => ({
          rateeId: r.id,
          scores: Object.fromEntries(Object.entries(drafts[r.id]?.scores ?? {}).map(([k, v]) => [k, Number(v)])),
          comment: drafts[r.id]?.comment ?? "",
        })),
      });
      setSent(true);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  const last = step === total - 1;
  return (
    <Stack gap="md" maw={720}>
      <Text>{t("peer.rate.intro", { group: form.group.name })}</Text>
      {form.task.closesAt && <Text c="dimmed">{t("peer.rate.closesOn", { date: formatDate(form.task.closesAt) })}</Text>}
      {sent ? (
        <Alert color="green" icon={<IconCheck aria-hidden />} role="status">
          {t("peer.rate.sent")}
        </Alert>
      ) : (
        form.submitted && (
          <Alert color="blue" role="status">
            {t("peer.rate.sentBefore")}
          </Alert>
        )
      )}
      <div>
        <Text size="sm" id="rate-progress">
          {t("peer.rate.progress", { n: step + 1, total })}
        </Text>
        <Progress.Root size="lg">
          <Progress.Section value={((step + 1) / total) * 100} aria-label={t("peer.rate.progress", { n: step + 1, total })} />
        </Progress.Root>
      </div>
      <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md" component="section" aria-labelledby={headingId}>
        <Stack gap="lg">
          <Title order={2} id={headingId} tabIndex={-1}>
            {ratee.isSelf ? t("peer.rate.aboutYou") : t("peer.rate.aboutPerson", { name })}
          </Title>
          {form.criteria.map((c) => (
            <Radio.Group
              key={c.key}
              label={
                <Text fw={600} size="lg">
                  {c.label}
                </Text>
              }
              description={c.description}
              value={draft.scores[c.key] ?? ""}
              onChange={(value) => update({ scores: { ...draft.scores, [c.key]: value } })}
              name={`${ratee.id}-${c.key}`}
            >
              <Group gap="sm" mt="xs" wrap="wrap">
                {Array.from({ length: form.scale.max - form.scale.min + 1 }, (_, i) => form.scale.min + i).map((v) => (
                  <Radio.Card key={v} value={String(v)} radius="md" p="sm" w={{ base: "100%", xs: 120 }} style={{ minHeight: 56 }}>
                    <Group gap="xs" wrap="nowrap">
                      <Radio.Indicator size="md" />
                      <div>
                        <Text fw={700}>{v}</Text>
                        <Text size="sm">{t(`peer.rate.scale.${v}` as "peer.rate.scale.1")}</Text>
                      </div>
                    </Group>
                  </Radio.Card>
                ))}
              </Group>
            </Radio.Group>
          ))}
          <Textarea
            label={ratee.isSelf ? t("peer.rate.commentSelf") : t("peer.rate.comment", { name })}
            description={t("peer.rate.commentHint")}
            autosize
            minRows={3}
            maxLength={peerLimits.comment}
            value={draft.comment}
            onChange={(e) => update({ comment: e.currentTarget.value })}
          />
        </Stack>
      </Paper>
      <FormAlert message={problem} />
      <Group justify="space-between">
        <Button
          variant="default"
          size="lg"
          leftSection={<IconChevronLeft aria-hidden />}
          disabled={step === 0}
          onClick={() => setStep((s) => Math.max(0, s - 1))}
        >
          {t("peer.rate.back")}
        </Button>
        {last ? (
          <Button size="lg" leftSection={<IconSend aria-hidden />} loading={submit.isPending} onClick={() => void handleSend()}>
            {form.submitted ? t("peer.rate.update") : t("peer.rate.send")}
          </Button>
        ) : (
          <Button size="lg" rightSection={<IconChevronRight aria-hidden />} onClick={handleNext}>
            {t("peer.rate.next")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
