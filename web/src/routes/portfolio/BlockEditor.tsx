import { ActionIcon, Button, Card, Checkbox, Group, Stack, Text } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconGripVertical, IconTrash } from "@tabler/icons-react";
import type { TArtifact, TLayoutBlock, TPageLayout } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { RichTextEditor } from "../../components/RichTextEditor";
import { KindIcon } from "./ArtifactCard";
import { canStep, removeBlock, replaceBlock, stepBlock } from "./layout";

interface Props {
  block: TLayoutBlock;
  layout: TPageLayout;
  artifacts: TArtifact[];
  onChange: (layout: TPageLayout, announcement?: string) => void;
  onDragStart: () => void;
  onDropBefore: () => void;
}

/** One block in the editor: drag it by its handle, or move it with the buttons; edit text in place. */
export function BlockEditor({ block, layout, artifacts, onChange, onDragStart, onDropBefore }: Props) {
  const { t } = useTranslation();
  const artifact = block.type === "artifact" ? artifacts.find((a) => a.id === block.artifactId) : undefined;
  const name =
    block.type === "artifact"
      ? (artifact?.title ?? t("portfolio.editor.missingArtifact"))
      : block.type === "text"
        ? t("portfolio.editor.textBlock")
        : t("portfolio.editor.placeholderBlock");

  function move(direction: "up" | "down") {
    onChange(stepBlock(layout, block.id, direction), t("portfolio.editor.movedNamed", { name }));
  }

  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      draggable
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", block.id);
        onDragStart();
      }}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation();
        onDropBefore();
      }}
      aria-label={name}
      role="group"
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" miw={0}>
            <IconGripVertical size={18} aria-hidden style={{ cursor: "grab", flex: "none" }} />
            {artifact && <KindIcon kind={artifact.kind} size={16} />}
            <Text fw={600} size="sm" truncate>
              {name}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t("portfolio.editor.moveUp", { name })}
              disabled={!canStep(layout, block.id, "up")}
              onClick={() => move("up")}
            >
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t("portfolio.editor.moveDown", { name })}
              disabled={!canStep(layout, block.id, "down")}
              onClick={() => move("down")}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t("portfolio.editor.remove", { name })}
              onClick={() => onChange(removeBlock(layout, block.id), t("portfolio.editor.removed", { name }))}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        {block.type === "text" && (
          <RichTextEditor
            label={t("portfolio.editor.textLabel")}
            value={block.html}
            onChange={(html) => onChange(replaceBlock(layout, { ...block, html }))}
            minHeight={80}
          />
        )}
        {block.type === "placeholder" && (
          <Stack gap={4}>
            <Text size="sm" c="dimmed" fs="italic">
              {block.hint || t("portfolio.editor.placeholder")}
            </Text>
            <Button size="xs" variant="light" onClick={() => onChange(replaceBlock(layout, { id: block.id, type: "text", html: "" }))}>
              {t("portfolio.editor.fillPlaceholder")}
            </Button>
          </Stack>
        )}
        {block.type === "artifact" && (
          <Checkbox
            label={t("portfolio.editor.showReflections")}
            checked={block.showReflections}
            onChange={(e) => onChange(replaceBlock(layout, { ...block, showReflections: e.currentTarget.checked }))}
          />
        )}
      </Stack>
    </Card>
  );
}
