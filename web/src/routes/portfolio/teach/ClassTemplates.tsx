import { ActionIcon, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { IconPlus, IconTemplate, IconTrash } from "@tabler/icons-react";
import { ZTemplateCreate, type TPageLayout, type TPortfolioPurpose } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClassTemplates, useCreateTemplate, useDeleteTemplate } from "../../../api/portfolio";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../../components/ErrorState";
import { FormAlert } from "../../../components/FormAlert";
import { ListSkeleton } from "../../../components/ListSkeleton";
import { newId } from "../layout";
import { usePurposeOptions } from "../PagesPage";

/** A template page from an introduction and one section per heading, each with a hint for the student. */
function templateLayout(intro: string, parts: { heading: string; hint: string }[]): TPageLayout {
  const introSection = intro.trim()
    ? [
        {
          id: newId("s"),
          columns: [{ id: newId("c"), blocks: [{ id: newId("b"), type: "text" as const, html: `<p>${escapeHtml(intro.trim())}</p>` }] }],
        },
      ]
    : [];
  return {
    sections: [
      ...introSection,
      ...parts.map((p) => ({
        id: newId("s"),
        title: p.heading.trim(),
        columns: [{ id: newId("c"), blocks: [{ id: newId("b"), type: "placeholder" as const, hint: p.hint.trim() }] }],
      })),
    ],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The class's templates ("Term 1 reflection portfolio"), and a simple builder: headings with hints. */
export function ClassTemplates({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const templates = useClassTemplates(classId);
  const create = useCreateTemplate(classId);
  const remove = useDeleteTemplate(classId);
  const purposes = usePurposeOptions();
  const [title, setTitle] = useState("");
  const [purpose, setPurpose] = useState<TPortfolioPurpose>("showcase");
  const [intro, setIntro] = useState("");
  const [parts, setParts] = useState([{ heading: "", hint: "" }]);
  const [problem, setProblem] = useState<string | null>(null);

  async function handleCreate() {
    setProblem(null);
    if (parts.some((p) => !p.heading.trim())) {
      setProblem(t("portfolio.teach.headingRequired"));
      return;
    }
    const parsed = ZTemplateCreate.safeParse({
      kind: "page",
      title,
      purpose,
      description: intro,
      pages: [{ title, layout: templateLayout(intro, parts) }],
    });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? t("errors.unknown"));
      return;
    }
    try {
      await create.mutateAsync(parsed.data);
      setTitle("");
      setIntro("");
      setParts([{ heading: "", hint: "" }]);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack gap="xl">
      {templates.isPending && <ListSkeleton rows={2} />}
      {templates.isError && <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />}
      {templates.data?.length === 0 && (
        <EmptyState
          icon={<IconTemplate aria-hidden />}
          title={t("portfolio.teach.noTemplates")}
          description={t("portfolio.teach.noTemplatesText")}
        />
      )}
      {templates.data?.map((tpl) => (
        <Card key={tpl.id} withBorder radius="md" padding="md" component="article" aria-labelledby={`tpl-${tpl.id}`}>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Title order={2} fz="h4" id={`tpl-${tpl.id}`}>
                {tpl.title}
              </Title>
              <Group gap={4}>
                <Badge variant="light" tt="none">
                  {t(`portfolio.purposes.${tpl.purpose}`)}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {tpl.pages.flatMap((p) => p.layout.sections.map((s) => s.title).filter(Boolean)).join(" · ")}
              </Text>
            </Stack>
            <ConfirmButton
              label={t("portfolio.teach.remove")}
              ariaLabel={t("portfolio.teach.removeTemplate", { title: tpl.title })}
              title={t("portfolio.teach.removeTemplate", { title: tpl.title })}
              message={t("portfolio.teach.removeTemplateText")}
              onConfirm={() => remove.mutateAsync(tpl.id)}
            />
          </Group>
        </Card>
      ))}
      <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="tpl-new">
        <Stack gap="md">
          <Title order={2} fz="h3" id="tpl-new">
            {t("portfolio.teach.newTemplate")}
          </Title>
          <Group grow align="flex-start">
            <TextInput
              label={t("portfolio.teach.templateTitle")}
              placeholder={t("portfolio.teach.templateExample")}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              required
            />
            <Select
              label={t("portfolio.fields.purpose")}
              data={purposes}
              value={purpose}
              onChange={(v) => v && setPurpose(v as TPortfolioPurpose)}
              allowDeselect={false}
            />
          </Group>
          <Textarea
            label={t("portfolio.teach.templateIntro")}
            value={intro}
            onChange={(e) => setIntro(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {parts.map((part, i) => (
            <Group key={i} align="flex-end" wrap="wrap" gap="xs">
              <TextInput
                label={t("portfolio.teach.headingN", { n: i + 1 })}
                value={part.heading}
                onChange={(e) => setParts(parts.map((p, j) => (j === i ? { ...p, heading: e.currentTarget.value } : p)))}
                style={{ flex: "1 1 200px" }}
              />
              <TextInput
                label={t("portfolio.teach.hintN", { n: i + 1 })}
                value={part.hint}
                onChange={(e) => setParts(parts.map((p, j) => (j === i ? { ...p, hint: e.currentTarget.value } : p)))}
                style={{ flex: "2 1 260px" }}
              />
              <ActionIcon
                size="lg"
                variant="subtle"
                color="red"
                aria-label={t("portfolio.teach.removeHeading", { n: i + 1 })}
                disabled={parts.length <= 1}
                onClick={() => setParts(parts.filter((_, j) => j !== i))}
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
              onClick={() => setParts([...parts, { heading: "", hint: "" }])}
            >
              {t("portfolio.teach.addHeading")}
            </Button>
          </Group>
          <FormAlert message={problem} />
          <Group>
            <Button onClick={() => void handleCreate()} loading={create.isPending}>
              {t("portfolio.teach.saveTemplate")}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
