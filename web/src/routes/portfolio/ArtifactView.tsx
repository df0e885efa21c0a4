import { Anchor, Button, Image, Stack, Text } from "@mantine/core";
import { IconDownload, IconExternalLink } from "@tabler/icons-react";
import type { TArtifact } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { RichTextView } from "../../components/RichTextView";
import { isInlineImage } from "./ArtifactCard";

/** Adds ?inline=1 to a file URL (the server honours it only for files it re-encoded or allows inline). */
export function inlineUrl(url: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}inline=1`;
}

/** Bytes in words people read ("2.4 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The content of an artifact: the picture, a download, the link, or the writing. */
export function ArtifactView({ artifact }: { artifact: TArtifact }) {
  const { t } = useTranslation();
  const file = artifact.file;
  return (
    <Stack gap="sm">
      {file && isInlineImage(artifact) && (
        <Image src={inlineUrl(file.url)} alt={artifact.description || artifact.title} radius="sm" maw="100%" fit="contain" mah={480} />
      )}
      {file && file.inline && file.mediaType.startsWith("audio/") && (
        <audio controls src={inlineUrl(file.url)} aria-label={artifact.title} style={{ width: "100%" }} />
      )}
      {file && file.inline && file.mediaType.startsWith("video/") && (
        <video controls src={inlineUrl(file.url)} aria-label={artifact.title} style={{ maxWidth: "100%" }} />
      )}
      {file && (
        <div>
          <Button component="a" href={file.url} download variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />}>
            {t("portfolio.artifact.download", { name: file.fileName, size: formatBytes(file.sizeBytes) })}
          </Button>
        </div>
      )}
      {artifact.url && (
        <Anchor href={artifact.url} target="_blank" rel="noopener noreferrer nofollow" style={{ overflowWrap: "anywhere" }}>
          <IconExternalLink size={14} aria-hidden /> {artifact.url}
        </Anchor>
      )}
      {artifact.body && <RichTextView html={artifact.body} />}
      {artifact.source && (
        <Text size="sm" c="dimmed">
          {t(sourceLabel(artifact.source.type), { title: artifact.source.title })}
        </Text>
      )}
      {artifact.source?.fileNames && artifact.source.fileNames.length > 0 && (
        <Text size="sm">{t("portfolio.artifact.sourceFiles", { names: artifact.source.fileNames.join(", ") })}</Text>
      )}
    </Stack>
  );
}

/** "From a discussion in …", "From a brainstorm board …", or the general "From Stoa: …". */
function sourceLabel(type: string) {
  if (type === "discussionPost") return "portfolio.artifact.fromDiscussionPost" as const;
  if (type === "brainstormBoard") return "portfolio.artifact.fromBrainstormBoard" as const;
  return "portfolio.artifact.fromStoa" as const;
}
