import { Card, Grid, Stack, Text, Title } from "@mantine/core";
import type { TArtifact, TLayoutBlock, TPageLayout, TReflection } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { RichTextView } from "../../components/RichTextView";
import { ArtifactView } from "./ArtifactView";

export interface ViewPage {
  title: string;
  description: string;
  layout: TPageLayout;
  artifacts: TArtifact[];
  reflections: TReflection[];
}

/** One reflection with the prompt it answers. */
export function ReflectionView({ reflection }: { reflection: TReflection }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" bg="var(--mantine-color-default-hover)">
      <Text size="sm" fw={600}>
        {reflection.promptText ? reflection.promptText : t("portfolio.reflection.heading")}
      </Text>
      <RichTextView html={reflection.body} />
    </Card>
  );
}

function BlockView({ block, page, headingOrder }: { block: TLayoutBlock; page: ViewPage; headingOrder: 3 | 4 }) {
  const { t } = useTranslation();
  if (block.type === "text") return <RichTextView html={block.html} />;
  if (block.type === "placeholder") {
    return (
      <Text c="dimmed" fs="italic">
        {block.hint || t("portfolio.editor.placeholder")}
      </Text>
    );
  }
  const artifact = page.artifacts.find((a) => a.id === block.artifactId);
  // An artifact removed after it was placed (or not visible to this viewer) simply does not show.
  if (!artifact) return null;
  const reflections = block.showReflections ? page.reflections.filter((r) => r.artifactId === artifact.id) : [];
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={artifact.title}>
      <Stack gap="sm">
        <Title order={headingOrder} fz="lg">
          {artifact.title}
        </Title>
        {artifact.description && <Text size="sm">{artifact.description}</Text>}
        <ArtifactView artifact={artifact} />
        {reflections.map((r) => (
          <ReflectionView key={r.id} reflection={r} />
        ))}
      </Stack>
    </Card>
  );
}

/** The columns and blocks of one section (a slide in presentation mode). */
export function SectionBody({
  section,
  page,
  blockOrder,
}: {
  section: TPageLayout["sections"][number];
  page: ViewPage;
  blockOrder: 3 | 4;
}) {
  return (
    <Grid>
      {section.columns.map((column) => (
        <Grid.Col key={column.id} span={{ base: 12, md: 12 / section.columns.length }}>
          <Stack gap="md">
            {column.blocks.map((block) => (
              <BlockView key={block.id} block={block} page={page} headingOrder={blockOrder} />
            ))}
          </Stack>
        </Grid.Col>
      ))}
    </Grid>
  );
}

/** A page read-only: its sections, columns and blocks, then the owner's reflections on the page itself. */
export function PageView({
  page,
  headingLevel = 2,
  pageReflections: showPageReflections = true,
}: {
  page: ViewPage;
  headingLevel?: 2 | 3;
  pageReflections?: boolean;
}) {
  const { t } = useTranslation();
  const sectionOrder = headingLevel;
  const blockOrder = (headingLevel + 1) as 3 | 4;
  const pageReflections = showPageReflections ? page.reflections.filter((r) => r.pageId !== null) : [];
  return (
    <Stack gap="xl">
      {page.description && <Text>{page.description}</Text>}
      {page.layout.sections.map((section) => (
        <Stack key={section.id} gap="sm" component="section" aria-label={section.title || undefined}>
          {section.title && (
            <Title order={sectionOrder} fz="h3">
              {section.title}
            </Title>
          )}
          <SectionBody section={section} page={page} blockOrder={blockOrder} />
        </Stack>
      ))}
      {pageReflections.length > 0 && (
        <Stack gap="sm" component="section" aria-label={t("portfolio.reflection.onPage")}>
          <Title order={sectionOrder} fz="h3">
            {t("portfolio.reflection.onPage")}
          </Title>
          {pageReflections.map((r) => (
            <ReflectionView key={r.id} reflection={r} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** A page as slides: a title slide, then one slide per section. */
export function pageSlides(
  page: ViewPage & { id: string },
  untitled: (n: number) => string,
): { key: string; title: string; content: React.ReactNode }[] {
  const opening = {
    key: `${page.id}-title`,
    title: page.title,
    content: page.description ? <Text fz="xl">{page.description}</Text> : null,
  };
  const sections = page.layout.sections.map((section, i) => ({
    key: `${page.id}-${section.id}`,
    title: section.title || untitled(i + 1),
    content: <SectionBody section={section} page={page} blockOrder={3} />,
  }));
  return [opening, ...sections];
}
