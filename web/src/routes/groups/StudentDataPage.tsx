import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  ScrollArea,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { weekDays } from "@stoa/contracts";
import { ApiError } from "../../api/client";
import { useAttributeTable, useImportAttributes, useSaveSurvey, useSurvey } from "../../api/groups";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { dayParts } from "./SurveyPage";

/** The teacher's data for criteria: the class survey's questions, and scores or levels pasted as CSV. */
export function StudentDataPage() {
  const { t } = useTranslation();
  const { classId = "" } = useParams();
  return (
    <>
      <PageHeader
        title={t("groups.data.title")}
        breadcrumbs={[
          { label: t("nav.home"), to: "/" },
          { label: t("groups.title"), to: `/classes/${classId}/groups` },
          { label: t("groups.data.title") },
        ]}
      />
      <Stack gap="xl">
        <SurveySettings classId={classId} />
        <Attributes classId={classId} />
      </Stack>
    </>
  );
}

function SurveySettings({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const query = useSurvey(classId);
  const save = useSaveSurvey(classId);
  const message = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [interests, setInterests] = useState<string[]>([]);
  const [slots, setSlots] = useState<string[]>([]);
  const [maxPartners, setMaxPartners] = useState<number | string>(2);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!query.data) return;
    setOpen(query.data.open);
    setInterests(query.data.interests);
    setSlots(query.data.slots);
    setMaxPartners(query.data.maxPartners);
  }, [query.data]);
  if (query.isPending) return <ListSkeleton rows={4} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  async function handleSave() {
    setError(null);
    try {
      await save.mutateAsync({ open, interests, slots, maxPartners: typeof maxPartners === "number" ? maxPartners : 0 });
      notifications.show({ color: "green", message: t("groups.data.surveySaved") });
    } catch (err) {
      setError(message(err));
    }
  }

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="survey-settings">
      <Title order={2} fz="h3" id="survey-settings" mb="xs">
        {t("groups.data.surveyTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("groups.data.answered", { count: query.data.answerCount, total: query.data.studentCount })}
      </Text>
      <Stack gap="md">
        <FormAlert message={error} />
        <TagsInput
          label={t("groups.data.interestsList")}
          placeholder={t("groups.data.interestsPlaceholder")}
          value={interests}
          onChange={setInterests}
          maxTags={30}
        />
        <Stack gap={4}>
          <Text fw={500} size="sm" id="slot-grid">
            {t("groups.data.slots")}
          </Text>
          <Table w="auto" aria-labelledby="slot-grid">
            <Table.Thead>
              <Table.Tr>
                <Table.Td />
                {weekDays.map((d) => (
                  <Table.Th key={d} scope="col">
                    {t(`groups.survey.days.${d}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dayParts.map((p) => (
                <Table.Tr key={p}>
                  <Table.Th scope="row">{t(`groups.survey.parts.${p}`)}</Table.Th>
                  {weekDays.map((d) => {
                    const slot = `${d}-${p}`;
                    return (
                      <Table.Td key={slot}>
                        <Checkbox
                          aria-label={t("groups.survey.slot", { day: t(`groups.survey.days.${d}`), part: t(`groups.survey.parts.${p}`) })}
                          checked={slots.includes(slot)}
                          onChange={(e) => setSlots((list) => (e.currentTarget.checked ? [...list, slot] : list.filter((s) => s !== slot)))}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
        <NumberInput
          label={t("groups.data.maxPartners")}
          value={maxPartners}
          onChange={setMaxPartners}
          min={0}
          max={5}
          allowDecimal={false}
          w={240}
        />
        <Switch label={t("groups.data.surveyOpen")} checked={open} onChange={(e) => setOpen(e.currentTarget.checked)} />
        <Group>
          <Button onClick={() => void handleSave()} loading={save.isPending}>
            {t("groups.data.saveSurvey")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Attributes({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const query = useAttributeTable(classId);
  const importCsv = useImportAttributes(classId);
  const message = useErrorMessage();
  const [csv, setCsv] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [lines, setLines] = useState<string[]>([]);

  async function handleImport() {
    setError(null);
    setLines([]);
    try {
      await importCsv.mutateAsync(csv);
      setCsv("");
      notifications.show({ color: "green", message: t("groups.data.imported") });
    } catch (err) {
      setError(message(err));
      if (err instanceof ApiError) setLines(err.fields.map((f) => f.message));
    }
  }

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="attributes">
      <Title order={2} fz="h3" id="attributes" mb="xs">
        {t("groups.data.attributesTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("groups.data.attributesHelp")}
      </Text>
      <Stack gap="md">
        <FormAlert message={error} />
        {lines.length > 0 && (
          <ul>
            {lines.map((l) => (
              <li key={l}>
                <Text size="sm">{l}</Text>
              </li>
            ))}
          </ul>
        )}
        <Textarea
          label={t("groups.data.csv")}
          value={csv}
          onChange={(e) => setCsv(e.currentTarget.value)}
          autosize
          minRows={4}
          maxRows={14}
          ff="monospace"
          placeholder={"student,score\nstudent1,72"}
        />
        <Group>
          <Button onClick={() => void handleImport()} loading={importCsv.isPending} disabled={csv.trim() === ""}>
            {t("groups.data.import")}
          </Button>
        </Group>
        {query.isPending ? (
          <ListSkeleton rows={4} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.names.length === 0 ? (
          <Text size="sm">{t("groups.data.noAttributes")}</Text>
        ) : (
          <ScrollArea>
            <Table striped aria-labelledby="attributes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("groups.data.student")}</Table.Th>
                  {query.data.names.map((n) => (
                    <Table.Th key={n}>{n}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.rows.map((r) => (
                  <Table.Tr key={r.userId}>
                    <Table.Td>{r.name}</Table.Td>
                    {query.data.names.map((n) => (
                      <Table.Td key={n}>{r.values[n] ?? ""}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Stack>
    </Paper>
  );
}
