import { Button, Card, Group, Select, Stack, Text, TextInput, Textarea, Title, VisuallyHidden } from "@mantine/core";
import { Success } from "./Success";
import { IconDeviceFloppy, IconEye, IconPlus } from "@tabler/icons-react";
import type { TArtifact, TPageLayout, TPortfolioPurpose } from "@stoa/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { useArtifacts, usePage, useUpdatePage } from "../../api/portfolio";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { PageLoader } from "../../components/PageLoader";
import { BlockEditor } from "./BlockEditor";
import { addBlock, addSection, moveBlock, newId, removeSection, renameSection, setColumnCount, stepSection } from "./layout";
import { usePurposeOptions } from "./PagesPage";

interface Draft {
  title: string;
  description: string;
  purpose: TPortfolioPurpose;
  layout: TPageLayout;
}

/** The page editor: sections, columns and blocks; drag to reorder, or use the move buttons. */
export function PageEditorPage() {
  const { t } = useTranslation();
  const { pageId = "" } = useParams();
  const page = usePage(pageId);
  const update = useUpdatePage(pageId);
  const artifacts = useArtifacts({ pageSize: 200 });
  const errorMessage = useErrorMessage();
  const purposes = usePurposeOptions();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [dragging, setDragging] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  // Start from the loaded page once; later refetches must not throw away unsaved edits.
  useEffect(() => {
    if (page.data && draft === null) {
      const p = page.data.page;
      setDraft({ title: p.title, description: p.description, purpose: p.purpose, layout: p.layout });
      setVersion(p.version);
    }
  }, [page.data, draft]);

  if (page.isPending || (page.data && !draft)) return <PageLoader />;
  if (page.isError) return <ErrorState error={page.error} onRetry={() => void page.refetch()} />;
  if (!draft) return <PageLoader />;
  if (!page.data.policies.canEdit) return <ErrorState error={new ApiError(404, "not_found", "")} />;

  const layout = draft.layout;
  const artifactList: TArtifact[] = artifacts.data?.items ?? [];
  const setLayout = (next: TPageLayout, say?: string) => {
    setDraft({ ...draft, layout: next });
    setSaved(false);
    if (say) setAnnouncement(say);
  };

  async function handleSave() {
    if (!draft) return;
    setProblem(null);
    try {
      const answer = await update.mutateAsync({ ...draft, title: draft.title.trim(), version });
      setVersion(answer.version);
      setSaved(true);
    } catch (error) {
      setProblem(error instanceof ApiError && error.status === 409 ? t("portfolio.editor.conflict") : errorMessage(error));
    }
  }

  function handleDrop(section: number, column: number, index: number) {
    if (!dragging) return;
    setLayout(moveBlock(layout, dragging, { section, column, index }), t("portfolio.editor.moved"));
    setDragging(null);
  }

  return (
    <>
      <PageHeader
        title={t("portfolio.editor.title", { title: page.data.page.title })}
        breadcrumbs={[
          { label: t("portfolio.pages.title"), to: "/portfolio/pages" },
          { label: page.data.page.title, to: `/portfolio/pages/${pageId}` },
          { label: t("portfolio.editor.crumb") },
        ]}
        actions={
          <>
            <Button variant="default" component={Link} to={`/portfolio/pages/${pageId}`} leftSection={<IconEye size={16} aria-hidden />}>
              {t("portfolio.editor.view")}
            </Button>
            <Button onClick={() => void handleSave()} loading={update.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
              {t("portfolio.editor.save")}
            </Button>
          </>
        }
      />
      <div aria-live="polite" role="status">
        <VisuallyHidden>{announcement}</VisuallyHidden>
      </div>
      {saved && <Success>{t("portfolio.editor.saved")}</Success>}
      <FormAlert message={problem} />
      <Stack gap="lg" mt="sm">
        <Group grow align="flex-start">
          <TextInput
            label={t("portfolio.fields.pageTitle")}
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
            required
          />
          <Select
            label={t("portfolio.fields.purpose")}
            data={purposes}
            value={draft.purpose}
            onChange={(v) => v && setDraft({ ...draft, purpose: v as TPortfolioPurpose })}
            allowDeselect={false}
          />
        </Group>
        <Textarea
          label={t("portfolio.fields.description")}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
          autosize
          minRows={2}
        />
        {layout.sections.map((section, si) => (
          <Card
            key={section.id}
            withBorder
            radius="md"
            padding="md"
            component="section"
            aria-label={t("portfolio.editor.sectionN", { n: si + 1 })}
          >
            <Stack gap="sm">
              <Group justify="space-between" align="flex-end">
                <Title order={2} fz="h4">
                  {t("portfolio.editor.sectionN", { n: si + 1 })}
                </Title>
                <Group gap={4}>
                  <Button
                    size="xs"
                    variant="default"
                    disabled={si === 0}
                    onClick={() => setLayout(stepSection(layout, si, "up"), t("portfolio.editor.sectionMoved"))}
                  >
                    {t("portfolio.editor.sectionUp")}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    disabled={si === layout.sections.length - 1}
                    onClick={() => setLayout(stepSection(layout, si, "down"), t("portfolio.editor.sectionMoved"))}
                  >
                    {t("portfolio.editor.sectionDown")}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    disabled={layout.sections.length <= 1}
                    onClick={() => setLayout(removeSection(layout, si))}
                  >
                    {t("portfolio.editor.removeSection")}
                  </Button>
                </Group>
              </Group>
              <Group grow align="flex-end">
                <TextInput
                  label={t("portfolio.editor.sectionTitle", { n: si + 1 })}
                  value={section.title ?? ""}
                  onChange={(e) => setLayout(renameSection(layout, si, e.currentTarget.value))}
                />
                <Select
                  label={t("portfolio.editor.columns", { n: si + 1 })}
                  data={["1", "2", "3"]}
                  value={String(section.columns.length)}
                  onChange={(v) => v && setLayout(setColumnCount(layout, si, Number(v)))}
                  allowDeselect={false}
                />
              </Group>
              <Group align="stretch" grow wrap="wrap">
                {section.columns.map((column, ci) => (
                  <Stack
                    key={column.id}
                    gap="xs"
                    p="xs"
                    miw={220}
                    style={{ border: "2px dashed var(--mantine-color-default-border)", borderRadius: 8 }}
                    onDragOver={(e) => e.preventDefault()}
                    onDrop={(e) => {
                      e.preventDefault();
                      handleDrop(si, ci, column.blocks.length);
                    }}
                    aria-label={t("portfolio.editor.columnN", { section: si + 1, column: ci + 1 })}
                    role="group"
                  >
                    {section.columns.length > 1 && (
                      <Text size="xs" c="dimmed">
                        {t("portfolio.editor.columnN", { section: si + 1, column: ci + 1 })}
                      </Text>
                    )}
                    {column.blocks.length === 0 && (
                      <Text size="sm" c="dimmed">
                        {t("portfolio.editor.emptyColumn")}
                      </Text>
                    )}
                    {column.blocks.map((block, bi) => (
                      <BlockEditor
                        key={block.id}
                        block={block}
                        layout={layout}
                        artifacts={artifactList}
                        onChange={setLayout}
                        onDragStart={() => setDragging(block.id)}
                        onDropBefore={() => handleDrop(si, ci, bi)}
                      />
                    ))}
                    <AddBlock
                      artifacts={artifactList}
                      label={t("portfolio.editor.columnN", { section: si + 1, column: ci + 1 })}
                      onAddArtifact={(artifactId) =>
                        setLayout(
                          addBlock(layout, si, ci, { id: newId("b"), type: "artifact", artifactId, showReflections: true }),
                          t("portfolio.editor.added"),
                        )
                      }
                      onAddText={() =>
                        setLayout(addBlock(layout, si, ci, { id: newId("b"), type: "text", html: "" }), t("portfolio.editor.added"))
                      }
                    />
                  </Stack>
                ))}
              </Group>
            </Stack>
          </Card>
        ))}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setLayout(addSection(layout), t("portfolio.editor.sectionAdded"))}
          >
            {t("portfolio.editor.addSection")}
          </Button>
          <Button onClick={() => void handleSave()} loading={update.isPending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
            {t("portfolio.editor.save")}
          </Button>
        </Group>
      </Stack>
    </>
  );
}

/** Adds an artifact from the library, or a text block, to the end of a column. */
function AddBlock({
  artifacts,
  label,
  onAddArtifact,
  onAddText,
}: {
  artifacts: TArtifact[];
  label: string;
  onAddArtifact: (id: string) => void;
  onAddText: () => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<string | null>(null);
  return (
    <Stack gap={6} mt="xs">
      <Select
        label={t("portfolio.editor.chooseArtifact", { where: label })}
        placeholder={artifacts.length ? t("portfolio.editor.pickOne") : t("portfolio.editor.noArtifacts")}
        data={artifacts.map((a) => ({ value: a.id, label: a.title }))}
        value={choice}
        onChange={setChoice}
        searchable
        disabled={artifacts.length === 0}
      />
      <Group gap="xs">
        <Button
          size="xs"
          aria-label={t("portfolio.editor.addArtifactTo", { where: label })}
          disabled={!choice}
          onClick={() => {
            if (choice) onAddArtifact(choice);
            setChoice(null);
          }}
        >
          {t("portfolio.editor.addArtifact")}
        </Button>
        <Button size="xs" variant="light" onClick={onAddText} aria-label={t("portfolio.editor.addTextTo", { where: label })}>
          {t("portfolio.editor.addText")}
        </Button>
      </Group>
    </Stack>
  );
}
