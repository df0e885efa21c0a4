import { ActionIcon, Button, FileButton, Group, MultiSelect, Stack, Text } from "@mantine/core";
import { IconPaperclip, IconX } from "@tabler/icons-react";
import { discussionLimits, type TAttachment } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { uploadAttachment, useMentionable } from "../../api/discussions";
import { useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { RichTextEditor } from "../../components/RichTextEditor";

/** What a person writes: the body, the files to attach, the people to mention. */
export interface Draft {
  body: string;
  attachments: TAttachment[];
  mentions: { id: string; name: string }[];
}

export const emptyDraft: Draft = { body: "", attachments: [], mentions: [] };

/** The body with the mentioned names in front (plain text: the server sanitises whatever it gets). */
export function bodyWithMentions(draft: Draft): string {
  if (draft.mentions.length === 0) return draft.body;
  const names = draft.mentions.map((m) => `@${escapeHtml(m.name)}`).join(" ");
  return `<p>${names}</p>${draft.body}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The editor, file attachments and mention picker shared by new threads and replies. */
export function Composer({ boardId, label, draft, onChange }: { boardId: string; label: string; draft: Draft; onChange: (draft: Draft) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState("");
  const people = useMentionable(boardId, search);
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const options = [...draft.mentions, ...(people.data ?? []).filter((p) => !draft.mentions.some((m) => m.id === p.id))].map((p) => ({
    value: p.id,
    label: p.name,
  }));

  const handleFiles = async (files: File[]) => {
    setError(null);
    let attachments = draft.attachments;
    for (const file of files.slice(0, discussionLimits.attachmentsPerPost - attachments.length)) {
      setUploading(file.name);
      try {
        const { data } = await uploadAttachment(boardId, file, () => undefined);
        attachments = [...attachments, data];
        onChange({ ...draft, attachments });
      } catch (e) {
        setError(errorMessage(e));
      }
    }
    setUploading(null);
  };

  return (
    <Stack gap="xs">
      <RichTextEditor label={label} value={draft.body} onChange={(body) => onChange({ ...draft, body })} minHeight={120} />
      <MultiSelect
        label={t("discussions.mention")}
        placeholder={t("discussions.mentionPlaceholder")}
        data={options}
        value={draft.mentions.map((m) => m.id)}
        onChange={(ids) => onChange({ ...draft, mentions: ids.map((id) => options.find((o) => o.value === id)).filter((o) => !!o).map((o) => ({ id: o.value, name: o.label })) })}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        maxValues={discussionLimits.mentionsPerPost}
      />
      <FormAlert message={error} />
      <Group gap="xs">
        <FileButton onChange={(files) => void handleFiles(files)} multiple>
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconPaperclip size={16} aria-hidden />} disabled={draft.attachments.length >= discussionLimits.attachmentsPerPost} loading={uploading !== null}>
              {t("discussions.attach")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {uploading ? t("discussions.uploading", { name: uploading }) : t("discussions.attachHint", { mb: discussionLimits.attachmentMb, count: discussionLimits.attachmentsPerPost })}
        </Text>
      </Group>
      {draft.attachments.length > 0 && (
        <Group gap="xs">
          {draft.attachments.map((a) => (
            <Group key={a.id} gap={4} wrap="nowrap">
              <Text size="sm">{a.fileName}</Text>
              <ActionIcon
                variant="subtle"
                aria-label={t("discussions.attachRemove", { name: a.fileName })}
                onClick={() => onChange({ ...draft, attachments: draft.attachments.filter((x) => x.id !== a.id) })}
              >
                <IconX size={14} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </Group>
      )}
    </Stack>
  );
}
