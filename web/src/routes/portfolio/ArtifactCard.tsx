import { Anchor, Badge, Card, Group, Image, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconFile, IconLink, IconNotes, IconSchool } from "@tabler/icons-react";
import type { TArtifact } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The icon for an artifact's kind (shown beside its written name, never alone). */
export function KindIcon({ kind, size = 18 }: { kind: TArtifact["kind"]; size?: number }) {
  if (kind === "file") return <IconFile size={size} aria-hidden />;
  if (kind === "link") return <IconLink size={size} aria-hidden />;
  if (kind === "stoa") return <IconSchool size={size} aria-hidden />;
  return <IconNotes size={size} aria-hidden />;
}

/** True when the artifact is an image the server re-encoded and allows inline. */
export function isInlineImage(artifact: Pick<TArtifact, "file">): boolean {
  return !!artifact.file?.inline && artifact.file.mediaType.startsWith("image/");
}

/** One artifact in the library: picture or kind, title (links to it), tags (click to filter). */
export function ArtifactCard({
  artifact,
  compact = false,
  onTag,
}: {
  artifact: TArtifact;
  compact?: boolean;
  onTag?: (tag: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding={compact ? "sm" : "md"} component="article" aria-labelledby={`artifact-${artifact.id}`}>
      {!compact && isInlineImage(artifact) && (
        <Card.Section mb="sm">
          <Image src={artifact.file!.url} alt="" h={140} fit="cover" />
        </Card.Section>
      )}
      <Stack gap={6}>
        <Group gap={6} wrap="nowrap">
          <KindIcon kind={artifact.kind} />
          <Text size="xs" c="dimmed">
            {t(`portfolio.kinds.${artifact.kind}`)}
          </Text>
        </Group>
        <Anchor
          component={Link}
          to={`/portfolio/artifacts/${artifact.id}`}
          fw={600}
          id={`artifact-${artifact.id}`}
          style={{ overflowWrap: "anywhere" }}
        >
          {artifact.title}
        </Anchor>
        {!compact && artifact.description && (
          <Text size="sm" lineClamp={2}>
            {artifact.description}
          </Text>
        )}
        {artifact.tags.length > 0 && (
          <Group gap={4}>
            {artifact.tags.map((tag) =>
              onTag ? (
                <UnstyledButton key={tag} onClick={() => onTag(tag)} aria-label={t("portfolio.library.filterByTag", { tag })}>
                  <Badge variant="light" style={{ cursor: "pointer" }}>
                    {tag}
                  </Badge>
                </UnstyledButton>
              ) : (
                <Badge key={tag} variant="light">
                  {tag}
                </Badge>
              ),
            )}
          </Group>
        )}
        {artifact.reflectionCount > 0 && (
          <Text size="xs" c="dimmed">
            {t("portfolio.library.reflections", { count: artifact.reflectionCount })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
