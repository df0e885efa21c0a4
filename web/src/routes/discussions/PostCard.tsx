import { Anchor, Badge, Button, Group, Image, Modal, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPaperclip } from "@tabler/icons-react";
import { discussionReactionKinds, type TPost, type TReactionKind } from "@stoa/contracts";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { usePostActions, usePostEdits } from "../../api/discussions";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { RichTextEditor } from "../../components/RichTextEditor";
import { RichTextView } from "../../components/RichTextView";
import { formatDateTime } from "../../lib/format";
import { AddStoaWorkToPortfolio } from "../portfolio/AddStoaWorkToPortfolio";
import { ReplyBox } from "./ReplyBox";
import { ReportPostButton } from "./ReportPostButton";

const reactionIcons: Record<TReactionKind, string> = { like: "👍", thanks: "🙏", insightful: "💡", question: "❓", agree: "✅" };

interface Props {
  post: TPost;
  isNew: boolean;
  threadId: string;
  boardId: string;
  canReply: boolean;
  moderate: boolean;
  /** Flat view: whose post this one answers. */
  replyingTo?: string;
}

/** One post: who and when, the body (or why it is not shown), files, reactions and what the reader may do. */
export function PostCard({ post, isNew, threadId, boardId, canReply, moderate, replyingTo }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const actions = usePostActions(threadId);
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [historyOpen, history] = useDisclosure(false);
  const [hideOpen, hider] = useDisclosure(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `post-${post.id}-heading`;
  const shown = post.state === "visible" || (post.state === "hidden" && post.body !== "");

  const handleReact = (kind: TReactionKind, on: boolean) => {
    setError(null);
    actions.react.mutate({ postId: post.id, kind, on }, { onError: (e) => setError(errorMessage(e)) });
  };

  return (
    <Paper withBorder p="md" radius="md" component="article" id={`post-${post.id}`} aria-labelledby={headingId} style={isNew ? { borderLeft: "4px solid var(--mantine-color-blue-filled)" } : undefined}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text fw={700} id={headingId} component="h3" fz="md" m={0}>
              {post.author.name}
            </Text>
            <Text size="sm" c="dimmed">
              {formatDateTime(post.createdAt)}
            </Text>
            {replyingTo && <Text size="sm" c="dimmed">→ {replyingTo}</Text>}
            {isNew && <Badge color="blue">{t("discussions.new")}</Badge>}
            {post.status === "pending" && <Badge color="yellow" c="dark">{t("discussions.waitingApproval")}</Badge>}
            {post.status === "rejected" && <Badge color="red">{t("discussions.rejected")}</Badge>}
            {post.editedAt && (
              <Anchor component="button" type="button" size="sm" onClick={history.open}>
                ({t("discussions.edited")})
              </Anchor>
            )}
          </Group>
        </Group>

        {post.state === "deleted" && <Text fs="italic" c="dimmed">{t("discussions.deleted")}</Text>}
        {post.state === "hidden" && (
          <Text fs="italic" c="dimmed">
            {post.hiddenReason ? t("discussions.hiddenReason", { reason: post.hiddenReason }) : t("discussions.hidden")}
          </Text>
        )}
        {editing ? (
          <EditForm post={post} onDone={() => setEditing(false)} threadId={threadId} />
        ) : (
          shown && <RichTextView html={post.body} />
        )}

        {post.attachments.length > 0 && (
          <Stack gap={4}>
            {post.attachments.map((a) =>
              a.image ? (
                <Image key={a.id} src={a.url} alt={a.fileName} maw={480} radius="sm" />
              ) : (
                <Anchor key={a.id} href={a.url} size="sm">
                  <Group gap={4} component="span">
                    <IconPaperclip size={14} aria-hidden />
                    {a.fileName}
                  </Group>
                </Anchor>
              ),
            )}
          </Stack>
        )}

        {post.state === "visible" && post.status === "published" && (
          <Group gap={6} role="group" aria-label={t("discussions.reactionsLabel")}>
            {discussionReactionKinds.map((kind) => {
              const r = post.reactions.find((x) => x.kind === kind);
              const label = t(`discussions.reactions.${kind}`);
              return (
                <Button
                  key={kind}
                  size="compact-md"
                  variant={r?.mine ? "filled" : "default"}
                  aria-pressed={r?.mine ?? false}
                  aria-label={t("discussions.reactionCount", { label, count: r?.count ?? 0 })}
                  title={label}
                  onClick={() => handleReact(kind, !(r?.mine ?? false))}
                  disabled={!canReply && !moderate}
                >
                  <span aria-hidden>{reactionIcons[kind]}</span>
                  {r && r.count > 0 && <span style={{ marginLeft: 4 }}>{r.count}</span>}
                </Button>
              );
            })}
          </Group>
        )}
        <FormAlert message={error} />

        <Group gap="xs">
          {canReply && post.state !== "deleted" && (
            <Button variant="subtle" size="sm" onClick={() => setReplying((v) => !v)} aria-expanded={replying}>
              {t("discussions.reply")}
            </Button>
          )}
          {post.canEdit && !editing && (
            <Button variant="subtle" size="sm" onClick={() => setEditing(true)}>
              {t("discussions.edit")}
            </Button>
          )}
          {post.canDelete && (
            <ConfirmButton
              variant="subtle"
              size="sm"
              label={t("discussions.delete")}
              title={t("discussions.deleteTitle")}
              message={t("discussions.deleteMessage")}
              onConfirm={() => actions.remove.mutateAsync(post.id)}
            />
          )}
          {moderate && post.state === "visible" && (
            <Button variant="subtle" size="sm" color="orange" onClick={hider.open}>
              {t("discussions.hide")}
            </Button>
          )}
          {moderate && post.state === "hidden" && (
            <Button variant="subtle" size="sm" onClick={() => actions.hide.mutate({ postId: post.id, reason: null })}>
              {t("discussions.unhide")}
            </Button>
          )}
          {post.state === "visible" && <ReportPostButton postId={post.id} />}
        </Group>
        {post.mine && post.state === "visible" && post.status === "published" && !editing && <AddStoaWorkToPortfolio postId={post.id} />}
        {replying && (
          <ReplyBox threadId={threadId} boardId={boardId} parent={{ id: post.id, authorName: post.author.name }} approvalNeeded={false} onDone={() => setReplying(false)} />
        )}
      </Stack>
      <HistoryModal postId={post.id} opened={historyOpen} onClose={history.close} />
      {moderate && <HideModal postId={post.id} threadId={threadId} opened={hideOpen} onClose={hider.close} />}
    </Paper>
  );
}

function EditForm({ post, threadId, onDone }: { post: TPost; threadId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const { edit } = usePostActions(threadId);
  const [body, setBody] = useState(post.body);
  const [error, setError] = useState<string | null>(null);
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await edit.mutateAsync({ postId: post.id, body });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <form onSubmit={(e) => void handleSubmit(e)}>
      <Stack gap="xs">
        <FormAlert message={error} />
        <RichTextEditor label={t("discussions.editLabel")} value={body} onChange={setBody} minHeight={100} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("discussions.cancel")}
          </Button>
          <Button type="submit" loading={edit.isPending}>
            {t("discussions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function HistoryModal({ postId, opened, onClose }: { postId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const edits = usePostEdits(postId, opened);
  return (
    <Modal opened={opened} onClose={onClose} title={t("discussions.historyTitle")} size="lg">
      {edits.isPending && <Text>{t("discussions.loading")}</Text>}
      {edits.data && edits.data.length === 0 && <Text>{t("discussions.historyEmpty")}</Text>}
      <Stack>
        {edits.data?.map((e) => (
          <Paper key={e.editedAt} withBorder p="sm">
            <Text size="sm" c="dimmed" mb={4}>
              {t("discussions.historyEntry", { date: formatDateTime(e.editedAt), name: e.editedBy.name })}
            </Text>
            <RichTextView html={e.body} />
          </Paper>
        ))}
      </Stack>
    </Modal>
  );
}

function HideModal({ postId, threadId, opened, onClose }: { postId: string; threadId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const { hide } = usePostActions(threadId);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await hide.mutateAsync({ postId, reason });
      setReason("");
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t("discussions.hide")}>
      <form onSubmit={(e) => void handleSubmit(e)}>
        <Stack>
          <FormAlert message={error} />
          <TextInput label={t("discussions.hideReason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required maxLength={500} data-autofocus />
          <Group justify="flex-end">
            <Button type="submit" color="orange" loading={hide.isPending}>
              {t("discussions.hideConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
