import { Alert, Button, Checkbox, Chip, Group, MultiSelect, Stack, Table, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { weekDays } from "@stoa/contracts";
import { useAnswerSurvey, useMySurvey } from "../../api/groups";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";

export const dayParts = ["morning", "lunch", "afternoon", "evening"] as const;

/** The grouping survey for a student: interests, free times, preferred partners. */
export function SurveyPage() {
  const { t } = useTranslation();
  const { classId = "" } = useParams();
  const query = useMySurvey(classId);
  const answer = useAnswerSurvey(classId);
  const message = useErrorMessage();
  const [interests, setInterests] = useState<string[]>([]);
  const [freeTimes, setFreeTimes] = useState<string[]>([]);
  const [partners, setPartners] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const saved = query.data?.answer;
  useEffect(() => {
    if (!saved) return;
    setInterests(saved.interests ?? []);
    setFreeTimes(saved.freeTimes ?? []);
    setPartners(saved.partners ?? []);
  }, [saved]);
  const crumbs = [
    { label: t("nav.home"), to: "/" },
    { label: t("groups.title"), to: `/classes/${classId}/groups` },
    { label: t("groups.survey.title") },
  ];

  if (query.isPending) return <ListSkeleton rows={6} />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("groups.survey.title")} breadcrumbs={crumbs} />
        <ErrorState error={query.error} title={t("groups.survey.none")} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const { survey, classmates } = query.data;
  const days = weekDays.filter((d) => survey.slots.some((s) => s.startsWith(`${d}-`)));
  const parts = dayParts.filter((p) => survey.slots.some((s) => s.endsWith(`-${p}`)));

  async function handleSave() {
    setError(null);
    try {
      await answer.mutateAsync({ interests, freeTimes, partners });
      notifications.show({ color: "green", message: t("groups.survey.saved") });
    } catch (err) {
      setError(message(err));
    }
  }

  return (
    <>
      <PageHeader title={t("groups.survey.title")} breadcrumbs={crumbs} description={t("groups.survey.intro")} />
      <Stack gap="xl" maw={760}>
        {!survey.open && <Alert color="gray">{t("groups.survey.closed")}</Alert>}
        <FormAlert message={error} />
        {survey.interests.length > 0 && (
          <section aria-labelledby="q-interests">
            <Title order={2} fz="h3" id="q-interests" mb="sm">
              {t("groups.survey.interests")}
            </Title>
            <Chip.Group multiple value={interests} onChange={setInterests}>
              <Group gap="sm">
                {survey.interests.map((i) => (
                  <Chip key={i} value={i} size="lg" disabled={!survey.open}>
                    {i}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </section>
        )}
        {survey.slots.length > 0 && (
          <section aria-labelledby="q-times">
            <Title order={2} fz="h3" id="q-times" mb="sm">
              {t("groups.survey.freeTimes")}
            </Title>
            <Table w="auto" aria-labelledby="q-times">
              <Table.Thead>
                <Table.Tr>
                  <Table.Td />
                  {days.map((d) => (
                    <Table.Th key={d} scope="col">
                      {t(`groups.survey.days.${d}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {parts.map((p) => (
                  <Table.Tr key={p}>
                    <Table.Th scope="row">{t(`groups.survey.parts.${p}`)}</Table.Th>
                    {days.map((d) => {
                      const slot = `${d}-${p}`;
                      return (
                        <Table.Td key={slot}>
                          {survey.slots.includes(slot) && (
                            <Checkbox
                              size="md"
                              aria-label={t("groups.survey.slot", {
                                day: t(`groups.survey.days.${d}`),
                                part: t(`groups.survey.parts.${p}`),
                              })}
                              checked={freeTimes.includes(slot)}
                              disabled={!survey.open}
                              onChange={(e) =>
                                setFreeTimes((list) => (e.currentTarget.checked ? [...list, slot] : list.filter((s) => s !== slot)))
                              }
                            />
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        )}
        {survey.maxPartners > 0 && (
          <MultiSelect
            size="md"
            label={t("groups.survey.partners")}
            description={t("groups.survey.partnersHelp", { count: survey.maxPartners })}
            data={classmates.map((c) => ({ value: c.userId, label: c.name }))}
            value={partners}
            onChange={setPartners}
            maxValues={survey.maxPartners}
            searchable
            disabled={!survey.open}
          />
        )}
        <Group>
          <Button size="lg" onClick={() => void handleSave()} loading={answer.isPending} disabled={!survey.open}>
            {t("groups.survey.save")}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
